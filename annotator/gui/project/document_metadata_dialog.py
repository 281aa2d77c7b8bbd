"""Edit a document's details (title, outlet, date, address); the text itself never changes."""

from __future__ import annotations

import re

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Document
from annotator.gui.commands import EditMetadataCommand
from annotator.gui.session import ProjectSession

# Accepts 2024, 2024-05, 2024-05-17 and a date-time; anything else is kept but flagged.
_ISO_DATE = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
FIELDS = ("title", "source", "published", "url")


class DocumentMetadataDialog(QDialog):
    """Title, source, published date and URL are editable; identity and length are shown."""

    def __init__(self, session: ProjectSession, document_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document: Document = session.document(document_id)
        self.setWindowTitle("Document details")
        self.setObjectName("DocumentMetadataDialog")
        doc = self._document

        self.title_edit = QLineEdit(doc.title, self)
        self.source_edit = QLineEdit(doc.source, self)
        self.source_edit.setPlaceholderText("Outlet, e.g. Reuters")
        self.published_edit = QLineEdit(doc.published, self)
        self.published_edit.setPlaceholderText("YYYY-MM-DD")
        self.published_edit.setToolTip("ISO 8601: 2024-05-17, or 2024-05-17T09:30:00Z")
        self.url_edit = QLineEdit(doc.url, self)
        self.url_edit.setPlaceholderText("https://…")
        self.date_warning = QLabel("Not an ISO date (YYYY-MM-DD); it will be kept as typed.", self)
        self.date_warning.setWordWrap(True)
        self.date_warning.setVisible(False)

        self.sha_edit = QLineEdit(doc.sha256, self)
        self.sha_edit.setReadOnly(True)
        self.sha_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.sha_edit.setCursorPosition(0)
        self.sha_edit.setToolTip(
            "Identifies the exact text; the same article imported twice is matched by it."
        )
        self.length_label = QLabel(f"{len(doc.text):,} characters", self)

        read_only = session.read_only
        for edit in self.editors().values():
            edit.setReadOnly(read_only)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Source:", self.source_edit)
        form.addRow("&Published:", self.published_edit)
        form.addRow("", self.date_warning)
        form.addRow("&URL:", self.url_edit)
        form.addRow("SHA-256:", self.sha_edit)
        form.addRow("Length:", self.length_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._connect_signals()
        self._on_published_edited(doc.published)

    def _connect_signals(self) -> None:
        self.published_edit.textChanged.connect(self._on_published_edited)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def editors(self) -> dict[str, QLineEdit]:
        return {
            "title": self.title_edit,
            "source": self.source_edit,
            "published": self.published_edit,
            "url": self.url_edit,
        }

    def changes(self) -> dict[str, str]:
        """Only the fields that differ from what is stored (surrounding spaces dropped)."""
        return {
            name: edit.text().strip()
            for name, edit in self.editors().items()
            if edit.text().strip() != getattr(self._document, name)
        }

    def apply(self) -> bool:
        """Push one undoable command with the changed fields; False when nothing changed."""
        changes = self.changes()
        if not changes or self._session.read_only:
            return False
        self._session.undo_stack.push(
            EditMetadataCommand(self._session, self._document.id, **changes)
        )
        return True

    def _on_published_edited(self, text: str) -> None:
        text = text.strip()
        self.date_warning.setVisible(bool(text) and not _ISO_DATE.match(text))

    @classmethod
    def edit(cls, parent: QWidget | None, session: ProjectSession, document_id: str) -> bool:
        """Show the dialog; True when the user changed something (pushed as one command)."""
        dialog = cls(session, document_id, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.apply()
            return False
        finally:
            dialog.deleteLater()
