"""A label's or stance's key is never one the main window has already (issue #13: a key
bound twice runs neither action), checked through the real window and its editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from annotator.core.model import SchemeKind
from annotator.gui.scheme import scheme_questions
from annotator.gui.scheme.scheme_editor import SchemeEditorDialog
from annotator.gui.scheme.scheme_list_model import KeyProblemRole
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.shortcut_settings import ShortcutSettings
from tests.gui.shell.test_window_actions import clashes


@pytest.fixture
def window(qtbot, tmp_path: Path, session: ProjectSession, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.set_session(session)
    yield main
    main.set_session(None)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(scheme_questions, "show_error", lambda parent, text: shown.append(text))
    return shown


def editor(window: MainWindow) -> SchemeEditorDialog:
    window.actions_by_id["edit_scheme"].trigger()
    dialog = window.findChild(SchemeEditorDialog)
    assert dialog is not None
    return dialog


def live_bindings(window: MainWindow) -> list[tuple[str, QKeySequence]]:
    """Every key the window's actions answer to now, scheme entries included."""
    actions: list[QAction] = [
        *window.actions_by_id.values(),
        window.menus.undo_action,
        window.menus.redo_action,
        *window.menus.scheme_actions(),
    ]
    return [(a.text(), s) for a in actions for s in a.shortcuts()]


@pytest.mark.parametrize(
    ("key", "holder"),
    [
        ("Ctrl+T", "Add Column"),
        ("]", "Next Annotation"),
        ("F6", "Next Column"),
        ("Ctrl+D", "Done"),
        ("Shift+F", "favor"),  # favor's document stance: F with Shift
        ("Shift+Backspace", "No Document Stance"),
        ("Shift+Right", "moves or selects"),
    ],
)
def test_a_label_cannot_take_a_key_the_window_has(window, errors, key, holder) -> None:
    page = editor(window).page(SchemeKind.LABEL)
    assert page.set_shortcut("Claim", key) is False
    assert len(errors) == 1 and holder in errors[0]
    assert window.session is not None and window.session.scheme.labels[0].shortcut == "1"
    assert page.shortcut_edit.keySequence().toString() == "1"  # the field shows the key kept
    assert clashes(live_bindings(window)) == {}


def test_a_stance_key_counts_with_shift_too(window, errors) -> None:
    page = editor(window).page(SchemeKind.STANCE)
    labels = editor(window).page(SchemeKind.LABEL)
    assert labels.set_shortcut("Claim", "Shift+Q") is True  # free: nothing has it
    assert page.set_shortcut("favor", "Q") is False  # Shift+Q would set the article's stance
    assert "Claim" in errors[0]
    assert page.set_shortcut("favor", "Ctrl+T") is False
    assert page.set_shortcut("favor", "X") is True
    assert clashes(live_bindings(window)) == {}


def test_the_analyst_s_own_keys_are_taken_too(window, errors, qtbot) -> None:
    settings = ShortcutSettings(window._settings)
    add_pane = window.actions_by_id["add_pane"]
    bound = [*window.actions_by_id.values(), *window.menus.scheme_actions()]
    assert settings.assign(add_pane, QKeySequence("Q"), bound) is None
    page = editor(window).page(SchemeKind.LABEL)
    assert page.set_shortcut("Claim", "Q") is False and "Add Column" in errors[0]
    assert page.set_shortcut("Claim", "Ctrl+T") is True  # Add Column gave it up
    assert clashes(live_bindings(window)) == {}
    columns = len(window.panes.panes())
    pane = window.active_pane()
    assert pane is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_Q)  # one action has Q, so it runs
    assert len(window.panes.panes()) == columns + 1


def test_a_new_label_skips_a_digit_the_window_has(window, monkeypatch) -> None:
    settings = ShortcutSettings(window._settings)
    bound = [*window.actions_by_id.values(), *window.menus.scheme_actions()]
    assert settings.assign(window.actions_by_id["add_pane"], QKeySequence("4"), bound) is None
    monkeypatch.setattr(scheme_questions, "ask_name", lambda *args, **kwargs: "Quote")
    editor(window).page(SchemeKind.LABEL).add_button.click()
    assert window.session is not None
    assert window.session.scheme.labels[-1].shortcut == "5"
    assert clashes(live_bindings(window)) == {}


def test_a_key_the_analyst_gave_an_action_stays_the_action_s_in_any_project(
    qtbot, tmp_path: Path, session: ProjectSession
) -> None:
    settings = QSettings(str(tmp_path / "own-keys.ini"), QSettings.Format.IniFormat)
    settings.setValue("shortcuts/add_pane", "3")  # chosen where no label had 3
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitActive(main):
        main.activateWindow()
    main.set_session(session)  # its scheme gives 3 to Source
    assert clashes(live_bindings(main)) == {}
    columns = len(main.panes.panes())
    pane = main.active_pane()
    assert pane is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    assert len(main.panes.panes()) == columns + 1
    main.set_session(None)


@pytest.fixture
def keeping_3(qtbot, tmp_path: Path, session: ProjectSession):
    """A window where the analyst gave 3 to Add Column, on a scheme that gives 3 to Source."""
    settings = QSettings(str(tmp_path / "own-keys.ini"), QSettings.Format.IniFormat)
    settings.setValue("shortcuts/add_pane", "3")
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    main.set_session(session)
    yield main
    main.set_session(None)


def test_the_palette_does_not_offer_a_key_the_window_keeps(keeping_3: MainWindow) -> None:
    # Source's button read "3 Source" though 3 added a column.
    buttons = keeping_3.label_palette.label_buttons
    assert buttons["Source"].text() == "Source"
    assert buttons["Source"].toolTip().endswith("(3 is Add Column's key in this window)")
    assert buttons["Claim"].text() == "1 Claim"  # keys nobody else has stay shown
    assert "(1)" in buttons["Claim"].toolTip()


def test_the_editor_flags_a_key_the_window_keeps(keeping_3: MainWindow, tmp_path: Path) -> None:
    # Edit Scheme showed 3 on Source like any key, though 3 adds a column (#13).
    page = editor(keeping_3).page(SchemeKind.LABEL)
    model = page.model
    source = model.index(model.row_of("Source"))
    problem = source.data(KeyProblemRole)
    assert problem is not None and problem.startswith("This key does nothing here: 3 is")
    assert "Add Column" in problem
    assert "Add Column" in source.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of("Claim")).data(KeyProblemRole) is None
    page.select_item("Source")
    assert "Add Column" in page.shortcut_hint.text()
    page.window().grab().save(str(tmp_path / "scheme-dead-key.png"))
    page.select_item("Claim")
    assert "Add Column" not in page.shortcut_hint.text()
