"""File → Restore from Backup: the project's backups with their times and counts; pick one.

The list is store/backups.py's (newest first); each backup's counts are read from the
backup file itself, opened immutable, so listing changes nothing. Restoring is the
caller's (gui/project/restore_backup_ui.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.store import backups

HEADERS = ("Taken", "When", "Documents", "Annotations")


def describe_reason(reason: str) -> str:
    """What a backup's reason means to the analyst."""
    if reason.startswith("before-upgrade-v"):
        return f"before the upgrade from version {reason.removeprefix('before-upgrade-v')}"
    return {
        "open": "on opening",
        "periodic": "while working",
        "before-import": "before an import",
        "before-merge": "before a merge",
        "before-restore": "before a restore",
    }.get(reason, reason)


def describe_age(taken: datetime, now: datetime) -> str:
    seconds = max(0, int((now - taken).total_seconds()))
    if seconds < 60:
        return "just now"
    for size, unit in ((86_400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' * (count > 1)} ago"
    return ""


class RestoreBackupDialog(QDialog):
    def __init__(self, project: Path, parent: QWidget | None = None, now: datetime | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setMinimumWidth(620)
        self._backups = backups.list_backups(project)
        now = now or datetime.now(UTC)
        layout = QVBoxLayout(self)
        folder = backups.backup_folder(project)
        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # paths come from the file system
        intro.setWordWrap(True)
        if self._backups:
            intro.setText(
                f"Backups of {project.name}, newest first. Restoring replaces everything in "
                "the project with the chosen backup; what it holds now is backed up first, "
                "so a restore can be undone by restoring that backup."
            )
        else:
            intro.setText(f"{project.name} has no backups yet.")
        layout.addWidget(intro)
        self.table = QTableWidget(len(self._backups), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, backup in enumerate(self._backups):
            local = backup.taken_at.astimezone()
            when = f"{describe_reason(backup.reason)}, {describe_age(backup.taken_at, now)}"
            try:
                summary = backups.summarize(backup.path)
                counts = [f"{summary.documents:,}", f"{summary.spans:,}"]
            except AnnotatorError:
                counts = ["?", "unreadable"]
            cells = [local.strftime("%a %d %b %Y, %H:%M:%S"), when, *counts]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        layout.addWidget(self.table, 1)
        where = QLabel(f"Kept in {folder}", self)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setObjectName("hint")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok, self
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("Restore")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        if self._backups:
            self.table.selectRow(0)
        self._on_selection()
        self.resize(700, min(520, 160 + 30 * len(self._backups)))

    def _on_selection(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> Path | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self._backups[rows.pop()].path if rows else None

    @classmethod
    def ask(cls, parent: QWidget | None, project: Path) -> Path | None:
        """The backup the user chose to restore, or None (tests monkeypatch this)."""
        dialog = cls(project, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
