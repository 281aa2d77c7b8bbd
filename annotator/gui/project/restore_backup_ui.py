"""File → Restore from Backup, end to end: choose, confirm, restore, reopen.

The project is closed first (the undo history refers to what is about to be replaced,
and a change still waiting for a busy project gets its last try), restored through
`ProjectStore.restore` (which backs up the current content first), then reopened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.project.restore_backup_dialog import RestoreBackupDialog
from annotator.gui.shell.plain_text import literal
from annotator.store.project_store import ProjectStore


def confirm_restore(parent: QWidget, project: Path, backup: Path) -> bool:
    """Ask before replacing the project (tests monkeypatch this)."""
    answer = QMessageBox.question(
        parent,
        "Restore from Backup",
        literal(
            f"Replace everything in {project.name} with the backup {backup.name}?\n\n"
            "What the project holds now is backed up first, and the undo history is cleared."
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def run_restore(
    parent: QWidget,
    project: Path,
    close_project: Callable[[], None],
    reopen: Callable[[Path], object],
) -> Path | None:
    """Restore `project` from a backup the user picks; returns the backup of what it held."""
    backup = RestoreBackupDialog.ask(parent, project)
    if backup is None or not confirm_restore(parent, project, backup):
        return None
    close_project()
    kept: Path | None = None
    try:
        with ProjectStore.open(project) as store:
            kept = store.restore(backup)
    except AnnotatorError as exc:
        QMessageBox.warning(
            parent,
            "Restore failed",
            literal(f"Nothing was restored; the project is unchanged.\n\n{exc}"),
        )
    reopen(project)
    return kept
