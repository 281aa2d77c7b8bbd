"""The scheme editor: add, rename, recolour, rebind, reorder and delete labels, stances, targets.

The dialog holds one `SchemeKindPage` per kind (gui/scheme/scheme_kind_page.py) and its own
undo/redo, since the main window's shortcuts do not reach a separate window. Every
change is one command on `session.undo_stack`, so undo from anywhere shows here too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import SchemeKind
from annotator.core.span_edges import SNAP_SETTING
from annotator.gui.commands import SetSettingCommand
from annotator.gui.scheme.scheme_keys import WindowKeys, declared_window_keys
from annotator.gui.scheme.scheme_kind_page import KIND_TITLES, SchemeKindPage
from annotator.gui.session import ProjectSession
from annotator.gui.shell.window_actions import DIALOG_REDO, DIALOG_UNDO, make_action


class SchemeEditorDialog(QDialog):
    """Edit the project's labels, stance values and targets. Changes apply at once."""

    def __init__(
        self,
        session: ProjectSession,
        parent: QWidget | None = None,
        window_keys: WindowKeys = declared_window_keys,
    ):
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Edit scheme")
        self.setObjectName("SchemeEditorDialog")
        self.tabs = QTabWidget(self)
        self._pages = {
            kind: SchemeKindPage(session, kind, self, window_keys) for kind in SchemeKind
        }
        for kind, page in self._pages.items():
            self.tabs.addTab(page, KIND_TITLES[kind])

        # The main window's Ctrl+Z does not reach a separate window, so bring our own.
        stack = session.undo_stack
        self.undo_action = make_action(DIALOG_UNDO, self)
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action = make_action(DIALOG_REDO, self)
        self.redo_action.triggered.connect(stack.redo)
        self.addActions([self.undo_action, self.redo_action])
        undo_button = QToolButton(self)
        undo_button.setDefaultAction(self.undo_action)
        redo_button = QToolButton(self)
        redo_button.setDefaultAction(self.redo_action)
        self._connect_signals()
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self._on_undo_text_changed(stack.undoText())
        self._on_redo_text_changed(stack.redoText())

        # Exact-match agreement only means something when spans end where words do.
        self.snap_to_words = QCheckBox("Snap new annotations to whole words", self)
        self.snap_to_words.setToolTip(
            "A selection made in the app is always trimmed of surrounding spaces; with this on"
            " it also widens to the whole words it touches. Imported annotations keep their"
            " offsets exactly."
        )
        self.snap_to_words.setChecked(session.snap_to_words())
        self.snap_to_words.setEnabled(not session.read_only)
        self.snap_to_words.toggled.connect(self._on_snap_toggled)
        session.settings_changed.connect(self._on_setting_changed)

        read_only_note = QLabel("This project is open read-only.", self)
        read_only_note.setVisible(session.read_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        bottom = QHBoxLayout()
        bottom.addWidget(undo_button)
        bottom.addWidget(redo_button)
        bottom.addWidget(read_only_note)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.snap_to_words)
        layout.addLayout(bottom)
        self.resize(580, 440)

    def _connect_signals(self) -> None:
        # Short button texts; what would be undone goes in the tooltip, since a target
        # name can be a whole sentence. The slots take the signals' arguments and never
        # read the stack, which may be gone while this dialog still exists.
        stack = self._session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text_changed)
        stack.redoTextChanged.connect(self._on_redo_text_changed)

    def _on_snap_toggled(self, checked: bool) -> None:
        if checked != self._session.snap_to_words():
            text = "Snap to whole words" if checked else "Stop snapping to whole words"
            self._session.undo_stack.push(
                SetSettingCommand(self._session, SNAP_SETTING, "1" if checked else "0", text)
            )

    def _on_setting_changed(self, key: str) -> None:
        if key == SNAP_SETTING:
            self.snap_to_words.blockSignals(True)
            self.snap_to_words.setChecked(self._session.snap_to_words())
            self.snap_to_words.blockSignals(False)

    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_action.setToolTip(f"Undo {text}" if text else "Undo")

    def _on_redo_text_changed(self, text: str) -> None:
        self.redo_action.setToolTip(f"Redo {text}" if text else "Redo")

    @classmethod
    def open_for(
        cls,
        session: ProjectSession,
        parent: QWidget | None = None,
        window_keys: WindowKeys = declared_window_keys,
    ) -> SchemeEditorDialog:
        """Show the editor without blocking; reuses the one already open for `session`."""
        if parent is not None:
            for dialog in parent.findChildren(cls):
                if isinstance(dialog, cls) and dialog._session is session:
                    dialog.show()
                    dialog.raise_()
                    dialog.activateWindow()
                    return dialog
        dialog = cls(session, parent, window_keys)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def page(self, kind: SchemeKind) -> SchemeKindPage:
        return self._pages[kind]

    def show_kind(self, kind: SchemeKind) -> SchemeKindPage:
        """Bring the tab of `kind` to the front."""
        self.tabs.setCurrentWidget(self._pages[kind])
        return self._pages[kind]
