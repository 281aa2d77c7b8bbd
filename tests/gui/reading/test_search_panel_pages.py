"""The results list pages: a word in every article shows one page at once, more on scroll."""

from __future__ import annotations

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.gui.reading.search_panel import HIT_ROLE, SearchPanel
from annotator.gui.session import ProjectSession
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.search_repo import FIRST_PAGE_HITS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ARTICLES = 150  # two hits each: 300 hits, six pages


@pytest.fixture
def panel(qapp, qtbot, project_path):
    store = ProjectStore.create(project_path)
    docs = [
        AnnotatedDocument(Document(id=f"a{i:03}", text=f"Article {i}: experts, then experts."))
        for i in range(ARTICLES)
    ]
    ingest(store, docs)
    session = ProjectSession(store, "alice")
    widget = SearchPanel(session)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    session._poll.stop()
    store.close()


def _shown_hits(panel: SearchPanel) -> int:
    return sum(
        panel.results.topLevelItem(i).childCount() for i in range(panel.results.topLevelItemCount())
    )


def test_the_first_page_only_and_the_status_says_more_follow(panel, qtbot) -> None:
    panel.search_field.setText("experts")
    shown = panel.search_now()
    assert FIRST_PAGE_HITS <= len(shown) < 2 * ARTICLES
    assert _shown_hits(panel) == len(shown)
    assert "more as you scroll" in panel.status_label.text()


def test_scrolling_to_the_end_reads_every_page(panel, qtbot) -> None:
    panel.search_field.setText("experts")
    panel.search_now()
    bar = panel.results.verticalScrollBar()
    for _ in range(20):
        if not panel.has_more():
            break
        qtbot.wait(1)  # the list lays out the new rows before its scroll range grows
        bar.setValue(bar.maximum())
    assert not panel.has_more()
    assert _shown_hits(panel) == 2 * ARTICLES
    assert panel.status_label.text() == f"{2 * ARTICLES} hits in {ARTICLES} documents"


def test_next_hit_past_the_last_shown_reads_the_next_page_instead_of_wrapping(panel) -> None:
    panel.search_field.setText("experts")
    shown = panel.search_now()
    activated: list[tuple[str, int, int]] = []
    panel.hit_activated.connect(lambda d, s, e: activated.append((d, s, e)))
    for _ in range(len(shown) + 1):
        panel.next_hit()
    first = panel.results.topLevelItem(0).child(0).data(0, HIT_ROLE)
    assert activated[-1] != tuple(first)  # it did not wrap to the first hit
    assert _shown_hits(panel) > len(shown)


def test_a_new_search_clears_the_highlights_of_documents_no_longer_shown(panel) -> None:
    cleared: list[str] = []
    panel.hits_changed.connect(lambda doc, hits: hits or cleared.append(doc))
    panel.search_field.setText("experts")
    first = {h.document_id for h in panel.search_now()}
    panel.search_field.setText("Article 7:")
    panel.search_now()
    assert first - {"a007"} <= set(cleared)
