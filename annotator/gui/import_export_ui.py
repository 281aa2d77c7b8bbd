"""Import and export from the GUI: choosing files, reporting the outcome, progress with cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.session import ProjectSession
from annotator.services.document_import import import_files
from annotator.services.export import ExportCancelledError, export_project

IMPORT_FILTER = (
    "Articles and annotations (*.txt *.md *.markdown *.html *.htm *.jsonl *.json);;"
    "Plain text (*.txt);;Markdown (*.md *.markdown);;HTML (*.html *.htm);;JSON Lines (*.jsonl);;All files (*)"
)
EXPORT_FORMATS = {"jsonl": ("Annotator JSONL (*.jsonl)", ".jsonl")}


def ask_import_paths(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
    return [Path(p) for p in paths]


def run_import(parent: QWidget, session: ProjectSession, paths: list[Path] | None = None) -> bool:
    """Import `paths` (asking when None); all or nothing, with a message either way."""
    chosen = paths if paths is not None else ask_import_paths(parent)
    if not chosen:
        return False
    try:
        report = import_files(session.store, chosen, annotator=session.annotator)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Import failed", f"Nothing was imported.\n\n{exc}")
        return False
    session.documents_did_change()
    QMessageBox.information(parent, "Import", report.summary())
    return True


def run_export(parent: QWidget, session: ProjectSession) -> bool:
    """Ask for a file and write the native JSONL of every annotator, with cancellable progress."""
    fmt = "jsonl"
    file_filter, suffix = EXPORT_FORMATS[fmt]
    suggestion = str(session.store.path.with_suffix(suffix))
    path, _ = QFileDialog.getSaveFileName(parent, "Export annotations", suggestion, file_filter)
    if not path:
        return False
    progress = QProgressDialog("Exporting…", "Cancel", 0, 100, parent)
    progress.setMinimumDuration(400)

    def on_progress(done: int, total: int) -> bool:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        QCoreApplication.processEvents()
        return not progress.wasCanceled()

    try:
        report = export_project(session.store, fmt, Path(path), progress=on_progress)
    except ExportCancelledError:
        return False
    except (AnnotatorError, OSError) as exc:
        QMessageBox.warning(parent, "Export failed", f"Nothing was written.\n\n{exc}")
        return False
    finally:
        progress.close()
    QMessageBox.information(
        parent,
        "Export",
        f"Wrote {report.documents} documents and {report.spans} annotations to {path}.",
    )
    return True
