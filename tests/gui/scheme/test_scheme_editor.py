"""The scheme editor: every change through its widgets is one undoable command."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from annotator.core.model import SchemeKind
from annotator.gui.scheme import scheme_questions
from annotator.gui.scheme.scheme_editor import SchemeEditorDialog
from annotator.gui.scheme.scheme_questions import delete_message


@pytest.fixture
def dialog(qtbot, session):
    editor = SchemeEditorDialog(session)
    qtbot.addWidget(editor)
    return editor


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        scheme_questions, "show_error", lambda parent, message: shown.append(message)
    )
    return shown


def names(session, kind=SchemeKind.LABEL):
    return [item.name for item in session.scheme.items(kind)]


def all_spans(session):
    return session.store.annotations.spans()


def test_add_label_gets_next_colour_and_digit(dialog, session, monkeypatch):
    page = dialog.page(SchemeKind.LABEL)
    monkeypatch.setattr(scheme_questions, "ask_name", lambda *args, **kwargs: "  Quote ")
    page.add_button.click()
    item = session.scheme.labels[-1]
    assert (item.name, item.shortcut) == ("Quote", "4")
    assert item.color not in {label.color for label in session.scheme.labels[:-1]}
    assert page.current_name() == "Quote"
    session.undo_stack.undo()
    assert names(session) == ["Claim", "Evidence", "Source"]
    session.undo_stack.redo()
    assert "Quote" in names(session)


def test_rename_inline_updates_annotations_and_undo_restores(dialog, session):
    page = dialog.page(SchemeKind.LABEL)
    model = page.model
    model.setData(model.index(0), "Assertion")  # what the inline editor does on commit
    assert names(session)[0] == "Assertion"
    assert {s.label for s in all_spans(session)} == {"Assertion", "Evidence"}
    assert page.current_name() == "Assertion"
    session.undo_stack.undo()
    assert names(session)[0] == "Claim"
    assert {s.label for s in all_spans(session)} == {"Claim", "Evidence"}
    session.undo_stack.redo()
    assert names(session)[0] == "Assertion"


# The offscreen platform cannot resize or raise windows and says so when one is shown.
OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support")


@OFFSCREEN
def test_rename_button_opens_the_inline_editor(dialog, qtbot):
    dialog.show()
    page = dialog.page(SchemeKind.LABEL)
    page.rename_button.click()
    assert page.view.state() == page.view.State.EditingState


def test_duplicate_or_empty_name_shows_error_and_changes_nothing(
    dialog, session, errors, monkeypatch
):
    page = dialog.page(SchemeKind.LABEL)
    page.model.setData(page.model.index(0), "Evidence")
    monkeypatch.setattr(scheme_questions, "ask_name", lambda *args, **kwargs: "   ")
    page.add_button.click()
    assert errors == ["There is already a label named “Evidence”.", "A name cannot be empty."]
    assert names(session) == ["Claim", "Evidence", "Source"]
    assert session.undo_stack.count() == 0


def test_change_refused_by_the_store_shows_its_message(dialog, session, errors, monkeypatch):
    page = dialog.page(SchemeKind.LABEL)
    monkeypatch.setattr(page, "_check_name", lambda name: None)  # as if changed meanwhile
    assert not page.rename_item("Claim", "Evidence")
    assert errors == ["There is already a label named 'Evidence'."]
    assert names(session) == ["Claim", "Evidence", "Source"]
    assert session.undo_stack.count() == 0
    assert page.current_name() == "Claim"


def test_recolour_through_colour_button(dialog, session, monkeypatch):
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Evidence")
    asked: list[str] = []

    def choose(parent, initial):
        asked.append(initial)
        return "#123456"

    monkeypatch.setattr(scheme_questions, "choose_color", choose)
    page.color_button.click()
    assert asked == ["#009e73"]
    assert session.scheme.color_of("Evidence") == "#123456"
    session.undo_stack.undo()
    assert session.scheme.color_of("Evidence") == "#009e73"


def test_cancelled_colour_changes_nothing(dialog, session, monkeypatch):
    monkeypatch.setattr(scheme_questions, "choose_color", lambda parent, initial: None)
    dialog.page(SchemeKind.LABEL).color_button.click()
    assert session.undo_stack.count() == 0


def test_move_up_and_down_keep_the_selection(dialog, session):
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Source")
    assert not page.down_button.isEnabled()
    page.up_button.click()
    page.up_button.click()
    assert names(session) == ["Source", "Claim", "Evidence"]
    assert page.current_name() == "Source"
    assert not page.up_button.isEnabled()
    page.down_button.click()
    assert names(session) == ["Claim", "Source", "Evidence"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert names(session) == ["Claim", "Evidence", "Source"]


def test_delete_used_label_asks_and_respects_no(dialog, session, monkeypatch):
    asked: list[tuple] = []

    def refuse(parent, kind, name, usage):
        asked.append((kind, name, usage))
        return False

    monkeypatch.setattr(scheme_questions, "confirm_delete", refuse)
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Claim")
    page.delete_button.click()
    assert asked == [(SchemeKind.LABEL, "Claim", 2)]
    assert "Claim" in names(session)
    assert len(all_spans(session)) == 3
    assert session.undo_stack.count() == 0


def test_delete_used_label_after_yes_and_undo_restores_spans(dialog, session, monkeypatch):
    monkeypatch.setattr(scheme_questions, "confirm_delete", lambda *args: True)
    before = sorted(all_spans(session), key=lambda s: s.id)
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Claim")
    page.delete_button.click()
    assert "Claim" not in names(session)
    assert [s.id for s in all_spans(session)] == ["a2"]
    assert page.current_name() == "Evidence"
    session.undo_stack.undo()
    assert names(session) == ["Claim", "Evidence", "Source"]
    assert sorted(all_spans(session), key=lambda s: s.id) == before


def test_delete_unused_entry_does_not_ask(dialog, session, monkeypatch):
    def fail(*args):
        raise AssertionError("asked")

    monkeypatch.setattr(scheme_questions, "confirm_delete", fail)
    page = dialog.page(SchemeKind.STANCE)
    page.select_item("unclear")
    page.delete_button.click()
    assert names(session, SchemeKind.STANCE) == ["favor", "against", "neutral"]


def test_delete_message_is_clear():
    assert delete_message(SchemeKind.LABEL, "Claim", 17) == (
        "17 annotations use the label Claim; deleting it deletes them too. You can undo this."
    )
    assert "removes it from them" in delete_message(SchemeKind.TARGET, "EU", 1)


def test_shortcut_change_is_stored(dialog, session):
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Source")
    assert page.shortcut_edit.keySequence().toString() == "3"
    page.shortcut_edit.setKeySequence(QKeySequence("Ctrl+7"))
    page.shortcut_edit.editingFinished.emit()
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == "Ctrl+7"
    page.shortcut_edit.clear()  # the clear button
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == ""
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == "3"


def test_shortcut_clash_warns_then_moves_or_keeps(dialog, session, monkeypatch):
    answers = [False, True]
    asked: list[tuple[str, str]] = []

    def confirm(parent, shortcut, holder, name):
        asked.append((shortcut, holder.name))
        return answers.pop(0)

    monkeypatch.setattr(scheme_questions, "confirm_shortcut_clash", confirm)
    page = dialog.page(SchemeKind.LABEL)
    page.select_item("Source")
    key = session.store.scheme.item(SchemeKind.STANCE, "favor").shortcut
    assert not page.set_shortcut("Source", key)
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == "3"
    assert page.shortcut_edit.keySequence().toString() == "3"
    assert page.set_shortcut("Source", key)
    assert asked == [(key, "favor"), (key, "favor")]
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == key
    assert session.store.scheme.item(SchemeKind.STANCE, "favor").shortcut == ""
    session.undo_stack.undo()  # one step for both
    assert session.store.scheme.item(SchemeKind.STANCE, "favor").shortcut == key
    assert session.store.scheme.item(SchemeKind.LABEL, "Source").shortcut == "3"


def test_default_target_selector(dialog, session, monkeypatch):
    monkeypatch.setattr(scheme_questions, "ask_name", lambda *args, **kwargs: "EU AI Act")
    page = dialog.page(SchemeKind.TARGET)
    page.add_button.click()
    combo = page.default_target_combo
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())][-1] == "EU AI Act"
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert session.default_target() == "EU AI Act"
    session.undo_stack.undo()
    assert combo.currentText() == names(session, SchemeKind.TARGET)[0]


def test_refreshes_on_changes_made_elsewhere(dialog, session):
    from annotator.gui.commands import UpdateSchemeItemCommand

    session.undo_stack.push(
        UpdateSchemeItemCommand(session, SchemeKind.STANCE, "favor", color="#000000")
    )
    session.undo_stack.push(
        UpdateSchemeItemCommand(session, SchemeKind.STANCE, "favor", shortcut="")
    )
    model = dialog.page(SchemeKind.STANCE).model
    assert model.item(0).color == "#000000" and model.item(0).shortcut == ""


@OFFSCREEN
def test_open_for_reuses_the_open_editor(qtbot, session):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    first = SchemeEditorDialog.open_for(session, parent)
    assert first.isVisible()
    assert SchemeEditorDialog.open_for(session, parent) is first
    first.close()


def test_read_only_project_disables_editing(qtbot, session, monkeypatch):
    monkeypatch.setattr(session.store, "read_only", True)
    editor = SchemeEditorDialog(session)
    qtbot.addWidget(editor)
    page = editor.page(SchemeKind.LABEL)
    assert not page.add_button.isEnabled()
    assert not page.delete_button.isEnabled()
