"""The excepthook: bugs are logged and shown as a crash, known errors as a message."""

from __future__ import annotations

import sys

import pytest

from annotator.core.errors import SchemeError
from annotator.gui.shell import crash_dialog
from annotator.gui.shell.crash_dialog import CrashDialog, install_excepthook


@pytest.fixture
def shown(monkeypatch):
    calls: dict[str, list[str]] = {"crash": [], "error": []}
    monkeypatch.setattr(crash_dialog, "show_crash", calls["crash"].append)
    monkeypatch.setattr(crash_dialog, "show_error", calls["error"].append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    return calls


def raised(error: BaseException):
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_bug_is_logged_and_shown(tmp_path, shown):
    log = tmp_path / "logs" / "annotator.log"
    hook = install_excepthook(log)
    assert sys.excepthook is hook
    hook(*raised(ZeroDivisionError("oops")))
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: oops" in text and "Traceback" in text
    assert len(shown["crash"]) == 1 and "ZeroDivisionError: oops" in shown["crash"][0]
    assert shown["error"] == []


def test_known_error_is_a_plain_message(tmp_path, shown):
    hook = install_excepthook(tmp_path / "annotator.log")
    hook(*raised(SchemeError("There is already a label named 'Claim'.")))
    assert shown["error"] == ["There is already a label named 'Claim'."]
    assert shown["crash"] == []


def test_unwritable_log_still_shows_the_crash(tmp_path, shown, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    hook = install_excepthook(blocker / "annotator.log")  # parent is a file
    hook(*raised(RuntimeError("x")))
    assert len(shown["crash"]) == 1
    assert "Could not write the log" in capsys.readouterr().err


def test_crash_dialog_shows_the_details(qtbot, tmp_path):
    dialog = CrashDialog("Traceback...\nValueError: x", tmp_path / "a.log")
    qtbot.addWidget(dialog)
    assert dialog.details.toPlainText().endswith("ValueError: x")
    assert dialog.details.isReadOnly()
