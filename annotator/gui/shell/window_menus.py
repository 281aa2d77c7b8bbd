"""The main window's menu bar, built from the specs in window_actions.py.

File … Help in MENU_ORDER, Open Recent, and the Annotate menu's Apply Label and Set Stance,
rebuilt from the scheme whenever it changes. The window keeps the layout and the slots:
`slot_for(action_id)` gives the slot each declared action triggers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.core.model import Scheme
from annotator.gui.shell.shortcut_settings import key_holder
from annotator.gui.shell.window_actions import (
    ACTIONS,
    MENU_ORDER,
    REDO,
    UNDO,
    dynamic_action,
    make_action,
    make_undo_actions,
)

# A separator goes before each of these, grouping the menus.
SEPARATED = ("import_files", "close_project", "edit_scheme", "change_annotator", "sync_scroll")


NO_DOCUMENT_STANCE_KEY = "Shift+Backspace"


def document_stance_key(stance_key: str, is_stance: bool) -> str:
    """The document-stance shortcut for a stance keyed `stance_key`: Shift plus that single
    key ("F" -> "Shift+F"); Shift+Backspace clears it; none for a chord or no key."""
    if not is_stance:
        return NO_DOCUMENT_STANCE_KEY
    if len(stance_key) == 1 and stance_key.isalpha():  # Shift+digit depends on the layout
        return f"Shift+{stance_key.upper()}"
    return ""


class WindowMenus:
    """The declared actions, the menus holding them and the scheme's label/stance actions."""

    def __init__(
        self,
        window: QMainWindow,
        undo_group: QUndoGroup,
        slot_for: Callable[[str], Callable[..., None]],
        recent_paths: Callable[[], list[Path]],
        open_recent: Callable[[Path], None],
    ):
        self._window = window
        self._recent_paths = recent_paths
        self._open_recent = open_recent
        self.actions_by_id: dict[str, QAction] = {}
        self._scheme_actions: list[QAction] = []
        self._build_actions(undo_group, slot_for)
        self._build_menus()

    def _build_actions(
        self, undo_group: QUndoGroup, slot_for: Callable[[str], Callable[..., None]]
    ) -> None:
        for spec in ACTIONS:
            action = make_action(spec, self._window)
            slot = slot_for(spec.id)
            if spec.checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False, s=slot: s())
            self.actions_by_id[spec.id] = action
        self.undo_action, self.redo_action = make_undo_actions(undo_group, self._window, UNDO, REDO)

    def _build_menus(self) -> None:
        window = self._window
        menus: dict[str, QMenu] = {name: window.menuBar().addMenu(name) for name in MENU_ORDER}
        menus["&Edit"].addAction(self.undo_action)
        menus["&Edit"].addAction(self.redo_action)
        menus["&Edit"].addSeparator()
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        for spec in ACTIONS:
            menu = menus[spec.menu]
            if spec.id == "save_copy":
                menu.addMenu(self.recent_menu)
                menu.addSeparator()
            if spec.id in SEPARATED:
                menu.addSeparator()
            menu.addAction(self.actions_by_id[spec.id])
        annotate_menu = menus["&Annotate"]
        self.label_menu = QMenu("Apply &Label", window)
        self.stance_menu = QMenu("Set &Stance", window)
        self.document_stance_menu = QMenu("Set &Document Stance", window)
        annotate_menu.insertMenu(annotate_menu.actions()[0], self.document_stance_menu)
        annotate_menu.insertMenu(self.document_stance_menu.menuAction(), self.stance_menu)
        annotate_menu.insertMenu(self.stance_menu.menuAction(), self.label_menu)
        annotate_menu.insertSeparator(self.actions_by_id["edit_scheme"])
        self.view_menu = menus["&View"]

    def update_enabled(self, has_project: bool, writable: bool) -> None:
        """Enable what makes sense without a project, or on a read-only one."""
        for spec in ACTIONS:
            enabled = (has_project or not spec.needs_project) and (writable or not spec.writes)
            self.actions_by_id[spec.id].setEnabled(enabled)
        self.label_menu.setEnabled(writable)
        self.stance_menu.setEnabled(writable)
        self.document_stance_menu.setEnabled(writable)

    def rebuild_scheme_actions(
        self,
        scheme: Scheme,
        apply_label: Callable[[str], None],
        apply_stance: Callable[[str], None],
        apply_document_stance: Callable[[str], None],
        window_keys: Mapping[str, str] | None = None,
    ) -> None:
        """One action per label and stance value with its shortcut (1–9, F/A/N/U by default),
        and per document stance: the stance's key with Shift (Shift+F: the whole article).
        A key in `window_keys` (portable text: the window's own actions have it, perhaps as
        the analyst chose it before this scheme gave it to a label) stays theirs: bound twice,
        Qt would run neither."""
        self.clear_scheme_actions()
        window = self._window

        def free(shortcut: str) -> str:
            return "" if key_holder(shortcut, window_keys or {}) else shortcut

        for item in scheme.labels:
            action = dynamic_action(
                item.name, f"Label the selection {item.name}", window, free(item.shortcut)
            )
            action.triggered.connect(lambda _c=False, name=item.name: apply_label(name))
            self.label_menu.addAction(action)
            window.addAction(action)
            self._scheme_actions.append(action)
        stances: list[tuple[str, str, str]] = [(i.name, i.name, i.shortcut) for i in scheme.stances]
        for text, stance, shortcut in [*stances, ("No Stance", "", "")]:
            tip = (
                f"Set the annotation's stance: {text}"
                if stance
                else "Clear the annotation's stance"
            )
            action = dynamic_action(text, tip, window, free(shortcut))
            action.triggered.connect(lambda _c=False, s=stance: apply_stance(s))
            self.stance_menu.addAction(action)
            window.addAction(action)
            self._scheme_actions.append(action)
        for text, stance, shortcut in [*stances, ("No Document Stance", "", "")]:
            tip = (
                f"My stance of the whole article (this column): {text}"
                if stance
                else "Clear my stance of the article in this column"
            )
            document_key = document_stance_key(shortcut, bool(stance))
            action = dynamic_action(text, tip, window, free(document_key))
            action.triggered.connect(lambda _c=False, s=stance: apply_document_stance(s))
            self.document_stance_menu.addAction(action)
            window.addAction(action)
            self._scheme_actions.append(action)

    def scheme_actions(self) -> list[QAction]:
        """The label, stance and document-stance actions made from the scheme."""
        return list(self._scheme_actions)

    def clear_scheme_actions(self) -> None:
        for action in self._scheme_actions:
            self._window.removeAction(action)
        self._scheme_actions = []
        self.label_menu.clear()
        self.stance_menu.clear()
        self.document_stance_menu.clear()

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self._recent_paths()
        for path in paths:
            action = dynamic_action(str(path), "Open this recent project", self.recent_menu)
            self.recent_menu.addAction(action)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        if not paths:
            none = dynamic_action(
                "No recent projects", "Projects you open appear here", self.recent_menu
            )
            none.setEnabled(False)
            self.recent_menu.addAction(none)
