"""Ask who is annotating, since every annotation records its annotator's name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

_EXPLANATION = (
    "Each annotation records the name of the person who made it, so that "
    "several analysts can annotate the same articles and be compared.\n\n"
    "Other annotators' work stays hidden while you annotate, unless you choose to show it."
)


class AnnotatorNameDialog(QDialog):
    """An editable list of the project's annotators; OK only with a non-blank name."""

    def __init__(self, parent: QWidget | None = None, current: str = "", known: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle("Who is annotating?")
        self.setObjectName("AnnotatorNameDialog")

        heading = QLabel("<b>Who is annotating?</b>", self)
        explanation = QLabel(_EXPLANATION, self)
        explanation.setWordWrap(True)

        self.name_combo = QComboBox(self)
        self.name_combo.setEditable(True)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = list(dict.fromkeys(n for n in known if n.strip()))
        self.name_combo.addItems(names)
        self.name_combo.setCurrentText(current)
        line_edit = self.name_combo.lineEdit()
        assert line_edit is not None  # editable combos have one
        line_edit.setPlaceholderText("Your name or initials")
        line_edit.setClearButtonEnabled(True)
        self.name_combo.setAccessibleName("Annotator name")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start annotating")

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addSpacing(4)
        layout.addWidget(self.name_combo)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

        self._connect_signals()
        self._on_text_changed(self.name_combo.currentText())
        line_edit.selectAll()
        self.name_combo.setFocus()

    def _connect_signals(self) -> None:
        self.name_combo.editTextChanged.connect(self._on_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def name(self) -> str:
        """The chosen name without surrounding spaces."""
        return self.name_combo.currentText().strip()

    def accept(self) -> None:
        if self.name():  # Enter in the combo reaches here even while OK is disabled
            super().accept()

    def _on_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    @classmethod
    def ask(
        cls, parent: QWidget | None = None, current: str = "", known: Sequence[str] = ()
    ) -> str | None:
        """The stripped name, or None when cancelled."""
        dialog = cls(parent, current, known)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name():
                return dialog.name()
            return None
        finally:
            dialog.deleteLater()
