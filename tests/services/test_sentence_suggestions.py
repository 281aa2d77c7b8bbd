"""Sentence suggestions: the seed articles' matching sentences rank near the top; offsets are
code points into the exact text whatever the script."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import NotFoundError
from annotator.services.demo import load_demo
from annotator.services.sentence_suggestions import SentenceRanker
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS

LETTER = (
    "Number of experts who signed the letter. More than 160 experts in cybersecurity and "
    "artificial intelligence have issued a stark warning to Washington"
)


@pytest.fixture
def seeds(tmp_path: Path):
    store = ProjectStore.create(tmp_path / "seeds.annotator")
    load_demo(store)
    yield store
    store.close()


def test_the_matching_sentences_of_the_seed_articles_rank_high(seeds: ProjectStore) -> None:
    ranker = SentenceRanker(seeds)
    top_001 = ranker.rank(LETTER, "001_e619423e771bc6b3", 5)
    assert "over 40 prominent cybersecurity experts" in top_001[0].text
    top_004 = ranker.rank(LETTER, "004_576dfc317f407cdf", 5)
    assert any("Adobe, Nvidia and Zoom" in s.text for s in top_004)
    scores = [s.score for s in top_004]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1


def test_offsets_are_code_points_into_the_exact_text(store: ProjectStore) -> None:
    ranker = SentenceRanker(store)
    for document_id, text in SAMPLE_TEXTS.items():
        found = ranker.rank("专家 experts 😀 מומחים line", document_id, 10)
        assert found, document_id
        for suggestion in found:
            assert text[suggestion.start : suggestion.end] == suggestion.text


def test_nothing_to_rank_and_unknown_documents(store: ProjectStore) -> None:
    ranker = SentenceRanker(store)
    assert ranker.rank("   ", "en", 5) == []
    assert ranker.rank("experts", "en", 0) == []
    assert ranker.rank("zzzzqqq", "en", 5) == []
    with pytest.raises(NotFoundError):
        ranker.rank("experts", "no such document", 5)
