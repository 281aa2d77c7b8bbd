"""Merging other annotators' project files from the GUI: choose, confirm, merge, report.

The merge runs on a worker thread (services/recorded_merge.py on the job's own
connection) behind a progress dialog with Cancel; what it stored becomes one undoable
MergeCommand here, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import ProjectError
from annotator.core.plural import counted
from annotator.gui.commands import MergeCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import (
    BackgroundJob,
    JobCancelledError,
    JobProgress,
    StoredJobReceiver,
)
from annotator.gui.shell.job_progress import JobProgressDialog
from annotator.gui.shell.plain_text import literal
from annotator.services.recorded_merge import MergeCancelledError, RecordedMerge, merge_recorded
from annotator.store.project_store import ProjectStore

MERGE_FILTER = "Annotator projects (*.annotator);;All files (*)"


def ask_merge_paths(parent: QWidget | None) -> list[Path]:
    """Ask for one or more project files; empty when cancelled. Tests monkeypatch this."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "Merge annotators' projects", "", MERGE_FILTER)
    return [Path(p) for p in paths]


def confirm_merge(parent: QWidget | None, paths: list[Path]) -> bool:
    """Say what a merge does (adds only; one undoable step) and ask to go on."""
    names = "\n".join(f"  • {p.name}" for p in paths)
    answer = QMessageBox.question(
        parent,
        "Merge projects?",
        f"Bring the documents and annotations of\n\n{names}\n\ninto this project?\n\n"
        "A merge adds only: every annotation keeps its annotator, and nobody's work here is "
        "overwritten (where a file differs from ours, ours is kept and counted). "
        "Edit → Undo takes the whole merge back.",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Ok,
    )
    return answer == QMessageBox.StandardButton.Ok


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, literal(text))  # file names, annotator names


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, literal(text))


def run_merge(
    parent: QWidget | None, session: ProjectSession, paths: list[Path] | None = None
) -> BackgroundJob | None:
    """Merge `paths` (asking when None) into the session's project on a worker thread.

    Returns the started job (None when nothing was chosen or the project is read-only);
    the outcome is reported either way. A missing or foreign file or the project itself
    is reported with show_warning, and nothing changes; a stored merge is pushed as one
    undoable command.
    """
    if session.read_only:
        show_warning(
            parent,
            "Merge not possible",
            "This project is open read-only, so nothing can be merged into it.",
        )
        return None
    chosen = list(paths) if paths is not None else ask_merge_paths(parent)
    if not chosen or not confirm_merge(parent, chosen):
        return None

    def work(store: ProjectStore, progress: JobProgress) -> RecordedMerge:
        try:
            return merge_recorded(store, chosen, progress=progress, stage=progress.stage)
        except MergeCancelledError as exc:
            raise JobCancelledError() from exc
        except OSError as exc:
            raise ProjectError(f"Cannot read a project to merge: {exc}") from exc

    job = BackgroundJob(session.store.path, work, writes=True)
    _MergeReceiver(job, parent, session, chosen)
    what = counted(len(chosen), "project file")
    JobProgressDialog(job, "Merge", f"Merging {what}…", parent)
    job.start()
    return job


class _MergeReceiver(StoredJobReceiver):
    """Takes the job's outcome on the GUI thread: one undoable MergeCommand, the report."""

    outcome_type = RecordedMerge

    def __init__(
        self,
        job: BackgroundJob,
        parent: QWidget | None,
        session: ProjectSession,
        paths: list[Path],
    ):
        super().__init__(job, parent, session)
        self._paths = paths

    def command(self, session: ProjectSession, outcome: RecordedMerge) -> QUndoCommand:
        command = MergeCommand(session, self._paths)
        return command.record_stored(outcome.report, outcome.added, outcome.done_before)

    def report(self, outcome: RecordedMerge) -> None:
        report = outcome.report
        lines = [f.summary() for f in report.files]
        headline = f"Merged {counted(len(report.files), 'project file')}: {counted(report.spans_added, 'span')} added."
        if report.conflicts:
            headline += (
                f" {counted(report.conflicts, 'annotation')} differed from ours under the same id or passage;"
                " ours were kept."
            )
        show_info(self.window(), "Merge complete", "\n\n".join([headline, *lines]))

    def report_failure(self, detail: str) -> None:
        show_warning(self.window(), "Merge failed", f"Nothing was merged.\n\n{detail}")
