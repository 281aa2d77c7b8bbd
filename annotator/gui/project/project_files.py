"""Opening and creating project files from the GUI, with the user's messages on failure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.store.project_store import PROJECT_SUFFIX, ProjectStore

PROJECT_FILTER = f"Annotator projects (*{PROJECT_SUFFIX});;All files (*)"


def ask_open_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open project", folder, PROJECT_FILTER)
    return Path(path) if path else None


def ask_new_path(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "New project", folder, PROJECT_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(PROJECT_SUFFIX)


def ask_copy_path(parent: QWidget | None, suggestion: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save a copy", suggestion, PROJECT_FILTER)
    return Path(path) if path else None


def save_copy(parent: QWidget, store: ProjectStore) -> Path | None:
    """Ask where, then write a consistent copy of the project; None if cancelled or failed."""
    path = ask_copy_path(parent, str(store.path.with_name(store.path.stem + " copy.annotator")))
    if path is None:
        return None
    try:
        store.save_copy(path)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Annotator", str(exc))
        return None
    except OSError as exc:  # the folder is read-only, the name is a folder, …
        QMessageBox.warning(parent, "Annotator", f"The copy was not saved: {exc.strerror or exc}")
        return None
    return path


def open_store(path: Path, *, create: bool = False) -> ProjectStore:
    """Open (or create) a project; raises ProjectError/NewerProjectError with a clear message.

    An existing file is checked whole (`PRAGMA quick_check`) before any view reads it:
    a damaged page would otherwise surface as a traceback in whichever view read it first,
    and every later save could spread the damage. DamagedProjectError names the latest
    backup (damaged_project_ui.py offers it).
    """
    if create:
        if path.exists():
            path.unlink()  # the save dialog already asked before overwriting
        return ProjectStore.create(path)
    store = ProjectStore.open(path)
    try:
        store.verify()
    except BaseException:
        store.close(optimize=False)
        raise
    return store
