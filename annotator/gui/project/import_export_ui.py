"""Import and export from the GUI: choosing files and reporting the outcome (export: ExportDialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.commands import ImportCommand
from annotator.gui.project.export_dialog import ExportDialog
from annotator.gui.session import ProjectSession
from annotator.services.document_import import read_files

IMPORT_FILTER = (
    "Articles and annotations (*.txt *.md *.markdown *.html *.htm *.jsonl *.json);;"
    "Plain text (*.txt);;Markdown (*.md *.markdown);;HTML (*.html *.htm);;JSON Lines (*.jsonl);;All files (*)"
)


def ask_import_paths(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
    return [Path(p) for p in paths]


def run_import(parent: QWidget, session: ProjectSession, paths: list[Path] | None = None) -> bool:
    """Import `paths` (asking when None); all or nothing, with a message either way."""
    chosen = paths if paths is not None else ask_import_paths(parent)
    if not chosen:
        return False
    try:
        documents = read_files(chosen, annotator=session.annotator)
    except AnnotatorError as exc:
        QMessageBox.warning(
            parent, "Import failed", f"Nothing was imported; the project is unchanged.\n\n{exc}"
        )
        return False
    what = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} files"
    command = ImportCommand(session, documents, what)
    session.undo_stack.push(command)
    if command.failure is not None or command.report is None:
        QMessageBox.warning(
            parent,
            "Import failed",
            f"Nothing was imported; the project is unchanged.\n\n{command.failure}",
        )
        return False
    QMessageBox.information(
        parent, "Import", command.report.summary() + " (Edit → Undo removes it.)"
    )
    return True


def run_export(parent: QWidget, session: ProjectSession) -> bool:
    """Open the export dialog (format, whose, options, where); True when a file was written."""
    return ExportDialog.run(parent, session)
