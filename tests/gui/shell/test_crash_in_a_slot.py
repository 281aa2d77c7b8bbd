"""A bug inside a slot, as the running app meets it: the excepthook logs it and shows the
crash dialog (details to copy, the log's path), the work already done is in the project
file, and the window keeps working."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from annotator.gui.claims.claims_workbench import ClaimsWorkbench
from annotator.gui.session import ProjectSession
from annotator.gui.shell import crash_dialog
from annotator.gui.shell.crash_dialog import CrashDialog, install_excepthook
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

PHRASE = "More than 160 experts"
VOICE_OF_EMIRATES = "000_2c013282298383f6"


def label(window: MainWindow, phrase: str, key: str = "Claim") -> None:
    pane = window.panes.pane_showing(VOICE_OF_EMIRATES)
    start = pane.view.document_model.text.index(phrase)
    pane.view.select_range(start, start + len(phrase))
    window.controller.apply_label(key)


# pytest-qt would catch the exception itself; here it must reach sys.excepthook, as it
# does in the app.
@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_shows_the_crash_dialog_and_loses_nothing(
    qtbot, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "demo.annotator"
    with ProjectStore.created(path) as store:
        load_demo(store)
    log = tmp_path / "logs" / "crash.log"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook(log)
    monkeypatch.setattr(crash_dialog, "_log_path", log)
    shown: list[CrashDialog] = []

    def exec_(dialog: CrashDialog) -> int:  # instead of waiting on a modal dialog
        shown.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(CrashDialog, "exec", exec_)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.set_session(ProjectSession(ProjectStore.open(path), "alice"))
    label(window, PHRASE)  # committed at once

    def bug(self: ClaimsWorkbench) -> None:
        raise ZeroDivisionError("a bug in the claim matrix")

    monkeypatch.setattr(ClaimsWorkbench, "show_matrix", bug)
    window.actions_by_id["show_claim_matrix"].trigger()  # Qt calls the slot; it raises

    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    details = dialog.details.toPlainText()
    assert "ZeroDivisionError: a bug in the claim matrix" in details
    assert "_on_show_claim_matrix" in details  # the traceback names the slot
    assert dialog.details.isReadOnly()
    where = [w.text() for w in dialog.findChildren(QLabel) if str(log) in w.text()]
    assert where == [f"Log file: {log}"]
    assert "Your work is safe" in dialog.findChildren(QLabel)[0].text()
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert set(buttons) == {"Copy details", "Quit", "Keep working"}
    buttons["Copy details"].click()
    assert QGuiApplication.clipboard().text() == details
    assert "ZeroDivisionError: a bug in the claim matrix" in log.read_text(encoding="utf-8")
    buttons["Keep working"].click()

    # Nothing lost: another connection reads the annotation made before the crash…
    with ProjectStore.open(path, read_only=True) as reader:
        spans = reader.annotations.spans(VOICE_OF_EMIRATES)
        assert [(s.label, s.annotator) for s in spans] == [("Claim", "alice")]
    # …and the window still works after it.
    label(window, "Chinese-backed hackers", "Source")
    with ProjectStore.open(path, read_only=True) as reader:
        labels = {s.label for s in reader.annotations.spans(VOICE_OF_EMIRATES)}
        assert labels == {"Claim", "Source"}
    window.set_session(None)
