"""Help → User Guide: the guide with its contents and search, through the safe browser,
and a keyboard table read from the window's own menus."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QKeySequence

from annotator.gui.shell import safe_text_browser
from annotator.gui.shell.help_window import HelpWindow, menu_shortcut_rows
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.window_actions import ACTION_SETS
from annotator.services.user_guide import guide_markdown


@pytest.fixture
def window(qtbot, tmp_path, session):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.set_session(session)
    main.resize(1200, 800)
    main.show()
    yield main
    main.set_session(None)


def open_help(window: MainWindow) -> HelpWindow:
    window.actions_by_id["user_guide"].trigger()
    help_window = window.findChild(HelpWindow, "HelpWindow")
    assert help_window is not None and help_window.isVisible()
    return help_window


def test_f1_opens_one_guide_window_with_its_contents(window) -> None:
    assert window.actions_by_id["user_guide"].shortcut() == QKeySequence("F1")
    help_window = open_help(window)
    assert open_help(window) is help_window  # raised again, not a second one
    tops = [help_window.contents.topLevelItem(i).text(0) for i in range(8)]
    assert tops[:3] == ["Projects", "Opening articles side by side", "Labelling and stance"]
    assert "Claims across articles" in help_window.browser.toPlainText()


def test_choosing_a_section_scrolls_the_guide_to_it(window, qtbot) -> None:
    help_window = open_help(window)
    qtbot.waitExposed(help_window)
    bar = help_window.browser.verticalScrollBar()
    assert bar.value() == 0
    items = {item.text(0): item for item in help_window._items()}
    help_window.contents.setCurrentItem(items["Backups and restore"])
    assert bar.value() > 0
    top = help_window.browser.cursorForPosition(help_window.browser.viewport().rect().topLeft())
    assert "Backups and restore" in top.block().text() or bar.value() == bar.maximum()


def test_search_tints_every_match_and_steps_through_them(window) -> None:
    help_window = open_help(window)
    count = help_window.find_text("contradiction")
    expected = guide_markdown().lower().count("contradiction")
    assert count == expected > 2
    assert help_window.match_label.text() == f"1 of {count}"
    assert len(help_window.browser.extraSelections()) == count
    help_window.next_match()
    assert help_window.match_label.text() == f"2 of {count}"
    help_window.next_match(backwards=True)
    help_window.next_match(backwards=True)  # wraps to the last
    assert help_window.match_label.text() == f"{count} of {count}"
    assert help_window.current_match_text().lower() == "contradiction"
    assert help_window.find_text("no such words anywhere") == 0
    assert help_window.match_label.text() == "No matches"
    assert help_window.browser.extraSelections() == []


def test_the_keyboard_table_shows_the_keys_in_effect(window) -> None:
    window.actions_by_id["create_claim"].setShortcut(QKeySequence("Ctrl+J"))  # customised
    text = open_help(window).browser.toPlainText()
    keyboard = text[text.index("The keyboard") :]
    assert "Create Claim from Selection\nCtrl+J" in keyboard
    assert "Claim\n1" in keyboard  # the scheme's label keys, from the menu
    assert "Next disagreement\nN, Ctrl+." in keyboard
    assert "Undo\nCtrl+Z" in keyboard and "Undo New" not in keyboard


def test_rows_come_from_the_menus_with_submenus_named(window) -> None:
    rows = menu_shortcut_rows(window.menuBar())
    assert ("Annotate → Apply Label", "Claim", "1") in rows
    assert ("Claims", "Claim Matrix", "Ctrl+M") in rows
    assert all(keys for _where, _text, keys in rows)


def test_the_keys_the_guide_names_are_the_app_s_own() -> None:
    portable = QKeySequence.SequenceFormat.PortableText
    declared = {
        sequence.toString(portable)
        for specs in ACTION_SETS.values()
        for spec in specs
        for sequence in spec.key_sequences()
    }
    named = set(re.findall(r"\b((?:Ctrl|Alt|Shift)\+(?:Shift\+)?[A-Z0-9])\b", guide_markdown()))
    assert named and named - declared == set()


def test_an_in_page_link_scrolls_and_a_web_link_asks_first(window, qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        safe_text_browser, "confirm_open_link", lambda parent, url: asked.append(url.url())
    )
    help_window = open_help(window)
    qtbot.waitExposed(help_window)
    browser = help_window.browser
    browser.anchorClicked.emit(QUrl("#the-keyboard"))
    assert browser.verticalScrollBar().value() > 0
    browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert asked == ["https://example.org/"]


def test_the_guide_is_searched_and_closed_from_the_keyboard(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    help_window = open_help(window)
    qtbot.waitExposed(help_window)
    help_window.browser.setFocus()
    qtbot.keyClick(help_window.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert help_window.search.hasFocus() or not help_window.isActiveWindow()
    qtbot.keyClicks(help_window.search, "backup")
    count = len(help_window._matches)
    assert count > 2 and help_window.match_label.text() == f"1 of {count}"
    qtbot.keyClick(help_window.search, Qt.Key.Key_Return)
    assert help_window.match_label.text() == f"2 of {count}"
    qtbot.keyClick(help_window.browser, Qt.Key.Key_F3)
    assert help_window.match_label.text() == f"3 of {count}"
    qtbot.keyClick(help_window.browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert help_window.match_label.text() == f"2 of {count}"
    qtbot.keyClick(help_window.search, Qt.Key.Key_Escape)  # clears first…
    assert help_window.search.text() == "" and help_window.isVisible()
    qtbot.keyClick(help_window.search, Qt.Key.Key_Escape)  # …then closes
    assert not help_window.isVisible()
