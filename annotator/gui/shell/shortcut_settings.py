"""The analyst's own shortcuts for the main window's actions, kept in QSettings.

A customised action has exactly the key sequence chosen (or none); the others keep what
window_actions.py declares. A key already used by another action of the window, or one
the text needs for moving and selecting, is refused with the reason, so no shortcut is
ever bound twice (Qt would then run neither).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence

from annotator.gui.shell.window_actions import ACTIONS, ActionSpec

GROUP = "shortcuts"
PORTABLE = QKeySequence.SequenceFormat.PortableText
# What the text view and the docks need: moving, selecting, leaving a box, activating.
RESERVED = frozenset(
    QKeySequence(k).toString(PORTABLE)
    for base in (
        "Left", "Right", "Up", "Down", "Home", "End", "PgUp", "PgDown", "Tab", "Backtab",
        "Return", "Enter", "Esc", "Space",
    )
    for k in (base, f"Shift+{base}", f"Ctrl+{base}", f"Ctrl+Shift+{base}")
    if not (base in ("Tab", "Backtab", "PgUp", "PgDown") and "Ctrl" in k)
) | {"Ctrl+A", "Ctrl+C"}  # fmt: skip


def text_of(sequence: QKeySequence) -> str:
    return sequence.toString(PORTABLE)


def key_holder(shortcut: str, keys: Mapping[str, str]) -> str | None:
    """Whose `shortcut` is in `keys` (portable key text -> action name), if anyone's."""
    return keys.get(QKeySequence(shortcut).toString(PORTABLE)) if shortcut else None


def plain_name(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip("… ")


class ShortcutSettings:
    """Reads, checks, stores and applies the customised shortcuts."""

    def __init__(self, settings: QSettings, specs: tuple[ActionSpec, ...] = ACTIONS):
        self._settings = settings
        self._specs = {spec.id: spec for spec in specs}

    def customised(self, action_id: str) -> QKeySequence | None:
        """The chosen sequence (empty: removed), or None when the default applies."""
        value = self._settings.value(f"{GROUP}/{action_id}")
        if value is None or action_id not in self._specs:
            return None
        return QKeySequence(str(value), PORTABLE)

    def sequences(self, action_id: str) -> list[QKeySequence]:
        """What triggers the action now: the customised sequence, else the declared ones."""
        custom = self.customised(action_id)
        if custom is not None:
            return [] if custom.isEmpty() else [custom]
        return self._specs[action_id].key_sequences()

    def refusal(
        self, action_id: str, sequence: QKeySequence, bound: Iterable[QAction]
    ) -> str | None:
        """Why `sequence` cannot trigger `action_id` (None: it can). `bound` is every action
        of the window, with the shortcuts it has now."""
        if sequence.isEmpty():
            return None
        key = text_of(sequence)
        if sequence.count() > 1:
            return "Use a single key combination (like Ctrl+Shift+K), not a sequence of them."
        if key in RESERVED:
            return f"{key} moves or selects in the text; choose another key."
        for action in bound:
            if action.objectName() == action_id:
                continue
            if any(text_of(s) == key for s in action.shortcuts()):
                return f"{key} is already “{plain_name(action)}”; change that one first."
        return None

    def assign(
        self, action: QAction, sequence: QKeySequence, bound: Iterable[QAction]
    ) -> str | None:
        """Give `action` exactly `sequence` (empty: no shortcut), stored and applied; or the
        reason it was refused, leaving everything as it was."""
        action_id = action.objectName()
        if action_id not in self._specs:
            return "This action's key comes from the scheme: change it in Edit Scheme."
        reason = self.refusal(action_id, sequence, bound)
        if reason is not None:
            return reason
        self._settings.setValue(f"{GROUP}/{action_id}", text_of(sequence))
        self._settings.sync()
        action.setShortcuts([] if sequence.isEmpty() else [sequence])
        return None

    def reset(self, action: QAction, bound: Iterable[QAction]) -> str | None:
        """Back to the declared shortcuts, unless another action has taken one meanwhile."""
        action_id = action.objectName()
        if action_id not in self._specs:
            return None
        for sequence in self._specs[action_id].key_sequences():
            reason = self.refusal(action_id, sequence, bound)
            if reason is not None:
                return reason
        self._settings.remove(f"{GROUP}/{action_id}")
        self._settings.sync()
        action.setShortcuts(self._specs[action_id].key_sequences())
        return None

    def apply(self, actions_by_id: dict[str, QAction]) -> list[str]:
        """Give the window's actions their customised shortcuts (at start-up). A stored key
        another action has meanwhile (a newer version declared it) is not applied: the
        action keeps its own keys. Returns the ids whose stored key was set aside."""
        set_aside = []
        for action_id, action in actions_by_id.items():
            custom = self.customised(action_id) if action_id in self._specs else None
            if custom is None:
                continue
            others = [a for i, a in actions_by_id.items() if i != action_id]
            if self.refusal(action_id, custom, others) is not None:
                set_aside.append(action_id)
                continue
            action.setShortcuts(self.sequences(action_id))
        return set_aside
