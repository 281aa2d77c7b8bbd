"""The suggestions panel: ranked sentences per other open article, one click or Enter to link."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from annotator.core.model import Span
from annotator.gui.claims.claim_controller import ClaimController
from annotator.gui.claims.suggestions_panel import Article, SuggestionsPanel
from annotator.gui.session import ProjectSession
from annotator.services.similar_sentences import SentenceSuggester
from tests.conftest import SAMPLE_TEXTS


def _panel(session: ProjectSession, qtbot, calls: list[list[str]] | None = None):
    """The panel over the real suggestion service, recording which articles it asks for."""
    controller = ClaimController(session, lambda: None, lambda: None)
    suggester = SentenceSuggester(session.store)

    def counting(query: str, document_ids, limit: int):
        if calls is not None:
            calls.append(list(document_ids))
        return suggester.rank(query, document_ids, limit)

    articles = [Article(d, f"{d} · {d} outlet") for d in ("en", "emoji", "cjk")]
    panel = SuggestionsPanel(session, controller, counting, lambda: articles)
    qtbot.addWidget(panel, before_close_func=lambda p: p.stop())  # no refresh after the test
    return panel, controller


def test_a_claim_gets_suggestions_from_every_other_article(session: ProjectSession, qtbot) -> None:
    session.store.claims.create_from_span("a1", "Experts protest restrictions", claim_id="c1")
    calls: list[str] = []
    panel, controller = _panel(session, qtbot, calls)
    controller.set_current_claim("c1")
    panel.refresh()
    assert calls == [["emoji", "cjk"]]  # not the article the claim comes from
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == ["emoji · emoji outlet", "cjk · cjk outlet"]
    first = panel.items()[0]
    assert first.text(0).startswith("Experts 👩‍💻 protest 🇺🇸 restrictions")


def test_one_click_links_a_suggested_sentence_as_a_new_span(session: ProjectSession, qtbot) -> None:
    session.store.claims.create_from_span("a1", "Experts protest restrictions", claim_id="c1")
    panel, controller = _panel(session, qtbot)
    controller.set_current_claim("c1")
    panel.refresh()
    item = panel.items()[0]
    button = panel.tree.itemWidget(item, 2)
    assert isinstance(button, QPushButton)
    with qtbot.waitSignal(panel.linked) as blocker:
        button.click()
    claim_id, span_id = blocker.args
    span = session.store.annotations.span(span_id)
    assert (claim_id, span.claim, span.document_id, span.label) == ("c1", "c1", "emoji", "Claim")
    assert SAMPLE_TEXTS["emoji"][span.start : span.end].startswith("Experts 👩‍💻 protest")
    session.undo_stack.undo()  # one step: the span and its link
    assert all(s.id != span_id for s in session.visible_spans())
    # After linking, the linked sentence is no longer suggested.
    session.undo_stack.redo()
    panel.refresh()
    assert all(not i.text(0).startswith("Experts 👩‍💻") for i in panel.items())


def test_enter_links_an_existing_annotation_inside_the_sentence(
    session: ProjectSession, qtbot
) -> None:
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("restrictions")
    session.store.annotations.add_span(Span("e9", "emoji", start, start + 12, "Claim", "alice"))
    session.store.claims.create_from_span("a1", "Experts protest restrictions", claim_id="c1")
    panel, controller = _panel(session, qtbot)
    controller.set_current_claim("c1")
    panel.refresh()
    panel.tree.setCurrentItem(panel.items()[0])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert session.store.annotations.span("e9").claim == "c1"


def test_choosing_a_suggestion_previews_it(session: ProjectSession, qtbot) -> None:
    session.store.claims.create_from_span("a1", "Experts protest restrictions", claim_id="c1")
    panel, controller = _panel(session, qtbot)
    controller.set_current_claim("c1")
    panel.refresh()
    with qtbot.waitSignal(panel.preview_requested) as blocker:
        panel.tree.setCurrentItem(panel.items()[0])
    assert blocker.args[0] == "emoji"
