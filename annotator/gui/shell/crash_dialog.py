"""The one place unexpected errors end up: logged to a file, then shown in a crash dialog.

Known problems (AnnotatorError) are shown as a plain message instead. Nothing needs
saving in either case: every change was committed when it was made.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.shell.plain_text import literal

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

_CRASH_MESSAGE = (
    "<b>Annotator ran into a problem it did not expect.</b><br><br>"
    "Your work is safe: every change was saved the moment you made it. "
    "You can keep working, or quit and reopen the project.<br><br>"
    "The details below were written to the log file. Please include them when you report this."
)


class CrashDialog(QDialog):
    """The traceback, selectable, with Copy and Quit."""

    def __init__(self, text: str, log_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Annotator: unexpected error")
        self.setObjectName("CrashDialog")
        message = QLabel(_CRASH_MESSAGE, self)
        message.setWordWrap(True)
        self.details = QPlainTextEdit(text, self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        if log_path is not None:
            where = QLabel(f"Log file: {log_path}", self)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        layout.addWidget(self.details, 1)
        copy = QPushButton("Copy details", self)
        quit_button = QPushButton("Quit", self)
        keep = QPushButton("Keep working", self)
        keep.setDefault(True)
        copy.clicked.connect(self._on_copy_clicked)
        quit_button.clicked.connect(self._on_quit_clicked)
        keep.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(keep)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    def _on_quit_clicked(self) -> None:
        self.accept()
        app = QApplication.instance()
        if app is not None:
            app.quit()


# -- what the hook shows (module level so tests can monkeypatch them) ---------------------
_log_path: Path | None = None


def show_crash(text: str) -> None:
    """Show a crash dialog with `text`; without a running application, print it."""
    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    dialog = CrashDialog(text, _log_path, QApplication.activeWindow())
    dialog.exec()
    dialog.deleteLater()


def show_error(message: str) -> None:
    """Show an expected problem as a plain message."""
    if QApplication.instance() is None:
        print(message, file=sys.stderr)
        return
    QMessageBox.warning(QApplication.activeWindow(), "Annotator", literal(message))


def install_excepthook(log_path: Path | str) -> ExceptHook:
    """Route uncaught exceptions here: log and show a crash, or show a known error plainly.

    Returns the hook (already installed as `sys.excepthook`). Failing to write the log
    never hides the dialog, and an error while a crash dialog is open is only logged.
    """
    global _log_path
    _log_path = Path(log_path)
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, AnnotatorError):
            _write_log(_log_path, f"Known error: {exc}\n")
            show_error(str(exc))
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        _write_log(_log_path, text)
        if showing:  # a crash inside the crash dialog: logged, not shown again
            return
        showing = True
        try:
            show_crash(text)
        finally:
            showing = False

    sys.excepthook = hook
    return hook


def _write_log(path: Path | None, text: str) -> None:
    if path is None:
        return
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{text}\n")
    except OSError as error:
        # The dialog still shows the details; say on stderr why the log has none.
        print(f"Could not write the log {path}: {error}", file=sys.stderr)
