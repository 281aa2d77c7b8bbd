"""The agreement window's Claims tab shows each pair's grouping scores from the report."""

from __future__ import annotations

from annotator.core.model import Span
from annotator.gui.review.agreement_claims_tab import AgreementClaimsTab
from annotator.gui.review.agreement_view import AgreementView
from annotator.gui.session import ProjectSession
from annotator.services.agreement_service import project_agreement
from tests.conftest import SAMPLE_TEXTS


def _two_groupings(session: ProjectSession) -> None:
    """alice puts both passages in one claim; bob makes two claims of them."""
    store = session.store
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("protest")
    for annotator in ("alice", "bob"):
        store.annotations.add_span(
            Span(f"{annotator}-e", "emoji", start, start + 7, "Claim", annotator)
        )
    claims = store.claims
    claims.create_from_span("a1", "Experts warned", claim_id="alice-1")
    claims.link("alice-e", "alice-1")
    claims.create_from_span("b1", "Experts warned", claim_id="bob-1")
    claims.create_from_span("bob-e", "Experts protest", claim_id="bob-2")
    store.documents.set_done("en", "alice", True)
    store.documents.set_done("emoji", "alice", True)
    store.documents.set_done("en", "bob", True)
    store.documents.set_done("emoji", "bob", True)


def test_claims_tab_shows_the_reports_scores(session: ProjectSession, qtbot, qtmodeltester) -> None:
    _two_groupings(session)
    report = project_agreement(session.store)
    (pair,) = report["claims"]["pairwise"]
    tab = AgreementClaimsTab()
    qtbot.addWidget(tab)
    tab.set_report(report)
    qtmodeltester.check(tab.model)
    model = tab.model
    assert model.rowCount() == 1
    texts = [model.cell(0, c).text for c in range(model.columnCount())]
    assert texts[:6] == ["alice", "bob", "2", "0", "0", "1 / 2"]
    assert texts[6] == "—" if pair["muc"]["f1"] is None else f"{pair['muc']['f1']:.3f}"
    assert texts[7] == f"{pair['b_cubed']['f1']:.3f}"
    assert texts[10] == f"{pair['conll_f1']:.3f}"
    assert "recall" in model.cell(0, 7).reason
    # Different groupings of the same mentions cannot score a perfect B³.
    assert pair["b_cubed"]["f1"] < 1


def test_agreement_window_has_a_claims_tab(session: ProjectSession, qtbot) -> None:
    _two_groupings(session)
    view = AgreementView(session)
    qtbot.addWidget(view)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert "Claims" in titles
    assert view.claims_tab.model.rowCount() == 1
