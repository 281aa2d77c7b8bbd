"""Review Disagreements: the Claims tab shows differing groupings and accepts claims, and
relations between claims, into gold."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from annotator.core.claims.model import ClaimRelationKind
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


def test_claims_tab_accepts_a_relation_into_gold_undoably(session: ProjectSession, qtbot) -> None:
    _groupings(session.store)
    session.store.claims.add_relation(
        ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL, "bob-1", "bob-2", "one letter"
    )
    view = AdjudicationView(session)
    qtbot.addWidget(view)
    view.set_document("en")
    panel = view.claims_panel
    item = panel.relations.topLevelItem(0)
    assert item is not None and panel.relations.topLevelItemCount() == 1
    assert item.text(0) == "bob" and item.text(2) == "one letter"
    assert "same event, different detail" in item.text(1) and "Experts protest" in item.text(1)
    button = panel.relations.itemWidget(item, 3)
    assert isinstance(button, QPushButton) and button.text() == "Accept into gold"
    with qtbot.waitSignal(panel.relation_accepted):
        button.click()
    (gold,) = session.store.claims.relations([GOLD_ANNOTATOR])
    assert (gold.note, gold.origin) == ("one letter", "accepted from bob")
    assert len(session.store.claims.claims([GOLD_ANNOTATOR])) == 2  # both ends came along
    button = panel.relations.itemWidget(panel.relations.topLevelItem(0), 3)
    assert isinstance(button, QPushButton) and button.text() == "In gold"
    assert not button.isEnabled()
    session.undo_stack.undo()  # one step takes the relation and both claims back
    assert session.store.claims.relations([GOLD_ANNOTATOR]) == []
    assert session.store.claims.claims([GOLD_ANNOTATOR]) == []
    session.undo_stack.redo()
    assert [r.id for r in session.store.claims.relations([GOLD_ANNOTATOR])] == [gold.id]


def test_the_accept_buttons_are_not_cut_off(session: ProjectSession, qtbot) -> None:
    """The button columns kept a default width that cut "Accept into gold" to "cept into gc"."""
    _groupings(session.store)
    session.store.claims.add_relation(
        ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL, "bob-1", "bob-2", "one letter"
    )
    view = AdjudicationView(session)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_document("en")
    view.bottom_tabs.setCurrentWidget(view.claims_panel)
    view.show()
    qtbot.waitExposed(view)
    panel = view.claims_panel
    for tree, column in ((panel.tree, 4), (panel.relations, 3)):
        button = tree.itemWidget(tree.topLevelItem(0), column)
        assert isinstance(button, QPushButton)
        assert tree.columnWidth(column) >= button.sizeHint().width(), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
