"""DocumentListModel: rows, roles, progress and refresh from session signals."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt

from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand, SetDoneCommand
from annotator.gui.reading.document_list_model import DocumentIdRole, DocumentListModel, TitleRole
from annotator.store.document_filter import DocumentFilter


def test_model_passes_modeltester(qtmodeltester, session):
    model = DocumentListModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_rows_show_title_source_and_counts(session):
    model = DocumentListModel(session)
    row = model.row_of("en")
    index = model.index(row)
    assert model.data(index, DocumentIdRole) == "en"
    display = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert display.startswith("en article — en outlet")
    assert "3 annotations (2 mine)" in display
    assert "Annotations: 3 (2 mine)" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(model.row_of("cjk")), Qt.ItemDataRole.DisplayRole) == (
        "cjk article — cjk outlet"
    )


def test_refreshes_on_done_and_new_spans(qtbot, qtmodeltester, session):
    model = DocumentListModel(session)
    row = model.row_of("cjk")
    model.data(model.index(row))  # shown: a row never read needs no signal
    with qtbot.waitSignal(model.dataChanged):
        session.undo_stack.push(SetDoneCommand(session, "cjk", True))
    assert model.summary(row).done
    session.undo_stack.push(AddSpanCommand(session, Span("n1", "cjk", 0, 2, "Claim", "alice")))
    assert "1 annotation (1 mine)" in model.data(model.index(row))
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert not model.summary(row).done
    qtmodeltester.check(model)


def test_an_add_undo_redo_recounts_its_row_without_reading_the_list(
    qtbot, qtmodeltester, session, monkeypatch
):
    # A span change moves one document's counts: the list is not read again and the
    # text is not measured again (#15: a full refresh ran on every add, undo and redo).
    model = DocumentListModel(session)
    row = model.row_of("en")
    assert "3 annotations (2 mine)" in model.data(model.index(row))

    def no_listing(*_args: object) -> None:
        raise AssertionError("the whole list was read again")

    monkeypatch.setattr(session.store.document_list, "ids", no_listing)
    monkeypatch.setattr(session.store.document_list, "summaries", no_listing)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    session.undo_stack.push(AddSpanCommand(session, Span("n1", "en", 0, 2, "Claim", "alice")))
    assert "4 annotations (3 mine)" in model.data(model.index(row))
    session.undo_stack.undo()
    assert "3 annotations (2 mine)" in model.data(model.index(row))
    session.undo_stack.redo()
    assert "4 annotations (3 mine)" in model.data(model.index(row))
    length = len(session.document("en").text)
    tooltip = model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert f"Length: {length:,} characters" in tooltip
    assert changed == [(row, row)] * 3
    qtmodeltester.check(model)


def test_external_change_resets_when_documents_differ(qtbot, session):
    model = DocumentListModel(session)
    model._ids = model._ids[:1]  # pretend the list was stale
    with qtbot.waitSignal(model.modelReset):
        session.external_change_detected.emit()
    assert model.rowCount() == 3


def test_summaries_are_read_only_for_the_rows_asked_for(session, monkeypatch):
    # An archive of 10,000 articles and 1,000,000 spans: opening the list must not build
    # every document's summary nor count its spans; a view asks only for the rows it shows.
    from annotator.gui.reading import document_list_model

    monkeypatch.setattr(document_list_model, "COUNT_PAGE", 2)
    asked: list[list[str]] = []
    finder = session.store.document_list
    summaries = finder.summaries
    monkeypatch.setattr(
        finder, "summaries", lambda ids, me: (asked.append(list(ids)), summaries(ids, me))[1]
    )
    model = DocumentListModel(session)
    assert asked == []  # nothing read to build the list
    ids = model.document_ids()
    assert model.data(model.index(0), DocumentIdRole) == ids[0]  # the id needs no read
    assert model.row_of(ids[-1]) == len(ids) - 1
    assert asked == []
    model.data(model.index(0))
    assert asked == [ids[:2]]  # the page of the row shown
    model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)
    assert asked == [ids[:2]]  # already read
    last = model.summary(len(ids) - 1)
    assert asked[-1] == [ids[-1]]
    # The same as the whole list's summaries, but for the length, which only the tooltip
    # shows and reads on its own (a page would read every text to count it).
    expected = {
        s.id: replace(s, length=0) for s in session.store.documents.summaries(session.annotator)
    }
    assert last == expected[ids[-1]]
    assert model.summary(0) == expected[ids[0]]


def test_a_filter_narrows_the_rows_and_resets(qtbot, qtmodeltester, session):
    model = DocumentListModel(session)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(DocumentFilter(words=("CJK",)))
    assert model.document_ids() == ["cjk"]
    assert model.row_of("cjk") == 0 and model.row_of("en") == -1
    assert model.data(model.index(0), TitleRole) == "cjk article"
    model.set_filter(DocumentFilter(outlet="en outlet", done=False))
    assert model.document_ids() == ["en"]
    qtmodeltester.check(model)
    model.set_filter(DocumentFilter(done=True))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_a_done_filter_follows_marking_done_and_its_undo(qtbot, session):
    model = DocumentListModel(session)
    model.set_filter(DocumentFilter(done=False))
    assert "cjk" in model.document_ids()
    with qtbot.waitSignal(model.modelReset):
        session.undo_stack.push(SetDoneCommand(session, "cjk", True))
    assert "cjk" not in model.document_ids()
    session.undo_stack.undo()
    assert "cjk" in model.document_ids()


def test_the_filter_is_for_the_sessions_annotator(session):
    model = DocumentListModel(session)
    model.set_filter(DocumentFilter(annotator="somebody else", done=True))
    assert model.document_filter().annotator == session.annotator


def test_rows_handed_over_a_batch_at_a_time(qtbot, qtmodeltester, session):
    model = DocumentListModel(session, rows_at_a_time=2)
    assert model.rowCount() == 2 and model.match_count() == 3
    assert model.canFetchMore(QModelIndex())
    assert model.data(model.index(2), DocumentIdRole) is None  # not handed over yet
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 3 and not model.canFetchMore(QModelIndex())
    model.set_filter(DocumentFilter(words=("article",)))  # a new filter starts a batch again
    assert model.rowCount() == 2 and model.match_count() == 3
    # Qt's tester fetches more inside a reset and then reports a change in flight, so it
    # checks its own model (a list view fetches when it lays out, after the reset).
    checked = DocumentListModel(session, rows_at_a_time=2)
    qtmodeltester.check(checked)
    assert checked.rowCount() == 3
