"""AnnotationTableModel: rows follow the session, incrementally for span edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.model import SchemeKind, Span
from annotator.gui.annotating.annotation_table_model import (
    DOCUMENT_ID_ROLE,
    SPAN_ID_ROLE,
    AnnotationTableModel,
    Column,
)
from annotator.gui.commands import (
    AddSpanCommand,
    DeleteSpansCommand,
    EditSpanCommand,
)
from tests.conftest import SAMPLE_TEXTS


@pytest.fixture
def model(session, qtmodeltester):
    table = AnnotationTableModel(session)
    qtmodeltester.check(table)
    return table


def rename_label(session, old: str, new: str) -> None:
    # What UpdateSchemeItemCommand does; its `name` parameter can't take a rename keyword yet.
    session.store.scheme.update(SchemeKind.LABEL, old, name=new)
    session.scheme_did_change()


def ids(model: AnnotationTableModel) -> list[str]:
    return [model.index(r, 0).data(SPAN_ID_ROLE) for r in range(model.rowCount())]


def cell(
    model: AnnotationTableModel, span_id: str, column: Column, role=Qt.ItemDataRole.DisplayRole
):
    return model.index(model.row_of(span_id), column).data(role)


def test_rows_are_my_visible_spans_with_their_columns(model):
    assert ids(model) == ["a1", "a2"]
    assert cell(model, "a1", Column.DOCUMENT) == "en article"
    assert cell(model, "a1", Column.LABEL) == "Claim"
    assert cell(model, "a1", Column.TEXT) == "More than 160 experts"
    assert cell(model, "a1", Column.STANCE) == "against"
    assert cell(model, "a2", Column.STANCE) == "—"
    assert cell(model, "a1", Column.ANNOTATOR) == "alice"
    swatch = (
        cell(model, "a1", Column.LABEL, Qt.ItemDataRole.DecorationRole).pixmap(12, 12).toImage()
    )
    assert swatch.pixelColor(6, 6) == QColor("#e69f00")
    assert cell(model, "a1", Column.NOTE, DOCUMENT_ID_ROLE) == "en"
    assert model.headerData(Column.TEXT, Qt.Orientation.Horizontal) == "Text"


def test_show_others_resets_to_everyone(model, session, qtbot, qtmodeltester):
    with qtbot.waitSignal(model.modelReset):
        session.set_show_others(True)
    assert sorted(ids(model)) == ["a1", "a2", "b1"]
    qtmodeltester.check(model)


def test_span_text_uses_code_point_offsets_and_one_line(session, qtmodeltester):
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("restrictions")
    session.store.annotations.add_span(Span("e1", "emoji", start, start + 12, "Claim", "alice"))
    start = text.index("AI.")
    session.store.annotations.add_span(
        Span("e2", "emoji", start, text.index("too"), "Source", "alice", note="line one\nline two")
    )
    model = AnnotationTableModel(session)
    qtmodeltester.check(model)
    assert cell(model, "e1", Column.TEXT) == "restrictions"
    assert cell(model, "e2", Column.TEXT) == "AI. Second line with é (e\u0301)"
    assert cell(model, "e2", Column.NOTE) == "line one"


def test_added_span_is_inserted_without_a_reset(model, session, qtbot):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    text = SAMPLE_TEXTS["cjk"]
    span = Span("c1", "cjk", text.index("人工智能"), text.index("人工智能") + 4, "Claim", "alice")
    with qtbot.waitSignal(model.rowsInserted):
        session.undo_stack.push(AddSpanCommand(session, span, "人工智能"))
    assert ids(model) == ["a1", "a2", "c1"]
    assert cell(model, "c1", Column.TEXT) == "人工智能"
    with qtbot.waitSignal(model.rowsRemoved):
        session.undo_stack.undo()
    assert ids(model) == ["a1", "a2"]
    assert resets == []


def test_edited_span_updates_its_row(model, session, qtbot):
    with qtbot.waitSignal(model.dataChanged) as blocker:
        session.undo_stack.push(EditSpanCommand(session, "a2", note="why\nmore", stance="favor"))
    assert blocker.args[0].row() == model.row_of("a2")
    assert cell(model, "a2", Column.NOTE) == "why"
    assert cell(model, "a2", Column.STANCE) == "favor"
    session.undo_stack.undo()
    assert cell(model, "a2", Column.STANCE) == "—"


def test_deleted_spans_are_removed(model, session, qtbot):
    spans = session.visible_spans("en")
    with qtbot.waitSignal(model.rowsRemoved):
        session.undo_stack.push(DeleteSpansCommand(session, spans))
    assert model.rowCount() == 0
    session.undo_stack.undo()
    assert ids(model) == ["a1", "a2"]


def test_other_annotators_spans_stay_hidden_when_added(model, session):
    session.apply_add_spans([Span("b2", "en", 0, 4, "Source", "bob")])
    assert "b2" not in ids(model)


def test_scheme_rename_resets_and_shows_the_new_name(model, session, qtbot, qtmodeltester):
    with qtbot.waitSignal(model.modelReset):
        rename_label(session, "Claim", "Assertion")
    assert cell(model, "a1", Column.LABEL) == "Assertion"
    qtmodeltester.check(model)


def test_retitled_document_updates_the_document_column(model, session, qtbot):
    with qtbot.waitSignal(model.dataChanged):
        session.apply_metadata("en", title="Experts warn")
    assert cell(model, "a1", Column.DOCUMENT) == "Experts warn"


def test_outlet_and_claim_columns_follow_links_and_renames(model, session) -> None:
    assert cell(model, "a1", Column.OUTLET) == "en outlet"
    assert cell(model, "a1", Column.CLAIM) == ""
    from annotator.gui.claims.claim_commands import CreateClaimCommand, RenameClaimCommand

    create = CreateClaimCommand(session, "a1", "Experts <b>warned</b>")
    session.undo_stack.push(create)
    assert cell(model, "a1", Column.CLAIM) == "1 · Experts <b>warned</b> (more than 160)"
    tooltip = cell(model, "a1", Column.CLAIM, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;warned&lt;/b&gt;" in tooltip
    session.undo_stack.push(RenameClaimCommand(session, create.claim_id, "Experts signed"))
    assert cell(model, "a1", Column.CLAIM) == "1 · Experts signed (more than 160)"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert cell(model, "a1", Column.CLAIM) == ""


def test_claim_changes_announce_only_the_rows_that_read_differently(model, session) -> None:
    """Linking to an existing claim re-announces no claim cell (the link arrives as a span
    change); a rename announces just the rows linked to that claim."""
    from annotator.gui.claims.claim_commands import (
        CreateClaimCommand,
        LinkSpanCommand,
        RenameClaimCommand,
    )
    from annotator.gui.session import ClaimsChange

    create = CreateClaimCommand(session, "a1", "Experts warned")
    session.undo_stack.push(create)
    announced: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): announced.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    session.claims_did_change(ClaimsChange(frozenset({create.claim_id})))
    assert announced == []
    session.undo_stack.push(LinkSpanCommand(session, "a2", create.claim_id))
    assert cell(model, "a2", Column.CLAIM).startswith("1 · Experts warned")
    claim_rows = {
        r for r1, c1, r2, c2 in announced if c1 <= Column.CLAIM <= c2 for r in range(r1, r2 + 1)
    }
    assert claim_rows <= {model.row_of("a2")}  # only the newly linked span's row
    announced.clear()
    session.undo_stack.push(RenameClaimCommand(session, create.claim_id, "Experts signed"))
    linked_rows = {model.row_of("a1"), model.row_of("a2")}
    assert {(r, c) for r, c, _r2, _c2 in announced} == {(r, Column.CLAIM) for r in linked_rows}
    assert cell(model, "a2", Column.CLAIM).startswith("1 · Experts signed")


def test_row_of_follows_inserts_removals_and_resizes(model, session):
    text = SAMPLE_TEXTS["en"]
    for i in range(8):
        span = Span(f"r{i}", "en", 40 - 4 * i, 44 - i, "Claim", "alice")
        session.undo_stack.push(AddSpanCommand(session, span))
    session.undo_stack.push(EditSpanCommand(session, "r3", start=1, end=len(text) - 1))
    session.undo_stack.undo()
    session.undo_stack.undo()
    rows = ids(model)
    assert "r7" not in rows and "r3" in rows
    assert [model.row_of(i) for i in rows] == list(range(len(rows)))
    assert model.row_of("r7") == -1


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_an_edit_reads_only_the_spans_it_changed(model, session, monkeypatch, qtmodeltester, order):
    # Reading the whole document again built 5,000 Spans per add, undo and redo (#15).
    text = SAMPLE_TEXTS["en"]
    model.sort(Column.DOCUMENT, order)
    ids(model)  # the rows on screen: the document's spans are read once
    reads = []
    listing = model._listing
    whole = listing.document_spans
    monkeypatch.setattr(listing, "document_spans", lambda *args: reads.append(args) or whole(*args))
    stack = session.undo_stack
    stack.push(AddSpanCommand(session, Span("p1", "en", 2, 9, "Claim", "alice")))
    stack.push(AddSpanCommand(session, Span("p2", "en", 30, 40, "Source", "alice")))
    stack.push(EditSpanCommand(session, "p1", start=50, end=len(text) - 1))  # moves it
    stack.push(EditSpanCommand(session, "a2", note="kept in place"))
    stack.undo()
    stack.undo()
    stack.redo()
    stack.push(DeleteSpansCommand(session, [session.store.annotations.span("a1")]))
    assert reads == []
    fresh = AnnotationTableModel(session)
    fresh.sort(Column.DOCUMENT, order)
    qtmodeltester.check(model)
    assert ids(model) == ids(fresh)
    assert [cell(model, i, Column.TEXT) for i in ids(model)] == [
        cell(fresh, i, Column.TEXT) for i in ids(fresh)
    ]


def test_roles_the_model_never_answers_look_up_no_row(model, monkeypatch):
    # Painting a cell asks for a dozen roles; each row look-up costs a bisection.
    looked_up = []
    rows = model._rows
    span_at = rows.span_at
    monkeypatch.setattr(rows, "span_at", lambda row: looked_up.append(row) or span_at(row))
    index = model.index(0, Column.TEXT)
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    ):
        assert index.data(role) is None
    assert looked_up == []
    assert index.data(Qt.ItemDataRole.DisplayRole) == "More than 160 experts"
    assert looked_up == [0]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_change_to_rows_never_read_only_recounts_them(session, qtmodeltester, order):
    # With the list behind another tab nothing was read, and each add read the document's
    # 5,000 spans anyway (17 ms of the add, #15): now its rows are read when shown.
    model = AnnotationTableModel(session)
    model.sort(Column.DOCUMENT, order)
    reads = []
    listing = model._listing
    whole = listing.document_spans
    listing.document_spans = lambda *args: reads.append(args) or whole(*args)  # type: ignore[method-assign]
    stack = session.undo_stack
    before = model.rowCount()
    stack.push(AddSpanCommand(session, Span("c1", "cjk", 0, 2, "Claim", "alice")))
    stack.push(AddSpanCommand(session, Span("c2", "cjk", 3, 5, "Source", "alice")))
    stack.push(AddSpanCommand(session, Span("e1", "emoji", 0, 7, "Claim", "alice")))
    stack.push(EditSpanCommand(session, "c1", note="edited"))
    stack.push(AddSpanCommand(session, Span("hidden", "cjk", 0, 1, "Claim", "bob")))
    assert model.rowCount() == before + 3
    stack.undo()
    stack.undo()
    stack.undo()
    assert model.rowCount() == before + 2
    stack.redo()
    assert reads == []
    assert model.rowCount() == before + 3
    fresh = AnnotationTableModel(session)
    fresh.sort(Column.DOCUMENT, order)
    assert ids(model) == ids(fresh)
    assert [cell(model, i, Column.NOTE) for i in ids(model)] == [
        cell(fresh, i, Column.NOTE) for i in ids(fresh)
    ]
    qtmodeltester.check(model)
