"""Review Disagreements: the Claims tab shows differing groupings and accepts claims into gold."""

from __future__ import annotations

from annotator.core.model import GOLD_ANNOTATOR
from annotator.gui.review.adjudication_view import AdjudicationView
from annotator.gui.session import ProjectSession
from tests.services.test_claim_adjudication import _groupings


def test_claims_tab_accepts_a_claim_into_gold_undoably(session: ProjectSession, qtbot) -> None:
    _groupings(session.store)
    view = AdjudicationView(session)
    qtbot.addWidget(view)
    view.set_document("en")
    panel = view.claims_panel
    assert view.bottom_tabs.tabText(1) == "Claims"
    assert [r.claim.id for r in panel.rows] == ["alice-1", "bob-1"]
    item = panel.tree.topLevelItem(0)
    assert item is not None and "grouped differently: bob splits them" in item.text(3)
    alice = panel.rows[0]
    command = panel.accept(alice)
    assert command.failure is None
    gold = [c for c in session.store.claims.claims() if c.annotator == GOLD_ANNOTATOR]
    assert [(c.wording, c.origin) for c in gold] == [("Experts warned", "accepted from alice")]
    assert panel.rows[0].in_gold
    button = panel.tree.itemWidget(panel.tree.topLevelItem(0), 4)
    assert button is not None and not button.isEnabled()
    session.undo_stack.undo()
    assert all(c.annotator != GOLD_ANNOTATOR for c in session.store.claims.claims())
    assert session.store.annotations.spans(None, [GOLD_ANNOTATOR]) == []
    session.undo_stack.redo()
    assert len(session.store.claims.mentions(gold[0].id)) == 2
