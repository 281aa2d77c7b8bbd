"""Help → Keyboard Shortcuts: the sheet is made from the live actions, finds as you type,
and changes a key for good (QSettings) unless another action has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.shortcut_sheet import ShortcutSheet

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def settings_at(path: Path) -> QSettings:
    return QSettings(str(path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, tmp_path: Path, session):
    main = MainWindow(settings_at(tmp_path))
    qtbot.addWidget(main)
    main.set_session(session)
    yield main
    main.set_session(None)


@pytest.fixture
def sheet(window, qtbot) -> ShortcutSheet:
    window.actions_by_id["keyboard_shortcuts"].trigger()
    found = window.findChild(ShortcutSheet)
    assert found is not None
    return found


def test_the_sheet_lists_every_action_with_its_keys(window, sheet) -> None:
    rows = dict(sheet.rows())
    assert rows["Add Column"] == "Ctrl+T"
    assert rows["Next Column"].startswith("Ctrl+Tab")
    assert rows["Label: Claim"] == "1" and rows["Stance: favor"] == "F"  # the scheme's keys
    assert rows["Document stance: favor"] == "Shift+F"
    assert rows["New Project"] == "Ctrl+N"  # not the "New" key few keyboards have
    assert "Next disagreement" in rows  # the review window's too
    named = {n for n, _ in sheet.rows()}
    shown = {a.text().replace("&", "").strip("… ") for a in window.actions_by_id.values()}
    assert shown <= named


def test_the_sheet_filters_by_name_key_or_description(sheet) -> None:
    sheet.filter_field.setText("column")
    names = [n for n, _ in sheet.rows()]
    assert "Add Column" in names and "Remove Column" in names and "Find…" not in names
    sheet.filter_field.setText("Ctrl+T")
    assert ("Add Column", "Ctrl+T") in sheet.rows()
    sheet.filter_field.setText("no such thing at all")
    assert sheet.rows() == []
    sheet.filter_field.clear()
    assert len(sheet.rows()) > 40


def test_a_new_key_applies_now_and_after_a_restart(window, sheet, tmp_path, qtbot) -> None:
    action = window.actions_by_id["add_pane"]
    assert sheet.assign(action, QKeySequence("Ctrl+Alt+N")) is None
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+Alt+N"]
    assert ("Add Column", "Ctrl+Alt+N") in sheet.rows()
    again = MainWindow(settings_at(tmp_path))
    qtbot.addWidget(again)
    assert [s.toString() for s in again.actions_by_id["add_pane"].shortcuts()] == ["Ctrl+Alt+N"]
    assert sheet.reset(action) is None
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+T"]
    fresh = MainWindow(settings_at(tmp_path))
    qtbot.addWidget(fresh)
    assert [s.toString() for s in fresh.actions_by_id["add_pane"].shortcuts()] == ["Ctrl+T"]


@pytest.mark.parametrize(
    ("key", "holder"),
    [("Ctrl+F", "Find"), ("1", "Claim"), ("Shift+F", "favor"), ("Ctrl+Z", "Undo")],
)
def test_a_key_another_action_has_is_refused(window, sheet, key, holder) -> None:
    action = window.actions_by_id["add_pane"]
    reason = sheet.assign(action, QKeySequence(key))
    assert reason is not None and holder in reason
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+T"]  # unchanged
    assert holder in sheet.message.text()


def test_keys_the_text_needs_are_refused(window, sheet) -> None:
    action = window.actions_by_id["add_pane"]
    for key in ("Shift+Right", "Esc", "Ctrl+C"):
        assert sheet.assign(action, QKeySequence(key)) is not None, key


def test_a_key_can_be_removed_and_given_to_another_action(window, sheet) -> None:
    add, sync = window.actions_by_id["add_pane"], window.actions_by_id["sync_scroll"]
    assert sheet.assign(sync, QKeySequence("Ctrl+T")) is not None
    assert sheet.assign(add, QKeySequence()) is None
    assert add.shortcuts() == []
    assert sheet.assign(sync, QKeySequence("Ctrl+T")) is None
    assert sheet.reset(add) is not None  # its old key is taken now: refused, not doubled
    assert add.shortcuts() == []


def test_the_sheet_opens_without_a_project(qtbot, tmp_path) -> None:
    main = MainWindow(settings_at(tmp_path))
    qtbot.addWidget(main)
    main.actions_by_id["keyboard_shortcuts"].trigger()
    sheet = main.findChild(ShortcutSheet)
    assert sheet is not None and ("Open Project", "Ctrl+O") in sheet.rows()


def test_a_stored_key_another_action_now_has_is_set_aside(qtbot, tmp_path) -> None:
    settings = settings_at(tmp_path)
    settings.setValue("shortcuts/add_pane", "Ctrl+F")  # as if Find had got Ctrl+F later
    main = MainWindow(settings)
    qtbot.addWidget(main)
    assert [s.toString() for s in main.actions_by_id["add_pane"].shortcuts()] == ["Ctrl+T"]
    assert main.actions_by_id["find"].shortcuts()[0].toString() == "Ctrl+F"
