"""The claim matrix: cell states, values, contradictions, derived articles, per-outlet counts,
filters, the annotator switch, and a cell that opens its mention."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.gui.claims.claim_list_model import ClaimListModel, ClaimRow
from annotator.gui.claims.claim_matrix_model import (
    MADE_BY_COLUMN,
    SPAN_ID_ROLE,
    STATE_ROLE,
    ClaimMatrixModel,
)
from annotator.gui.claims.claim_matrix_view import ClaimMatrixView
from annotator.gui.session import ProjectSession
from annotator.services.claim_matrix import build_matrix
from tests.conftest import SAMPLE_TEXTS


def _span(session: ProjectSession, span_id: str, document: str, phrase: str, **kw) -> Span:
    start = SAMPLE_TEXTS[document].index(phrase)
    span = Span(span_id, document, start, start + len(phrase), "Claim", "alice", **kw)
    session.store.annotations.add_span(span)
    return span


@pytest.fixture
def claims(session: ProjectSession) -> ProjectSession:
    """c1 in en (more than 160) and emoji; c2 (over 40) in cjk contradicts c1; emoji is
    derived from en; cjk is silent on c3; en is done."""
    store = session.store
    _span(session, "e1", "emoji", "Experts 👩‍💻 protest", stance="against")
    _span(session, "k1", "cjk", "专家警告华盛顿")
    store.claims.create_from_span("a1", "Experts signed", claim_id="c1")
    store.claims.link("e1", "c1")
    store.claims.create_from_span("k1", "Experts signed — over 40", claim_id="c2", value="over 40")
    store.claims.add_relation(ClaimRelationKind.CONTRADICTS, "c1", "c2", "160 vs 40")
    store.claims.create("A planned claim", "alice", claim_id="c3")
    store.claims.set_silent("cjk", "c3", True)
    store.claims.set_derived_from("emoji", "en", "alice", True, "rewrite")
    store.documents.set_done("en", "alice", True)
    return session


def _cell(model: ClaimMatrixModel, claim: str, document: str, role=Qt.ItemDataRole.DisplayRole):
    return model.index(model.row_of(claim), model.column_of(document)).data(role)


def test_cells_tell_made_silent_not_made_and_unknown_apart(claims, qtmodeltester) -> None:
    model = ClaimMatrixModel()
    model.set_matrix(build_matrix(claims.store, "alice"))
    qtmodeltester.check(model)
    assert [c.document_id for c in model.matrix.columns] == ["en", "emoji", "cjk"]  # grouped
    assert _cell(model, "c1", "en") == "⚡ more than 160 · A"
    assert _cell(model, "c1", "emoji") == "✓ · A"  # no number: not part of the conflict
    assert _cell(model, "c2", "cjk") == "⚡ over 40"
    assert _cell(model, "c1", "cjk") == "⚡ vs 2"  # cjk makes the contradicting claim
    assert _cell(model, "c3", "cjk", STATE_ROLE) == "silent"
    assert _cell(model, "c3", "en", STATE_ROLE) == "not_made"  # en is done: an omission
    assert _cell(model, "c3", "emoji", STATE_ROLE) == "unknown"
    assert _cell(model, "c3", "emoji") == "?"
    header = model.headerData(model.column_of("emoji"), Qt.Orientation.Horizontal)
    assert "↳ from en" in header and "1 of 3 claims" in header
    made_by = model.index(model.row_of("c1"), MADE_BY_COLUMN).data()
    assert made_by == "2 (1 indep.)"  # emoji derives from en: one story, told twice
    assert model.outlet_summary()[0] == "en (en outlet) makes 1 of 3 claims"
    claim_text = model.index(model.row_of("c1"), 0).data()
    assert claim_text == "Experts signed  ⚡ 2"


def test_derived_articles_follow_their_source(claims) -> None:
    claims.store.claims.set_derived_from("en", "cjk", "alice", True)
    model = ClaimMatrixModel()
    model.set_matrix(build_matrix(claims.store, "alice"))
    assert [c.document_id for c in model.matrix.columns] == ["cjk", "en", "emoji"]


def test_matrix_window_filters_and_switches_annotator(claims, qtbot, qtmodeltester) -> None:
    view = ClaimMatrixView(claims)
    qtbot.addWidget(view)
    qtmodeltester.check(view.proxy)
    assert view.proxy.rowCount() == 3
    view.search.setText("planned")
    assert view.proxy.rowCount() == 1
    view.search.setText("")
    view.contradictions_box.setChecked(True)
    assert view.proxy.rowCount() == 2
    view.contradictions_box.setChecked(False)
    view.stance_combo.setCurrentIndex(view.stance_combo.findData("against"))
    assert view.proxy.rowCount() == 1
    view.stance_combo.setCurrentIndex(0)
    view.outlet_combo.setCurrentIndex(view.outlet_combo.findData("cjk"))
    assert view.proxy.columnCount() == 3  # the claim, "made by" and cjk
    view.outlet_combo.setCurrentIndex(0)
    assert "en (en outlet) makes 1 of 3 claims" in view.summary.text()
    # bob has a claim of his own
    claims.store.claims.create_from_span("b1", "Bob's claim", claim_id="cb")
    view.refresh()
    view.set_annotator("bob")
    assert view.annotator == "bob"
    assert [row.claim.id for row in view.model.matrix.rows] == ["cb"]


def test_a_cell_opens_its_mention(claims, qtbot) -> None:
    view = ClaimMatrixView(claims)
    qtbot.addWidget(view)
    index = view.cell_index("c1", "emoji")
    assert index.isValid() and index.data(SPAN_ID_ROLE) == "e1"
    with qtbot.waitSignal(view.mention_requested) as blocker:
        view.table.doubleClicked.emit(index)
    assert blocker.args == ["emoji", "e1"]
    assert not view.open_cell(view.cell_index("c3", "cjk"))  # silent: nothing to open


def test_matrix_follows_claim_commands(claims, qtbot) -> None:
    from annotator.gui.claims.claim_commands import SetSilentCommand

    view = ClaimMatrixView(claims)
    qtbot.addWidget(view)
    view.show()
    claims.undo_stack.push(SetSilentCommand(claims, "emoji", "c3", True))
    qtbot.waitUntil(lambda: view.cell_index("c3", "emoji").data(STATE_ROLE) == "silent")
    claims.undo_stack.undo()
    qtbot.waitUntil(lambda: view.cell_index("c3", "emoji").data(STATE_ROLE) == "unknown")


def test_claim_list_model_passes_the_model_tester(claims, qtmodeltester) -> None:
    model = ClaimListModel()
    rows = [
        ClaimRow(c, n, mentions=1, articles=1)
        for n, c in enumerate(claims.store.claims.claims(), start=1)
    ]
    model.set_claims(rows)
    qtmodeltester.check(model)
    assert model.index(0, 0, QModelIndex()).data() == "1  Experts signed"
    assert model.row_of("c3") == 2


def test_export_writes_html_and_csv_through_the_service(
    claims, qtbot, tmp_path, monkeypatch
) -> None:
    import csv

    view = ClaimMatrixView(claims)
    qtbot.addWidget(view)
    html_path = tmp_path / "claims.html"
    monkeypatch.setattr(
        "annotator.gui.claims.claim_matrix_view.ask_export_path", lambda *_a: html_path
    )
    view.export_button.click()
    page = html_path.read_text("utf-8")
    assert "Experts signed" in page and "<script" not in page.lower()
    assert view.export(tmp_path / "claims.csv") == tmp_path / "claims.csv"
    with (tmp_path / "claims.csv").open(encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert any("Experts signed" in cell for row in table for cell in row)
