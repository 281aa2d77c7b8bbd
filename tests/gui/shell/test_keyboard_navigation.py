"""Everything by keyboard (issue #13): real key presses to whichever widget has the focus,
as a keyboard would send them, through the real main window on the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QWidget

from annotator.gui.reading.document_view import CARET_WIDTH, DocumentView
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1440, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    yield main
    main.set_session(None)


@pytest.fixture
def session(window: MainWindow, tmp_path: Path) -> ProjectSession:
    store = ProjectStore.create(tmp_path / "seeds.annotator")
    load_demo(store)
    project = ProjectSession(store, "alice")
    window.set_session(project)
    return project


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
    """A key pressed on the keyboard: it goes to the focused widget, shortcuts and all."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifiers)


def test_opening_a_project_puts_the_keyboard_in_an_article(window, session) -> None:
    pane = window.active_pane()
    assert pane is not None and focused() is pane.view


def test_the_caret_shows_in_the_focused_text_only(window, session, qtbot) -> None:
    first, second = window.panes.panes()[:2]
    assert first.view.cursorWidth() == CARET_WIDTH and second.view.cursorWidth() == 0
    press(qtbot, Key.Key_Tab, CTRL)
    assert focused() is second.view
    assert second.view.cursorWidth() == CARET_WIDTH and first.view.cursorWidth() == 0
    # Shift+arrows select from where the caret is.
    press(qtbot, Key.Key_Right, times=4)
    press(qtbot, Key.Key_Right, SHIFT, times=3)
    assert second.view.selection_range() == (4, 7)


def test_tab_visits_every_article_before_any_dock(window, session, qtbot) -> None:
    press(qtbot, Key.Key_T, CTRL)  # a third column
    views = [p.view for p in window.panes.panes()]
    views[0].setFocus()
    seen: list[QWidget] = [focused()]
    while len(seen) < 60:
        press(qtbot, Key.Key_Tab)
        seen.append(focused())
        if isinstance(_dock_of(seen[-1]), QDockWidget):
            break
    first_dock = next(i for i, w in enumerate(seen) if _dock_of(w) is not None)
    assert all(view in seen[:first_dock] for view in views)
    assert seen[: len(views)] == views  # one Tab from one text to the next


def _dock_of(widget: QWidget | None) -> QDockWidget | None:
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget


@pytest.mark.parametrize(
    ("forward", "backward"),
    [
        ((Key.Key_Tab, CTRL), (Key.Key_Backtab, CTRL | SHIFT)),
        ((Key.Key_PageDown, CTRL), (Key.Key_PageUp, CTRL)),
        ((Key.Key_F6, NONE), (Key.Key_F6, SHIFT)),
    ],
)
def test_keys_move_between_columns_and_wrap(window, session, qtbot, forward, backward) -> None:
    first, second = window.panes.panes()
    press(qtbot, *forward)
    assert window.active_pane() is second and focused() is second.view
    press(qtbot, *forward)
    assert window.active_pane() is first and focused() is first.view
    press(qtbot, *backward)
    assert window.active_pane() is second and focused() is second.view


def test_shift_and_a_stance_key_set_the_document_stance(window, session, qtbot) -> None:
    pane = window.active_pane()
    target = session.default_target()
    press(qtbot, Key.Key_A, SHIFT)
    assert session.my_document_stance(pane.document_id, target) == "against"
    assert pane.stance_group.checkedButton().property("stance") == "against"
    press(qtbot, Key.Key_Backspace, SHIFT)
    assert session.my_document_stance(pane.document_id, target) is None
    press(qtbot, Key.Key_Z, CTRL)  # undoable like every change
    assert session.my_document_stance(pane.document_id, target) == "against"


