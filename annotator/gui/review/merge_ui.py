"""Merging other annotators' project files from the GUI: choose, confirm, merge, report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.plural import counted
from annotator.gui.commands import MergeCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal

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
) -> bool:
    """Merge `paths` (asking when None) into the session's project, all or nothing.

    Returns True when the merge was committed. A missing or foreign file, the project
    itself, or a read-only project is reported with show_warning, and nothing changes.
    """
    if session.read_only:
        show_warning(
            parent,
            "Merge not possible",
            "This project is open read-only, so nothing can be merged into it.",
        )
        return False
    chosen = list(paths) if paths is not None else ask_merge_paths(parent)
    if not chosen or not confirm_merge(parent, chosen):
        return False
    command = MergeCommand(session, chosen)
    session.undo_stack.push(command)
    report = command.report
    if command.failure is not None or report is None:
        show_warning(parent, "Merge failed", f"Nothing was merged.\n\n{command.failure}")
        return False
    lines = [f.summary() for f in report.files]
    headline = f"Merged {counted(len(report.files), 'project file')}: {counted(report.spans_added, 'span')} added."
    if report.conflicts:
        headline += (
            f" {counted(report.conflicts, 'annotation')} differed from ours under the same id or passage;"
            " ours were kept."
        )
    show_info(parent, "Merge complete", "\n\n".join([headline, *lines]))
    return True
