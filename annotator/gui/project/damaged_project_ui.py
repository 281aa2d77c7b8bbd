"""Opening a damaged project from the GUI: say what is wrong, offer the latest backup.

The damaged file is never written to (a restore into it would go through the very pages
that are broken, and the analyst may want it for a recovery tool). What is offered is a
copy of the latest backup as a new project beside it, which is then opened; the message
shows what the backup holds and when it was taken, so the analyst knows what they get.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.gui.project.restore_backup_dialog import describe_age
from annotator.gui.shell.plain_text import literal
from annotator.store import backups
from annotator.store.project_store import ProjectStore

OPEN_COPY = "Open a Copy of the Backup"


class DamagedProjectBox(QMessageBox):
    """The message for a damaged project, with "Open a Copy of the Backup" when there is one."""

    def __init__(self, error: DamagedProjectError, parent: QWidget | None = None):
        super().__init__(parent)
        path = Path(error.path)
        self.backup = Path(error.backup) if error.backup else None
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Project damaged")
        self.setText(literal(f"{path.name} is damaged and was not opened."))
        details = [
            f"What is wrong: {error.detail.rstrip('.')}.",
            f"The file was left exactly as it was ({path}).",
        ]
        self.open_copy = None
        if self.backup is not None:
            details.append(_backup_sentence(path, self.backup))
            self.open_copy = self.addButton(OPEN_COPY, QMessageBox.ButtonRole.AcceptRole)
            self.addButton(QMessageBox.StandardButton.Cancel)
            self.setDefaultButton(self.open_copy)
        else:
            details.append(
                "No backup of it was found beside it "
                f"(backups are kept in {backups.backup_folder(path).name})."
            )
            self.addButton(QMessageBox.StandardButton.Close)
        self.setInformativeText(literal("\n\n".join(details)))

    def wants_copy(self) -> bool:
        return self.open_copy is not None and self.clickedButton() is self.open_copy


def _backup_sentence(project: Path, backup: Path) -> str:
    found = next((b for b in backups.list_backups(project) if b.path == backup.absolute()), None)
    when = ""
    if found is not None:
        local = found.taken_at.astimezone()
        when = f", taken {describe_age(found.taken_at, datetime.now(local.tzinfo))}"
        when += f" ({local.strftime('%Y-%m-%d %H:%M')})"
    try:
        summary = backups.summarize(backup)
        holds = f"holds {summary.documents} documents and {summary.spans} annotations"
    except AnnotatorError:
        holds = "could not be read"
    return (
        f"The latest backup{when} {holds}. Open a copy of it? The copy is saved as a new "
        "project beside this one; the damaged file is kept as it is."
    )


def offer_backup_copy(parent: QWidget, error: DamagedProjectError) -> Path | None:
    """Show the damage; when the analyst accepts, copy the latest backup beside the project.

    Returns the copy's path (for the caller to open), or None.
    """
    box = DamagedProjectBox(error, parent)
    box.exec()
    if not box.wants_copy() or box.backup is None:
        return None
    try:
        return ProjectStore.copy_of_backup(error.path, box.backup)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Backup not copied", literal(str(exc)))
        return None