def test_next_and_previous_annotation_in_the_column(window, session, qtbot) -> None:
    pane = window.active_pane()
    text = pane.view.document_model.text
    for word in ("Washington", "experts", "Anthropic"):
        start = text.index(word)
        pane.view.place_caret(start)
        press(qtbot, Key.Key_Right, SHIFT, times=len(word))
        press(qtbot, Key.Key_2)
    spans = sorted(pane.view.spans(), key=lambda s: s.start)
    pane.view.place_caret(0)
    window.controller.select_span(None)
    order = []
    for _ in range(4):
        press(qtbot, Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        order.append(window.controller.selected_span_id)
    assert order == [spans[0].id, spans[1].id, spans[2].id, spans[0].id]  # it wraps
    press(qtbot, Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.controller.selected_span_id == spans[2].id
    assert pane.view.selected_span == spans[2].id and focused() is pane.view
    press(qtbot, Key.Key_F)  # the stance key applies to the annotation reached
    assert session.store.annotations.span(spans[2].id).stance == "favor"
    press(qtbot, Key.Key_BracketLeft)
    assert window.controller.selected_span_id == spans[1].id


def test_keys_in_another_column_leave_the_annotation_left_behind_alone(
    window, session, qtbot
) -> None:
    """Label in the first column, Ctrl+Tab to the second: Delete, a stance key and a label
    key there deleted, set and relabelled the annotation in the first column."""
    press(qtbot, Key.Key_Home, CTRL)
    press(qtbot, Key.Key_Right, CTRL | SHIFT, times=2)
    press(qtbot, Key.Key_2)
    (span,) = session.store.annotations.spans()
    assert window.controller.selected_span_id == span.id
    press(qtbot, Key.Key_Tab, CTRL)
    assert window.controller.selected_span_id is None
    for key in (Key.Key_Delete, Key.Key_A, Key.Key_3):
        press(qtbot, key)
    assert session.store.annotations.spans() == [span]  # still there, no stance, Evidence
    press(qtbot, Key.Key_Tab, CTRL)  # back: Alt+Down reaches it again
    press(qtbot, Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.controller.selected_span_id == span.id
    press(qtbot, Key.Key_P, CTRL)  # another article in the same column
    press(qtbot, Key.Key_Down)
    assert window.controller.selected_span_id is None
    press(qtbot, Key.Key_Delete)
    assert session.store.annotations.spans() == [span]


def test_select_2_ctrl_z_right_then_a_or_delete_change_nothing(window, session, qtbot) -> None:
    """The issue's steps as keys: the undone annotation no longer counts as selected, so
    A and Delete neither act on it nor say it "belongs to another annotator"."""
    messages: list[str] = []
    window.controller.message_posted.connect(messages.append)
    press(qtbot, Key.Key_Home, CTRL)
    press(qtbot, Key.Key_Right, CTRL | SHIFT)
    press(qtbot, Key.Key_2)
    assert len(session.store.annotations.spans()) == 1
    press(qtbot, Key.Key_Z, CTRL)
    assert session.store.annotations.spans() == [] and window.controller.selected_span_id is None
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_A)
    press(qtbot, Key.Key_Delete)
    assert session.store.annotations.spans() == []
    assert not [m for m in messages if "another annotator" in m]
    press(qtbot, Key.Key_Z, CTRL | SHIFT)  # redo brings it back, unchanged by A
    (span,) = session.store.annotations.spans()
    assert (span.label, span.stance) == ("Evidence", None)


def test_the_document_chooser_takes_the_keyboard(window, session, qtbot) -> None:
    pane = window.active_pane()
    before = pane.document_id
    press(qtbot, Key.Key_P, CTRL)
    assert focused() is pane.combo
    press(qtbot, Key.Key_Down)
    assert pane.document_id != before


def test_ctrl_shift_p_filters_documents_and_enter_opens_one(window, session, qtbot) -> None:
    # Issue #15: an archive's document is found by typing part of its title.
    pane = window.active_pane()
    shown = {p.document_id for p in window.panes.panes()}
    wanted = next(s for s in session.store.documents.summaries() if s.id not in shown)
    word = max(wanted.title.split(), key=len)
    press(qtbot, Key.Key_P, CTRL | SHIFT)
    panel = window.documents_panel
    assert focused() is panel.filter_field
    dock = next(d for d in window.findChildren(QDockWidget) if d.objectName() == "dock_documents")
    assert dock.isVisible()
    qtbot.keyClicks(panel.filter_field, word)
    assert wanted.id in panel.model.document_ids()
    assert len(panel.model.document_ids()) < session.store.documents.count()
    while panel.list.currentIndex().data(Qt.ItemDataRole.UserRole) != wanted.id:
        press(qtbot, Key.Key_Down)  # the first Down goes from the box to the list
    press(qtbot, Key.Key_Return)
    assert pane.document_id == wanted.id
    assert window.active_pane() is pane
    assert focused() is pane.view  # 1–9 label in it at once


def test_ctrl_d_toggles_done(window, session, qtbot) -> None:
    pane = window.active_pane()
    press(qtbot, Key.Key_D, CTRL)
    assert session.store.documents.is_done(pane.document_id, "alice")
    press(qtbot, Key.Key_D, CTRL)
    assert not session.store.documents.is_done(pane.document_id, "alice")


def test_keyboard_only_four_columns_claims_with_stance_and_document_stances(
    window, session, qtbot
) -> None:
    """The issue's "done when": four articles side by side, each gets a Claim with a stance
    and a document stance, by key presses alone."""
    press(qtbot, Key.Key_T, CTRL, times=2)
    panes = window.panes.panes()
    assert len(panes) == 4 and len({p.document_id for p in panes}) == 4
    press(qtbot, Key.Key_Tab, CTRL)  # from the fourth column, wrapping to the first
    stances = ["favor", "against", "neutral", "unclear"]
    keys = [Key.Key_F, Key.Key_A, Key.Key_N, Key.Key_U]
    for pane, key in zip(panes, keys, strict=True):
        assert window.active_pane() is pane and focused() is pane.view
        assert isinstance(focused(), DocumentView)
        press(qtbot, Key.Key_Home, CTRL)
        press(qtbot, Key.Key_Right, CTRL | SHIFT, times=3)  # three words from the start
        press(qtbot, Key.Key_1)  # Claim
        press(qtbot, key)  # its stance
        press(qtbot, key, SHIFT)  # the article's stance
        press(qtbot, Key.Key_PageDown, CTRL)  # next column
    target = session.default_target()
    spans = {s.document_id: s for s in session.store.annotations.spans()}
    for pane, stance in zip(panes, stances, strict=True):
        span = spans[pane.document_id]
        assert (span.label, span.stance, span.annotator) == ("Claim", stance, "alice")
        assert span.start == 0 and span.end > 5
        assert session.my_document_stance(pane.document_id, target) == stance
    assert len(spans) == 4


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_search_then_label_opens_the_hit_in_a_free_column(window, session, qtbot) -> None:
    shown = [p.document_id for p in window.panes.panes()]
    press(qtbot, Key.Key_F, CTRL)
    assert focused() is window.search_panel.search_field
    type_text(qtbot, "Lutnick")  # only the UK report names him; it is not on screen
    window.search_panel.search_now()  # what the pause after typing does
    press(qtbot, Key.Key_Down)  # into the results
    assert focused() is window.search_panel.results
    press(qtbot, Key.Key_Return)  # Enter on the hit
    panes = window.panes.panes()
    assert len(panes) == 3 and [p.document_id for p in panes[:2]] == shown  # nothing replaced
    pane = window.active_pane()
    assert pane is panes[2] and focused() is pane.view
    text = pane.view.document_model.text
    start = text.index("Lutnick")
    assert pane.view.selection_range() == (start, start + len("Lutnick"))
    hits, current = pane.view.search_hits()
    assert hits[current] == (start, start + len("Lutnick"))  # marked as the current hit
    press(qtbot, Key.Key_1)
    (span,) = session.store.annotations.spans()
    assert (span.document_id, span.start, span.end, span.label) == (
        pane.document_id,
        start,
        start + len("Lutnick"),
        "Claim",
    )


def test_esc_leaves_the_search_box_for_the_selected_hit(window, session, qtbot) -> None:
    press(qtbot, Key.Key_F, CTRL)
    type_text(qtbot, "Nvidia OR Zoom")
    press(qtbot, Key.Key_Return)  # the first hit, selected in its column; the box keeps focus
    assert focused() is window.search_panel.search_field
    press(qtbot, Key.Key_Escape)
    pane = window.active_pane()
    assert focused() is pane.view
    found = pane.view.selected_text()
    assert found in ("Nvidia", "Zoom")
    press(qtbot, Key.Key_2)  # a label key labels it, it does not type "2" into the box
    assert window.search_panel.search_field.text() == "Nvidia OR Zoom"
    (span,) = session.store.annotations.spans()
    assert (
        span.label == "Evidence" and pane.view.document_model.text[span.start : span.end] == found
    )


def test_hits_show_in_a_column_opened_after_the_search(window, session, qtbot) -> None:
    press(qtbot, Key.Key_F, CTRL)
    type_text(qtbot, "experts")
    window.search_panel.search_now()
    press(qtbot, Key.Key_Escape)
    press(qtbot, Key.Key_T, CTRL)
    pane = window.active_pane()
    text = pane.view.document_model.text
    hits, _current = pane.view.search_hits()
    assert hits and all(text[s:e].lower() == "experts" for s, e in hits)
