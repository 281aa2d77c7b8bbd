"""Import and export from the GUI: choosing files and reporting the outcome (export: ExportDialog).

An import runs on a worker thread (services/recorded_import.py on the job's own
connection) behind a progress dialog with Cancel; the window's JobSlot holds the job, so
nothing else changes the project meanwhile. What the worker stored becomes one undoable
command here, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.gui.commands import ImportCommand
from annotator.gui.project.export_dialog import ExportDialog
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import (
    BackgroundJob,
    JobCancelledError,
    JobProgress,
    StoredJobReceiver,
)
from annotator.gui.shell.job_progress import JobProgressDialog
from annotator.gui.shell.plain_text import literal
from annotator.services.recorded_import import (
    ImportCancelledError,
    RecordedImport,
    import_recorded,
)
from annotator.store.project_store import ProjectStore

IMPORT_FILTER = (
    "Articles and annotations (*.txt *.md *.markdown *.html *.htm *.jsonl *.ndjson *.json);;"
    "Plain text (*.txt);;Markdown (*.md *.markdown);;HTML (*.html *.htm);;"
    "JSON Lines: Annotator, doccano (*.jsonl *.ndjson);;Label Studio JSON (*.json);;All files (*)"
)
UNCHANGED = "Nothing was imported; the project is unchanged."


def ask_import_paths(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
    return [Path(p) for p in paths]


def run_import(
    parent: QWidget, session: ProjectSession, paths: list[Path] | None = None
) -> BackgroundJob | None:
    """Import `paths` (asking when None) on a worker thread, all or nothing.

    Returns the started job (None when nothing was chosen); its outcome is reported with
    a message either way, and a stored import is pushed as one undoable command.
    """
    chosen = paths if paths is not None else ask_import_paths(parent)
    if not chosen:
        return None
    what = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} files"
    annotator = session.annotator

    def work(store: ProjectStore, progress: JobProgress) -> RecordedImport:
        try:
            return import_recorded(
                store, chosen, annotator=annotator, progress=progress, stage=progress.stage
            )
        except ImportCancelledError as exc:
            raise JobCancelledError() from exc

    job = BackgroundJob(session.store.path, work, writes=True)
    _ImportReceiver(job, parent, session, what)
    JobProgressDialog(job, "Import", f"Importing {what}…", parent)
    job.start()
    return job


class _ImportReceiver(StoredJobReceiver):
    """Takes the job's outcome on the GUI thread: one undoable ImportCommand, the report."""

    outcome_type = RecordedImport

    def __init__(
        self, job: BackgroundJob, parent: QWidget | None, session: ProjectSession, what: str
    ):
        super().__init__(job, parent, session)
        self._what = what

    def command(self, session: ProjectSession, outcome: RecordedImport) -> QUndoCommand:
        command = ImportCommand(session, outcome.store_again, self._what)
        return command.record_stored(outcome.report, outcome.added)

    def report(self, outcome: RecordedImport) -> None:
        message = outcome.report.summary() + " (Edit → Undo removes it.)"
        if outcome.report.skipped:
            # Nothing is dropped unsaid: what the project cannot hold is named, with counts.
            message += "\n\nNot imported (a project cannot hold these):\n• " + "\n• ".join(
                outcome.report.skipped
            )
        # The summary names labels and targets the files brought in: shown literally.
        QMessageBox.information(self.window(), "Import", literal(message))

    def report_failure(self, detail: str) -> None:
        QMessageBox.warning(self.window(), "Import failed", literal(f"{UNCHANGED}\n\n{detail}"))


def run_export(parent: QWidget, session: ProjectSession) -> bool:
    """Open the export dialog (format, whose, options, where); True when a file was written."""
    return ExportDialog.run(parent, session)
