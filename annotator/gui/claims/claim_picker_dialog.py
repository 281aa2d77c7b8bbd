"""A searchable list of claims to pick one from (link a span to it, merge into it, relate to it)."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.claims.claim_list_model import (
    CLAIM_ID_ROLE,
    SEARCH_ROLE,
    ClaimListModel,
    ClaimRow,
)


class ClaimPickerDialog(QDialog):
    """Type to filter (words anywhere in the wording, or the number); Enter picks."""

    def __init__(self, rows: list[ClaimRow], prompt: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Choose a Claim")
        self.resize(460, 380)
        self.model = ClaimListModel(self)
        self.model.set_claims(rows)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.prompt = QLabel(prompt, self)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._select_first()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_filter)
        self.search.returnPressed.connect(self.accept)
        self.list.activated.connect(lambda _index: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, rows: list[ClaimRow], prompt: str) -> str | None:
        """The chosen claim's id, or None when cancelled (tests monkeypatch this)."""
        dialog = cls(rows, prompt, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def chosen(self) -> str | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(CLAIM_ID_ROLE))

    def _on_filter(self, text: str) -> None:
        # Every word must appear somewhere: "experts signed" finds "Experts who signed".
        words = [w for w in text.split() if w]
        pattern = "".join(f"(?=.*{re.escape(w)})" for w in words)
        self.proxy.setFilterRegularExpression(pattern)
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0, QModelIndex()))
