"""What the text offers about the spans under the pointer: their tooltip and the context menu.

The menu's fixed entries are declared in gui/shell/window_actions.py (CONTEXT_MENU_ACTIONS);
its labels and stance values come from the scheme. Choosing one calls back the view, which
turns it into its signals.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.model import Scheme, Span
from annotator.gui.shell.plain_text import css_color, isolated
from annotator.gui.shell.window_actions import (
    CONTEXT_MENU_ACTIONS,
    dynamic_action,
    make_action,
    spec,
)


@dataclass(frozen=True, slots=True)
class SpanMenuRequests:
    """What the menu's entries ask the view for."""

    label: Callable[[str], None]  # label name
    stance: Callable[[str, str], None]  # span id, stance ("" clears)
    note: Callable[[str], None]  # span id
    delete: Callable[[str], None]  # span id
    copy: Callable[[], None]


def span_tooltip(spans: list[Span], scheme: Scheme) -> str:
    """Rich text describing `spans`: label, annotator, stance and target, the note's start."""
    parts = []
    for span in spans:
        # Rich text on purpose, so every name is escaped and isolated (an RLO in a
        # label must not reverse the rest), and the colour is a colour.
        colour = css_color(scheme.color_of(span.label))
        head = (
            f"<span style='color:{colour}'>■</span> <b>{_shown(span.label)}</b>"
            f" <span style='color:#5f6368'>· {_shown(span.annotator)}</span>"
        )
        if span.stance:
            target = f" → {_shown(span.target)}" if span.target else ""
            head += f"<br>&nbsp;&nbsp;stance: {_shown(span.stance)}{target}"
        if span.note:
            note = "<br>".join(html.escape(line) for line in span.note.splitlines()[:3])
            head += f"<br>&nbsp;&nbsp;<i>{note}</i>"
        parts.append(head)
    return "<br>".join(parts)


def _shown(name: str) -> str:
    """A name from the project inside rich text: escaped and bidi-isolated."""
    return html.escape(isolated(name), quote=False)


def context_menu(
    parent: QWidget,
    scheme: Scheme,
    span: Span | None,
    has_selection: bool,
    requests: SpanMenuRequests,
) -> QMenu:
    """The menu for a selection and/or a span: labels, stance, note, delete, copy."""
    menu = QMenu(parent)
    if has_selection or span is not None:
        for item in scheme.labels:
            text = f"Label as {item.name}" + (f"\t{item.shortcut}" if item.shortcut else "")
            action = dynamic_action(text, f"Label the selection {item.name}", menu)
            action.triggered.connect(lambda _=False, n=item.name: requests.label(n))
            menu.addAction(action)
    if span is not None:
        span_id = span.id
        stances = menu.addMenu("Stance")
        for item in scheme.stances:
            action = dynamic_action(item.name, f"Set the stance: {item.name}", stances)
            action.setCheckable(True)
            action.setChecked(span.stance == item.name)
            action.triggered.connect(lambda _=False, v=item.name: requests.stance(span_id, v))
            stances.addAction(action)
        stances.addSeparator()
        none = _context_action("no_stance", stances)
        none.triggered.connect(lambda: requests.stance(span_id, ""))
        note = _context_action("edit_note", menu)
        note.triggered.connect(lambda: requests.note(span_id))
        delete = _context_action("delete_span", menu)
        delete.triggered.connect(lambda: requests.delete(span_id))
    if not menu.isEmpty():
        menu.addSeparator()
    copy = _context_action("copy", menu)
    copy.setEnabled(has_selection)
    copy.triggered.connect(requests.copy)
    return menu


def _context_action(action_id: str, menu: QMenu) -> QAction:
    """The context menu's fixed entry `action_id`, added to `menu`."""
    action = make_action(spec(CONTEXT_MENU_ACTIONS, action_id), menu)
    menu.addAction(action)
    return action
