"""Import and export from the GUI: choosing files and reporting the outcome (export: ExportDialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.commands import ImportCommand
from annotator.gui.project.export_dialog import ExportDialog
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import literal
from annotator.services.document_import import read_files
from annotator.services.formats import Skipped

IMPORT_FILTER = (
    "Articles and annotations (*.txt *.md *.markdown *.html *.htm *.jsonl *.ndjson *.json);;"
    "Plain text (*.txt);;Markdown (*.md *.markdown);;HTML (*.html *.htm);;"
    "JSON Lines: Annotator, doccano (*.jsonl *.ndjson);;Label Studio JSON (*.json);;All files (*)"
)


def ask_import_paths(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
    return [Path(p) for p in paths]


def run_import(parent: QWidget, session: ProjectSession, paths: list[Path] | None = None) -> bool:
    """Import `paths` (asking when None); all or nothing, with a message either way."""
    chosen = paths if paths is not None else ask_import_paths(parent)
    if not chosen:
        return False
    skipped = Skipped()
    try:
        documents = read_files(chosen, annotator=session.annotator, skipped=skipped)
    except AnnotatorError as exc:
        QMessageBox.warning(
            parent,
            "Import failed",
            literal(f"Nothing was imported; the project is unchanged.\n\n{exc}"),
        )
        return False
    what = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} files"
    command = ImportCommand(session, documents, what)
    session.undo_stack.push(command)
    if command.failure is not None or command.report is None:
        QMessageBox.warning(
            parent,
            "Import failed",
            literal(f"Nothing was imported; the project is unchanged.\n\n{command.failure}"),
        )
        return False
    message = command.report.summary() + " (Edit → Undo removes it.)"
    if skipped:
        # Nothing is dropped unsaid: what the project cannot hold is named, with counts.
        message += "\n\nNot imported (a project cannot hold these):\n• " + "\n• ".join(
            skipped.lines()
        )
    # The summary names labels and targets the files brought in: shown literally.
    QMessageBox.information(parent, "Import", literal(message))
    return True


def run_export(parent: QWidget, session: ProjectSession) -> bool:
    """Open the export dialog (format, whose, options, where); True when a file was written."""
    return ExportDialog.run(parent, session)
