"""Help → Keyboard Shortcuts: every shortcut, read from the actions themselves, searchable,
and the main window's changeable (ShortcutSettings stores them and refuses a clash).

The main window's rows come from its live QActions (so a changed key or a scheme's label
key shows as it is); the review window, scheme editor and context menu from their specs.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import plain_label
from annotator.gui.shell.shortcut_settings import ShortcutSettings, plain_name
from annotator.gui.shell.window_actions import ACTION_SETS, ActionSpec
from annotator.gui.shell.window_menus import WindowMenus

NATIVE = QKeySequence.SequenceFormat.NativeText
ACTION_ROLE = Qt.ItemDataRole.UserRole  # the main window's QAction of a row


SECTION_ROLE = Qt.ItemDataRole.UserRole + 1  # set on the rows naming a window
_MEDIA_KEYS = Qt.Key.Key_Back.value  # from here on, keys few keyboards have ("Open", "Find")


def keys_text(sequences: list[QKeySequence]) -> str:
    """The sequences as the platform writes them, leaving out dedicated media keys."""
    shown = [
        s.toString(NATIVE).replace("Shift+Backtab", "Shift+Tab")  # what the keycap says
        for s in sequences
        if not s.isEmpty() and s[0].key().value < _MEDIA_KEYS  # type: ignore[index]
    ]
    return ", ".join(shown)


class ShortcutSheet(QDialog):
    """The shortcut sheet of one main window (one at a time: Ctrl+/ raises it)."""

    def __init__(self, parent: QWidget, settings: QSettings, menus: WindowMenus):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts — Annotator")
        self.resize(980, 680)
        self._menus = menus
        self._shortcuts = ShortcutSettings(settings)
        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText("Search actions and keys (e.g. “column” or “Ctrl+T”)")
        self.filter_field.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Action", "Shortcut", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)  # descriptions wrap in the last column, never cut
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.key_edit = QKeySequenceEdit(self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setToolTip("Press the new key combination for the selected action")
        self.set_button = QPushButton("Set", self)
        self.set_button.setToolTip("Use the key pressed for the selected action")
        self.reset_button = QPushButton("Reset", self)
        self.reset_button.setToolTip("Back to the action's own shortcut")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("The action keeps no shortcut (its menu entry stays)")
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        self._build_layout()
        self.fill()
        self.filter_field.textChanged.connect(self.apply_filter)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._on_current_changed())
        self.set_button.clicked.connect(self._on_set)
        self.reset_button.clicked.connect(self._on_reset)
        self.remove_button.clicked.connect(self._on_remove)
        self._on_current_changed()

    @classmethod
    def open_for(cls, parent: QWidget, settings: QSettings, menus: WindowMenus) -> ShortcutSheet:
        sheet = parent.findChild(ShortcutSheet)
        if sheet is None:
            sheet = cls(parent, settings, menus)
        else:
            sheet.fill()
        sheet.show()
        sheet.raise_()
        sheet.activateWindow()
        sheet.filter_field.setFocus()
        return sheet

    def _build_layout(self) -> None:
        edit_row = QHBoxLayout()
        edit_row.addWidget(QLabel("New shortcut:", self))
        edit_row.addWidget(self.key_edit, 1)
        edit_row.addWidget(self.set_button)
        edit_row.addWidget(self.reset_button)
        edit_row.addWidget(self.remove_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # -- the rows --------------------------------------------------------------------
    def fill(self) -> None:
        """Rebuild the rows from the actions as they are now."""
        self.tree.clear()
        menus = self._menus
        live = [*menus.actions_by_id.values(), menus.undo_action, menus.redo_action]
        self._section("Main window (change a key below)")
        for action in live:
            self._row(plain_name(action), action.shortcuts(), action.statusTip(), action)
        scheme = [
            (kind, action)
            for kind, menu in (
                ("Label", menus.label_menu),
                ("Stance", menus.stance_menu),
                ("Document stance", menus.document_stance_menu),
            )
            for action in menu.actions()
        ]
        if scheme:
            self._section("Labels and stances (keys set in Edit Scheme)")
            for kind, action in scheme:
                name = plain_name(action)
                name = name if name.startswith("No ") else f"{kind}: {name}"
                self._row(name, action.shortcuts(), action.statusTip())
        for window, specs in ACTION_SETS.items():
            if window != "Main window":
                self._spec_section(window, specs)
        self.apply_filter(self.filter_field.text())

    def _spec_section(self, window: str, specs: tuple[ActionSpec, ...]) -> None:
        self._section(window)
        for spec in specs:
            name = spec.text.replace("&", "").strip("…◂▸ ")
            self._row(name, spec.key_sequences(), spec.tip)

    def _section(self, title: str) -> None:
        item = QTreeWidgetItem([title, "", ""])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setData(0, SECTION_ROLE, True)
        self.tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)  # only once in the tree

    def _row(
        self, name: str, keys: list[QKeySequence], tip: str, action: QAction | None = None
    ) -> None:
        item = QTreeWidgetItem(["    " + name, keys_text(keys), tip])
        item.setToolTip(2, tip)
        item.setData(0, ACTION_ROLE, action)
        self.tree.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str]]:
        """(action, shortcut) of every action row shown (not the section titles)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and not item.isHidden() and not item.data(0, SECTION_ROLE):
                out.append((item.text(0).strip(), item.text(1)))
        return out

    def apply_filter(self, text: str) -> None:
        """Show the rows whose action, keys or description hold every word of `text`."""
        words = text.casefold().split()
        section: QTreeWidgetItem | None = None
        section_used = False
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None:
                continue
            if item.data(0, SECTION_ROLE):
                if section is not None:
                    section.setHidden(not section_used)
                section, section_used = item, False
                continue
            haystack = " ".join(item.text(c) for c in range(3)).casefold()
            shown = all(w in haystack for w in words)
            item.setHidden(not shown)
            section_used = section_used or shown
        if section is not None:
            section.setHidden(not section_used)

    # -- changing a key --------------------------------------------------------------
    def _current_action(self) -> QAction | None:
        item = self.tree.currentItem()
        action = item.data(0, ACTION_ROLE) if item is not None else None
        return action if isinstance(action, QAction) else None

    def _on_current_changed(self) -> None:
        action = self._current_action()
        changeable = action is not None and action.objectName() in self._menus.actions_by_id
        for widget in (self.key_edit, self.set_button, self.reset_button, self.remove_button):
            widget.setEnabled(changeable)
        if action is not None:
            shortcuts = action.shortcuts()
            self.key_edit.setKeySequence(shortcuts[0] if shortcuts else QKeySequence())

    def assign(self, action: QAction, sequence: QKeySequence) -> str | None:
        """Give `action` the shortcut `sequence` (empty: none); the refusal, if refused."""
        reason = self._shortcuts.assign(action, sequence, self._bound())
        self._report(action, reason)
        return reason

    def reset(self, action: QAction) -> str | None:
        reason = self._shortcuts.reset(action, self._bound())
        self._report(action, reason)
        return reason

    def _bound(self) -> list[QAction]:
        window = self.parentWidget()
        return window.findChildren(QAction) if window is not None else []

    def _report(self, action: QAction, reason: str | None) -> None:
        if reason is None:
            keys = keys_text(action.shortcuts()) or "no shortcut"
            self.message.setText(f"“{plain_name(action)}”: {keys}.")
            ui_colors.set_tone(self.message, None)
            current = self.tree.currentIndex().row()
            self.fill()
            item = self.tree.topLevelItem(current)
            if item is not None:
                self.tree.setCurrentItem(item)
        else:
            self.message.setText(reason)
            ui_colors.set_tone(self.message, "error")

    def _on_set(self) -> None:
        action = self._current_action()
        if action is not None:
            self.assign(action, self.key_edit.keySequence())

    def _on_reset(self) -> None:
        action = self._current_action()
        if action is not None:
            self.reset(action)

    def _on_remove(self) -> None:
        action = self._current_action()
        if action is not None:
            self.assign(action, QKeySequence())
