"""File → Team Hub…: join a hub (its address, no password) and sync now."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.hub.address import parse, shown

_EXPLANATION = (
    "<p>A team hub is one PostgreSQL database the whole team syncs with. You keep working "
    "in this file, offline too; your changes go to the hub and your colleagues' come back "
    "in the background, every two minutes and whenever you choose <i>File → Sync with Team "
    "Hub</i> (F9). The status bar says when you last synced and what still waits.</p>"
    "<p>Your lead gives you the address and your PostgreSQL name. The password is never "
    "typed here: keep it in <code>~/.pgpass</code> (or <code>PGPASSWORD</code>).</p>"
)


class TeamHubDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, current: str = "", status: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Team Hub")
        self.setMinimumWidth(520)
        intro = QLabel(_EXPLANATION, self)
        intro.setWordWrap(True)
        self.address = QLineEdit(current, self)
        self.address.setPlaceholderText("postgresql://you@hub.example.org/newsdesk?sslmode=require")
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self.problem.setProperty("tone", "error")
        form = QFormLayout()
        form.addRow("Hub address:", self.address)
        if status:
            form.addRow("Now:", QLabel(status, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.join_button = buttons.addButton(
            "Join and Sync Now" if not current else "Sync Now",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.address.textChanged.connect(lambda _: self.problem.setText(""))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def url(self) -> str:
        return self.address.text().strip()

    def _accept(self) -> None:
        if not self.url():
            self.problem.setText("Give the hub's address.")
            return
        try:
            parse(self.url())
        except AnnotatorError as exc:
            self.address.setText(shown(self.url()))  # never leave a password on screen
            self.problem.setText(str(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None, current: str = "", status: str = "") -> str | None:
        """The address to join (checked: no password), or None when cancelled."""
        dialog = cls(parent, current, status)
        try:
            return dialog.url() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
