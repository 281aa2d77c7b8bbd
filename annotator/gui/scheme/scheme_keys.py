"""Which keys a label or stance value may take in the main window.

A scheme entry's key becomes a main-window shortcut (a stance's letter twice: alone for the
annotation, with Shift for the whole article), so a key another window action has, or one
the text needs for moving and selecting, would be bound twice and Qt would run neither
(issue #13: "Ambiguous shortcut overload"). Keys other scheme entries have are not refused
here: the editor offers to move those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QKeySequence

from annotator.core.model import SchemeItem, SchemeKind
from annotator.gui.shell.shortcut_settings import PORTABLE, RESERVED
from annotator.gui.shell.window_actions import ACTION_SETS
from annotator.gui.shell.window_menus import NO_DOCUMENT_STANCE_KEY, document_stance_key

# {portable key: the name of the main-window action that has it}
WindowKeys = Callable[[], dict[str, str]]


def declared_window_keys() -> dict[str, str]:
    """The main window's keys as declared (used when no window tells its live ones)."""
    keys = {NO_DOCUMENT_STANCE_KEY: "No Document Stance"}
    for spec in ACTION_SETS["Main window"]:
        name = spec.text.replace("&", "").strip("…◂▸ ")
        keys.update((s.toString(PORTABLE), name) for s in spec.key_sequences())
    return keys


def key_refusal(
    kind: SchemeKind, shortcut: str, window_keys: dict[str, str], others: Iterable[SchemeItem]
) -> str | None:
    """Why a `kind` entry cannot have `shortcut` (portable text; "" is always fine), or None.
    `others` are the scheme's other entries, with the keys they have now."""
    if not shortcut or kind is SchemeKind.TARGET:  # a target's key binds nothing
        return None
    key = QKeySequence.fromString(shortcut, PORTABLE).toString(PORTABLE)
    keys = [key]
    if kind is SchemeKind.STANCE and document_stance_key(key, True):
        keys.append(document_stance_key(key, True))  # what sets the article's stance
    for each in keys:
        if each in RESERVED:
            return f"{each} moves or selects in the text; choose another key."
        if each in window_keys:
            return (
                f"{each} is already “{window_keys[each]}” in the main window; choose another key."
            )
    document_key = keys[1] if len(keys) > 1 else ""
    for item in others:
        theirs = QKeySequence.fromString(item.shortcut, PORTABLE).toString(PORTABLE)
        if not theirs:
            continue
        if kind is SchemeKind.STANCE and item.kind is SchemeKind.LABEL and theirs == document_key:
            return f"{document_key} is the label “{item.name}”; choose another key."
        stance_of_the_article = item.kind is SchemeKind.STANCE and kind is SchemeKind.LABEL
        if stance_of_the_article and key == document_stance_key(theirs, True):
            return f"{key} sets the article's stance “{item.name}”; choose another key."
    return None
