"""The small form that edits a gold span (label, stance, note) or a gold document stance."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from annotator.core.model import Scheme, Span


class GoldEditDialog(QDialog):
    """A small form for a gold span's label, stance and note, or a gold document stance."""

    def __init__(
        self, scheme: Scheme, span: Span | None, stance: str | None, parent: QWidget | None
    ):
        super().__init__(parent)
        self.setWindowTitle("Edit gold")
        form = QFormLayout(self)
        self.label_box = QComboBox()
        self.label_box.addItems([item.name for item in scheme.labels])
        self.stance_box = QComboBox()
        self.stance_box.addItem("— no stance —", None)
        for item in scheme.stances:
            self.stance_box.addItem(item.name, item.name)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(72)
        if span is not None:
            self.label_box.setCurrentText(span.label)
            self.stance_box.setCurrentIndex(max(0, self.stance_box.findData(span.stance)))
            self.note_edit.setPlainText(span.note)
            form.addRow("Label", self.label_box)
        else:
            self.stance_box.setCurrentIndex(max(0, self.stance_box.findData(stance)))
        form.addRow("Stance", self.stance_box)
        if span is not None:
            form.addRow("Note", self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask_span(cls, parent: QWidget | None, scheme: Scheme, span: Span) -> dict[str, object]:
        """The fields the user changed ({} when cancelled or unchanged)."""
        dialog = cls(scheme, span, None, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return {}
            wanted: dict[str, object] = {
                "label": dialog.label_box.currentText(),
                "stance": dialog.stance_box.currentData(),
                "note": dialog.note_edit.toPlainText(),
            }
            return {k: v for k, v in wanted.items() if getattr(span, k) != v}
        finally:
            dialog.deleteLater()

    @classmethod
    def ask_stance(
        cls, parent: QWidget | None, scheme: Scheme, current: str | None
    ) -> tuple[bool, str | None]:
        """(accepted, stance): stance None clears gold's stance."""
        dialog = cls(scheme, None, current, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return accepted, dialog.stance_box.currentData()
        finally:
            dialog.deleteLater()
