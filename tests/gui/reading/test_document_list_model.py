"""DocumentListModel: rows, roles, progress and refresh from session signals."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand, SetDoneCommand
from annotator.gui.reading.document_list_model import DocumentIdRole, DocumentListModel


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

    monkeypatch.setattr(session.store.documents, "listing", no_listing)
    monkeypatch.setattr(session.store.documents, "counts", no_listing)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    session.undo_stack.push(AddSpanCommand(session, Span("n1", "en", 0, 2, "Claim", "alice")))
    assert "4 annotations (3 mine)" in model.data(model.index(row))
    session.undo_stack.undo()
    assert "3 annotations (2 mine)" in model.data(model.index(row))
    session.undo_stack.redo()
    assert "4 annotations (3 mine)" in model.data(model.index(row))
    assert model.summary(row).length == len(session.document("en").text)
    assert changed == [(row, row)] * 3
    qtmodeltester.check(model)


def test_external_change_resets_when_documents_differ(qtbot, session):
    model = DocumentListModel(session)
    model._rows = model._rows[:1]  # pretend the list was stale
    with qtbot.waitSignal(model.modelReset):
        session.external_change_detected.emit()
    assert model.rowCount() == 3


def test_counts_are_read_only_for_the_rows_asked_for(session, monkeypatch):
    # An archive of 10,000 articles and 1,000,000 spans: opening the list must not count
    # every document's spans; a view asks only for the rows it shows.
    from annotator.gui.reading import document_list_model

    monkeypatch.setattr(document_list_model, "COUNT_PAGE", 2)
    asked: list[list[str]] = []
    counts = session.store.documents.counts
    monkeypatch.setattr(
        session.store.documents,
        "counts",
        lambda ids, me="": (asked.append(ids), counts(ids, me))[1],
    )
    model = DocumentListModel(session)
    assert asked == []  # nothing counted to build the list
    ids = model.document_ids()
    assert model.data(model.index(0), DocumentIdRole) == ids[0]  # the id needs no count
    assert asked == []
    model.data(model.index(0))
    assert asked == [ids[:2]]  # the page of the row shown
    model.data(model.index(1), Qt.ItemDataRole.ToolTipRole)
    assert asked == [ids[:2]]  # already counted
    last = model.summary(len(ids) - 1)
    assert asked[-1] == [ids[-1]]
    expected = {s.id: s for s in session.store.documents.summaries(session.annotator)}
    assert last == expected[ids[-1]]
    assert model.summary(0) == expected[ids[0]]
