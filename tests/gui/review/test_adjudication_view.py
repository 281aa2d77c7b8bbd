"""The review window: navigation, decisions into gold through the undo stack, the item model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.gui.review import adjudication_view
from annotator.gui.review.adjudication_item_model import ComparisonItemModel
from annotator.gui.review.adjudication_view import AdjudicationView
from annotator.gui.review.gold_edit_dialog import GoldEditDialog
from annotator.gui.session import ProjectSession
from annotator.services.adjudication import document_comparison
from annotator.store.project_store import ProjectStore
from tests.gui.review.test_adjudication_commands import OTHER_TARGET, build_review_project

# The offscreen platform warns that it cannot raise or activate windows.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

# Rows: 0 Source 0..21 disagreed, 1 Source "Washington" partial, 2 Claim agreed,
#       3 document stance (default target) disagreed, 4 document stance (other) agreed.


@pytest.fixture
def review_session(qapp, store: ProjectStore) -> Iterator[ProjectSession]:
    session = ProjectSession(build_review_project(store), "alice")
    yield session
    session._poll.stop()


@pytest.fixture
def view(qtbot, review_session: ProjectSession) -> AdjudicationView:
    window = AdjudicationView.open_for(review_session, None, "en")
    qtbot.addWidget(window)
    return window


def _gold(session: ProjectSession) -> list[Span]:
    return session.store.annotations.spans("en", [GOLD_ANNOTATOR])


def test_open_for_is_one_non_modal_window_per_session(view, review_session) -> None:
    assert view.isWindow() and not view.isModal()
    assert AdjudicationView.open_for(review_session) is view
    assert view.document_id == "en"
    assert [c.name for c in view._columns] == ["alice", "bob", GOLD_ANNOTATOR]
    assert "5 items: 2 agreed · 2 disagree · 1 partial · 0 in gold" in view.counts.text()
    assert "2 open" in view.chooser.currentText()


def test_each_column_shows_only_its_annotators_spans(view) -> None:
    shown = {c.name: {s.annotator for s in c.view.spans()} for c in view._columns}
    assert shown == {"alice": {"alice"}, "bob": {"bob"}, GOLD_ANNOTATOR: set()}


def test_next_and_previous_visit_the_disagreements_in_order(view) -> None:
    assert view.current_index() == 0  # opening selects the first disagreement
    assert view.current_item().status == "disagreed"
    assert view.next_disagreement() == 3
    assert view.current_item().stance_item.target == DEFAULT_TARGET
    # past the last, N wraps to the open disagreement above (and P the other way)
    assert view.next_disagreement() == 0
    assert "Wrapped" in view.message.text()
    assert view.previous_disagreement() == 3
    assert view.previous_disagreement() == 0
    view.next_action.trigger()  # the N / Ctrl+. action
    assert view.current_index() == 3


def test_n_and_p_pressed_in_the_window_wrap_and_say_so_only_when_they_do(view, qtbot) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    keys = view.focusWidget() or view  # where the window's keyboard goes when it opens
    qtbot.keyClick(keys, Qt.Key.Key_N)
    assert view.current_index() == 3 and view.message.text() == ""
    qtbot.keyClick(keys, Qt.Key.Key_N)  # past the last: up to the open one above
    assert view.current_index() == 0 and "Wrapped" in view.message.text()
    qtbot.keyClick(keys, Qt.Key.Key_N)  # an ordinary step: the wrap is no longer news
    assert view.current_index() == 3 and view.message.text() == ""
    qtbot.keyClick(keys, Qt.Key.Key_P)
    assert view.current_index() == 0 and view.message.text() == ""


def test_wrapping_skips_settled_disagreements(view) -> None:
    view.select_item(0)
    view.accept_version("alice")  # row 0 settled in gold; row 3 is the only open one
    view.select_item(3)
    assert view.next_disagreement() is None and view.current_index() == 3
    assert "No more disagreements" in view.message.text()


def test_selecting_an_item_selects_its_spans_in_every_column(view) -> None:
    view.select_item(0)
    selected = {c.name: c.view.selected_span for c in view._columns}
    assert selected == {"alice": "a-src", "bob": "b-src", GOLD_ANNOTATOR: None}
    view._columns[0].view.span_clicked.emit("a-claim")
    assert view.current_index() == 2


def test_accepting_a_version_puts_it_in_gold_and_undo_removes_it(view, review_session) -> None:
    view.select_item(0)
    view.accept_buttons["alice"].click()
    (gold,) = _gold(review_session)
    assert (gold.start, gold.end, gold.label, gold.origin) == (
        0,
        21,
        "Source",
        "accepted from alice",
    )
    assert view.current_index() == 0 and view.current_item().in_gold
    assert view._columns[-1].view.spans() == [gold]
    assert "1 in gold" in view.counts.text()
    view.undo_action.trigger()
    assert _gold(review_session) == []
    assert view._columns[-1].view.spans() == []
    view.redo_action.trigger()
    assert _gold(review_session) == [gold]
    # the buttons say Undo and Redo; what they would undo is in the tooltip
    assert view.undo_action.text() == "Undo" and view.redo_action.text() == "Redo"
    assert view.undo_action.toolTip() == f"Undo: {review_session.undo_stack.undoText()}"
    assert not view.redo_action.isEnabled()


def test_accepting_another_version_replaces_gold(view, review_session) -> None:
    view.select_item(0)
    view.accept_version("alice")
    view.accept_version("bob")
    (gold,) = _gold(review_session)
    assert (gold.start, gold.origin) == (10, "accepted from bob")
    review_session.undo_stack.undo()
    assert [(g.start, g.origin) for g in _gold(review_session)] == [(0, "accepted from alice")]


def test_accept_all_agreed_adds_exactly_the_agreed_items(view, review_session) -> None:
    assert view.accept_agreed_action.isEnabled()
    view.accept_agreed_action.trigger()
    assert [(g.label, g.origin) for g in _gold(review_session)] == [("Claim", "agreed: alice, bob")]
    stances = review_session.store.annotations.document_stances("en", [GOLD_ANNOTATOR])
    assert [(s.target, s.stance) for s in stances] == [(OTHER_TARGET, "favor")]
    assert not view.accept_agreed_action.isEnabled()
    review_session.undo_stack.undo()
    assert _gold(review_session) == []


def test_reject_all_removes_gold(view, review_session) -> None:
    view.select_item(2)
    assert not view.reject_button.isEnabled()
    view.accept_version("bob")
    assert view.reject_button.isEnabled()
    view.reject_button.click()
    assert _gold(review_session) == []
    review_session.undo_stack.undo()
    assert len(_gold(review_session)) == 1


def test_document_stance_items_accept_edit_and_reject(view, review_session, monkeypatch) -> None:
    view.select_item(3)
    view.accept_buttons["bob"].click()
    stances = review_session.store.annotations.document_stances("en", [GOLD_ANNOTATOR])
    assert [(s.stance, s.origin) for s in stances] == [("favor", "accepted from bob")]
    monkeypatch.setattr(GoldEditDialog, "ask_stance", classmethod(lambda *a: (True, "neutral")))
    view.edit_button.click()
    (edited,) = review_session.store.annotations.document_stances("en", [GOLD_ANNOTATOR])
    assert (edited.stance, edited.origin) == ("neutral", "edited")
    view.reject_button.click()
    assert review_session.store.annotations.document_stances("en", [GOLD_ANNOTATOR]) == []


def test_edit_gold_span_through_the_form(view, review_session, monkeypatch) -> None:
    view.select_item(1)
    assert not view.edit_button.isEnabled()
    view.accept_version("alice")
    monkeypatch.setattr(
        GoldEditDialog, "ask_span", classmethod(lambda *a: {"label": "Evidence", "note": "n"})
    )
    view.edit_button.click()
    (gold,) = _gold(review_session)
    assert (gold.label, gold.note, gold.origin) == ("Evidence", "n", "edited from alice")


def test_mark_adjudicated_asks_while_disagreements_are_open(
    view, review_session, monkeypatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(
        adjudication_view, "confirm_adjudicated", lambda parent, n: asked.append(n) or False
    )
    view.adjudicated_box.click()
    assert asked == [2]
    assert review_session.store.documents.done_ids([GOLD_ANNOTATOR]) == set()
    assert not view.adjudicated_box.isChecked()


def test_mark_adjudicated_is_stored_and_undoable(view, review_session, monkeypatch) -> None:
    monkeypatch.setattr(adjudication_view, "confirm_adjudicated", lambda parent, n: True)
    view.adjudicated_box.click()
    assert review_session.store.documents.done_ids([GOLD_ANNOTATOR]) == {"en"}
    assert view.chooser.currentText().startswith("✓ ")
    review_session.undo_stack.undo()
    assert review_session.store.documents.done_ids([GOLD_ANNOTATOR]) == set()
    assert not view.adjudicated_box.isChecked()


def test_failures_are_shown_not_raised(view, review_session) -> None:
    view.accept_agreed_action.trigger()
    view._on_accept_all_agreed()  # nothing left: the command is dropped
    assert "Nothing new" in view.message.text()
    assert review_session.undo_stack.count() == 1


def test_switching_documents(view, review_session) -> None:
    view.set_document("cjk")
    assert view.document_id == "cjk" and view.model.rowCount() == 0
    assert view.current_item() is None and view.next_disagreement() is None


def test_item_model_passes_qtmodeltester(qtmodeltester, review_session) -> None:
    model = ComparisonItemModel()
    comparison = document_comparison(review_session.store, "en")
    model.set_comparison(comparison, review_session.document("en"))
    assert model.columnCount() == 5
    assert model.headerData(2, Qt.Orientation.Horizontal) == "alice"
    assert model.data(model.index(0, 3)) == "Source “160 experts”"
    qtmodeltester.check(model)


def test_undo_here_takes_back_only_the_reviewers_own_decisions(view, review_session) -> None:
    """A main-window change on top of the history is undone there, not from here (#13)."""
    from annotator.gui.commands import SetDoneCommand

    view.select_item(0)
    view.accept_buttons["alice"].click()
    assert view.undo_action.isEnabled()
    stack = review_session.undo_stack
    stack.push(SetDoneCommand(review_session, "en", True))  # as the main window does
    assert not view.undo_action.isEnabled()
    assert "main window" in view.undo_action.toolTip()
    assert stack.undoText() in view.undo_action.toolTip()
    view.undo_action.trigger()  # the shortcut reaches a disabled action: nothing happens
    assert review_session.store.documents.done_ids(["alice"]) == {"en"}
    assert len(_gold(review_session)) == 1
    stack.undo()  # from the main window
    assert view.undo_action.isEnabled()
    assert view.undo_action.toolTip() == f"Undo: {stack.undoText()}"
    assert not view.redo_action.isEnabled() and "main window" in view.redo_action.toolTip()
    view.undo_action.trigger()
    assert _gold(review_session) == []
    assert view.redo_action.toolTip() == f"Redo: {stack.redoText()}"  # the decision first
    view.redo_action.trigger()
    assert len(_gold(review_session)) == 1
    assert not view.redo_action.isEnabled()  # then the main window's change: redone there
    assert "main window" in view.redo_action.toolTip()
