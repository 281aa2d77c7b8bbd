"""The project's annotation guidelines: read rendered, edit as Markdown, save as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.commands import SetSettingCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.safe_text_browser import SafeTextBrowser
from annotator.services.rich_text import render_note_html

SETTING_KEY = "guidelines"
EMPTY_GUIDELINES = (
    "<p style='color: gray'>No guidelines yet. Click <b>Edit</b> to write them in Markdown: "
    "what each label means, how to choose a stance, and tricky cases.</p>"
)


class GuidelinesPanel(QWidget):
    """Rendered guidelines with an Edit toggle; Save pushes SetSettingCommand, Cancel discards."""

    editing_changed = Signal(bool)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.viewer = SafeTextBrowser()
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("# Guidelines\n\nWrite the guidelines in Markdown…")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(mono)
        self.edit_button = QPushButton("Edit")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip("Edit the guidelines (Markdown)")
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.hint_label = QLabel(
            "Markdown: # heading, **bold**, *italic*, - list, [link](https://…)"
        )
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")
        self.hint_label.setWordWrap(True)
        self.title_label = QLabel("Project guidelines")
        self.title_label.setStyleSheet("font-weight: 600;")
        self._pages = QStackedWidget()
        self._pages.addWidget(self.viewer)
        self._pages.addWidget(self.editor)
        self._build_layout()
        self._connect_signals()
        self._stale = True  # rendered when first shown: it sits behind other dock tabs
        self._set_editing(False)

    # -- public ------------------------------------------------------------------------
    def text(self) -> str:
        return self._session.store.settings.get(SETTING_KEY)

    def is_editing(self) -> bool:
        return self.edit_button.isChecked()

    def ensure_rendered(self) -> None:
        """Render if not done yet: called when the dock's tab is first raised, so that
        start-up (with the guidelines behind another tab) does not pay for Markdown."""
        if self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Not tabified (e.g. floating or alone): it is really on screen.
        if self._stale and not self.visibleRegion().isEmpty():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Re-render the stored guidelines (the editor keeps unsaved text)."""
        self._stale = False
        text = self.text()
        self.viewer.set_safe_html(render_note_html(text) if text.strip() else EMPTY_GUIDELINES)
        self.edit_button.setEnabled(not self._session.read_only)

    def save(self) -> None:
        """Store the edited text as one undoable step and go back to reading."""
        text = self.editor.toPlainText()
        if text != self.text():
            self._session.undo_stack.push(
                SetSettingCommand(self._session, SETTING_KEY, text, "Edit guidelines")
            )
        self.edit_button.setChecked(False)

    def cancel(self) -> None:
        self.edit_button.setChecked(False)

    # -- building ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.hint_label, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self._pages, 1)

    def _connect_signals(self) -> None:
        self.edit_button.toggled.connect(self._set_editing)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self._session.settings_changed.connect(self._on_setting_changed)
        self._session.external_change_detected.connect(self.refresh)

    # -- slots -------------------------------------------------------------------------
    def _set_editing(self, editing: bool) -> None:
        if editing:
            self.editor.setPlainText(self.text())
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._pages.setCurrentWidget(self.editor if editing else self.viewer)
        self.edit_button.setVisible(not editing)
        self.title_label.setVisible(not editing)
        for widget in (self.save_button, self.cancel_button, self.hint_label):
            widget.setVisible(editing)
        self.editing_changed.emit(editing)

    def _on_setting_changed(self, key: str) -> None:
        if key == SETTING_KEY:
            self.refresh()
