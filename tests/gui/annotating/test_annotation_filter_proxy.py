"""AnnotationFilterProxy: each filter keeps exactly the matching annotations."""

from __future__ import annotations

import pytest

from annotator.core.model import Span
from annotator.gui.annotating.annotation_filter_proxy import NO_STANCE, AnnotationFilterProxy
from annotator.gui.annotating.annotation_table_model import (
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
    filtered = AnnotationFilterProxy()
    filtered.setSourceModel(model)
    qtmodeltester.check(filtered)
    return filtered


def shown(proxy: AnnotationFilterProxy) -> set[str]:
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
