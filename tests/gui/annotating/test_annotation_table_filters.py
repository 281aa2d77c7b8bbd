"""AnnotationTableModel's filters and sorting (in SQL): each filter keeps exactly the
matching annotations, and the rows keep following the session while filtered or sorted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.gui.annotating.annotation_table_model import (
    NO_STANCE,
    SPAN_ID_ROLE,
    AnnotationTableModel,
    Column,
)
from tests.conftest import SAMPLE_TEXTS


@pytest.fixture
def proxy(session, qtmodeltester):
    store = session.store
    text = SAMPLE_TEXTS["cjk"]
    at = text.index("人工智能")
    store.annotations.add_span(
        Span("c1", "cjk", at, at + 4, "Evidence", "alice", "favor", note="AI wording")
    )
    at = SAMPLE_TEXTS["emoji"].index("protest")
    store.annotations.add_span(Span("e1", "emoji", at, at + 7, "Source", "bob", "neutral"))
    session.set_show_others(True)
    model = AnnotationTableModel(session)
    qtmodeltester.check(model)
    return model


def shown(proxy: AnnotationTableModel) -> set[str]:
    return {proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(proxy.rowCount())}


def test_unfiltered_shows_all(proxy):
    assert shown(proxy) == {"a1", "a2", "b1", "c1", "e1"}
    assert not proxy.is_filtered()


def test_label_filter(proxy):
    proxy.set_label_filter("Claim")
    assert shown(proxy) == {"a1", "b1"}
    proxy.set_label_filter(None)
    assert len(shown(proxy)) == 5


def test_stance_filter_including_none(proxy):
    proxy.set_stance_filter("favor")
    assert shown(proxy) == {"b1", "c1"}
    proxy.set_stance_filter(NO_STANCE)
    assert shown(proxy) == {"a2"}


def test_annotator_filter(proxy):
    proxy.set_annotator_filter("bob")
    assert shown(proxy) == {"b1", "e1"}


def test_document_filter(proxy):
    proxy.set_document_filter("cjk")
    assert shown(proxy) == {"c1"}


def test_text_filter_matches_span_text_note_and_title_case_insensitively(proxy):
    proxy.set_text_filter("EXPERTS")
    assert shown(proxy) == {"a1", "b1"}
    proxy.set_text_filter("人工")
    assert shown(proxy) == {"c1"}
    proxy.set_text_filter("wording")
    assert shown(proxy) == {"c1"}
    proxy.set_text_filter("emoji protest")  # every word, anywhere in the row
    assert shown(proxy) == {"e1"}
    proxy.set_text_filter("nothing like this")
    assert shown(proxy) == set()


def test_filters_combine(proxy, qtmodeltester):
    proxy.set_label_filter("Claim")
    proxy.set_annotator_filter("alice")
    assert shown(proxy) == {"a1"}
    assert proxy.is_filtered()
    qtmodeltester.check(proxy)


def test_sorting_by_document_keeps_reading_order(proxy):
    proxy.sort(Column.DOCUMENT)
    titles = [proxy.index(r, Column.DOCUMENT).data() for r in range(proxy.rowCount())]
    assert titles == ["en article"] * 3 + ["emoji article", "cjk article"]
    proxy.sort(Column.LABEL)
    labels = [proxy.index(r, Column.LABEL).data() for r in range(proxy.rowCount())]
    assert labels == sorted(labels)


def test_text_filter_matches_the_outlet(proxy):
    proxy.set_text_filter("CJK OUTLET")  # the documents' sources are "<key> outlet"
    assert shown(proxy) == {"c1"}


def test_opening_reads_no_span_of_the_whole_project(session, monkeypatch, qtmodeltester):
    # An archive's million spans each became a Span to open the window (#15).
    def every_span(*args, **kwargs):
        if not args or args[0] is None:
            raise AssertionError("read every span of the project")
        return original(*args, **kwargs)

    original = session.store.annotations.spans
    monkeypatch.setattr(session.store.annotations, "spans", every_span)
    model = AnnotationTableModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.total_count() == 2


def add(session, span: Span) -> None:
    from annotator.gui.commands import AddSpanCommand

    session.undo_stack.push(AddSpanCommand(session, span, "x"))


def test_filtered_rows_follow_adds_and_undos_without_a_reset(proxy, session, qtbot):
    resets = []
    proxy.modelReset.connect(lambda: resets.append(1))
    proxy.set_label_filter("Claim")
    resets.clear()
    with qtbot.waitSignal(proxy.rowsInserted):
        add(session, Span("n1", "en", 4, 8, "Claim", "alice"))
    add(session, Span("n2", "en", 9, 12, "Source", "alice"))  # filtered out: no row
    assert shown(proxy) == {"a1", "b1", "n1"}
    assert proxy.total_count() == 7
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert shown(proxy) == {"a1", "b1"}
    assert resets == []


@pytest.mark.parametrize(
    ("column", "order"),
    [
        (Column.DOCUMENT, Qt.SortOrder.DescendingOrder),
        (Column.LABEL, Qt.SortOrder.AscendingOrder),
        (Column.TEXT, Qt.SortOrder.DescendingOrder),
    ],
)
def test_sorted_rows_take_a_new_span_in_its_place_and_keep_the_others(
    proxy, session, qtbot, qtmodeltester, column, order
):
    proxy.sort(column, order)
    before = [proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(proxy.rowCount())]
    kept = proxy.index(0, 0)
    from PySide6.QtCore import QPersistentModelIndex

    persistent = QPersistentModelIndex(kept)
    first = kept.data(SPAN_ID_ROLE)
    resets = []
    proxy.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(proxy.rowsInserted):
        add(session, Span("n1", "en", 4, 8, "Evidence", "alice"))
    after = [proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(proxy.rowCount())]
    assert [i for i in after if i != "n1"] == before
    assert persistent.data(SPAN_ID_ROLE) == first  # a selection would stay on its row
    fresh = AnnotationTableModel(session)
    fresh.sort(column, order)
    assert after == [fresh.index(r, 0).data(SPAN_ID_ROLE) for r in range(fresh.rowCount())]
    assert proxy.row_of("n1") == after.index("n1")
    session.undo_stack.undo()
    assert [proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(proxy.rowCount())] == before
    assert resets == []
    qtmodeltester.check(proxy)
