"""PaneArea: adding and removing columns, the active pane, synchronized scrolling."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.gui.reading.pane_area import MAX_PANES, PaneArea
from annotator.store.ingest import ingest


@pytest.fixture
def area(qtbot, session):
    widget = PaneArea(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    return widget


def test_add_pane_opens_next_unshown_document(area):
    first = area.add_pane("en")
    second = area.add_pane()
    assert first is not None and second is not None
    assert second.document_id != "en"
    assert area.active_pane() is second
    assert second.is_active() and not first.is_active()


def test_limits_between_one_and_four(area):
    panes = [area.add_pane() for _ in range(MAX_PANES)]
    assert area.add_pane() is None
    assert len(area.panes()) == MAX_PANES
    for pane in panes[:-1]:
        assert area.remove_pane(pane)
    assert not area.remove_pane(panes[-1])
    assert area.panes() == [panes[-1]]
    assert not panes[-1].close_button.isEnabled()


def test_close_button_removes_and_moves_activity(area, qtbot):
    first, second = area.add_pane("en"), area.add_pane("cjk")
    with qtbot.waitSignal(area.active_pane_changed) as blocker:
        second.close_requested.emit()
    assert blocker.args == [first]
    assert area.panes() == [first]


def test_activation_follows_the_pane(area, qtbot):
    first, _second = area.add_pane("en"), area.add_pane("cjk")
    with qtbot.waitSignal(area.active_pane_changed) as blocker:
        first.activated.emit()
    assert blocker.args == [first]


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, not our code
def test_synchronized_scroll_is_proportional(area, session, qtbot):
    long_a = "\n".join(f"Paragraph {i} of a long article." for i in range(400))
    long_b = "\n".join(f"Line {i}." for i in range(200))
    ingest(
        session.store,
        [AnnotatedDocument(Document("la", long_a)), AnnotatedDocument(Document("lb", long_b))],
    )
    area.show()
    first, second = area.add_pane("la"), area.add_pane("lb")
    qtbot.waitExposed(area)
    bar_a, bar_b = first.view.verticalScrollBar(), second.view.verticalScrollBar()
    assert bar_a.maximum() > 0 and bar_b.maximum() > 0
    bar_a.setValue(bar_a.maximum() // 2)
    assert bar_b.value() == 0  # off by default
    area.set_synchronized_scroll(True)
    bar_a.setValue(bar_a.maximum())
    assert bar_b.value() == bar_b.maximum()
    bar_b.setValue(0)
    assert bar_a.value() == 0


def test_a_hit_opens_in_its_column_else_a_new_one_else_the_active_one(area):
    first = area.add_pane("en")
    assert area.reveal_hit("en", 10, 13) is first  # shown already: that column
    assert first.view.selection_range() == (10, 13)
    second = area.reveal_hit("emoji", 0, 7)
    assert second is not first and area.panes() == [first, second]  # room: a new column
    assert area.active_pane() is second and second.view.selection_range() == (0, 7)
    while area.can_add_pane():
        area.add_pane("en")
    active = area.active_pane()
    assert area.reveal_hit("cjk", 0, 2) is active  # full: the active column shows it
    assert active.document_id == "cjk" and len(area.panes()) == MAX_PANES


def test_search_hits_reach_columns_opened_later_and_survive_a_reload(area):
    area.add_pane("en")
    area.show_search_hits("emoji", [(0, 7)])
    pane = area.add_pane("emoji")
    assert pane.view.search_hits() == ([(0, 7)], -1)
    area.reveal_hit("emoji", 0, 7)
    pane.reload()  # a scheme change or another window's edit reloads the text
    assert pane.view.search_hits() == ([(0, 7)], 0)
    area.show_search_hits("emoji", [])
    assert pane.view.search_hits() == ([], -1)
    assert area.add_pane("emoji").view.search_hits() == ([], -1)
