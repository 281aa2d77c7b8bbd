"""Suggestions on the seed articles: the other outlets' versions of a claim come first,
offsets are code points into the exact text whatever the script, the ranking quality on
the labelled pairs is what the README says, nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import NotFoundError
from annotator.services.demo import load_demo
from annotator.services.similar_sentences import SentenceSuggester, suggest_for_text
from annotator.services.suggestion_quality import builtin_ranker, evaluate
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS
from tests.services.seed_claims import D001, D003, D004

LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "seed_paraphrases.json"
LETTER = (
    "Number of experts who signed the letter. More than 160 experts in cybersecurity and "
    "artificial intelligence have issued a stark warning to Washington"
)


@pytest.fixture
def seeds(project_path: Path):
    store = ProjectStore.create(project_path)
    load_demo(store)
    yield store
    store.close()


def test_the_40_experts_sentence_is_suggested_for_the_160(seeds: ProjectStore) -> None:
    found = suggest_for_text(
        seeds, "More than 160 experts in cybersecurity have issued a warning", [D001, D004]
    )
    assert any("over 40 prominent cybersecurity experts" in s.text for s in found[D001][:3])
    text = seeds.documents.get(D001).text
    top = found[D001][0]
    assert text[top.start : top.end] == top.text  # code points into the document


def test_the_matching_sentences_of_the_seed_articles_rank_high(seeds: ProjectStore) -> None:
    suggester = SentenceSuggester(seeds)
    top_001 = suggester.rank(LETTER, [D001], 5)[D001]
    assert "over 40 prominent cybersecurity experts" in top_001[0].text
    top_004 = suggester.rank(LETTER, [D004], 5)[D004]
    # 004's labelled match (benchmarks/data/seed_paraphrases.json) is in the top two
    assert any(s.text.startswith("Cyber security experts have urged") for s in top_004[:2])
    scores = [s.score for s in top_004]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1
    both = suggester.rank(LETTER, [D004, D001], 5)  # the kept indexes rank the same
    assert both == {D001: top_001, D004: top_004}


def test_offsets_are_code_points_into_the_exact_text(store: ProjectStore) -> None:
    suggester = SentenceSuggester(store)
    for document_id, text in SAMPLE_TEXTS.items():
        found = suggester.rank("专家 experts 😀 מומחים line", [document_id], 10)[document_id]
        assert found, document_id
        for suggestion in found:
            assert text[suggestion.start : suggestion.end] == suggestion.text


def test_nothing_to_rank_and_unknown_documents(store: ProjectStore) -> None:
    suggester = SentenceSuggester(store)
    assert suggester.rank("   ", ["en"], 5) == {"en": []}
    assert suggester.rank("experts", ["en"], 0) == {"en": []}
    assert suggester.rank("zzzzqqq", ["en", "cjk"], 5) == {"en": [], "cjk": []}
    assert suggester.rank("experts", [], 5) == {}
    with pytest.raises(NotFoundError):
        suggester.rank("experts", ["en", "no such document"], 5)


def test_a_long_article_ranks_its_bm25_candidates(seeds: ProjectStore, monkeypatch) -> None:
    """Over EXHAUSTIVE sentences, only full-text candidates are re-ranked: a sentence
    sharing no word is not suggested, one sharing words still is."""
    monkeypatch.setattr("annotator.services.similar_sentences.EXHAUSTIVE", 3)
    found = SentenceSuggester(seeds).rank(LETTER, [D001, D004], 5)[D001]
    assert "over 40 prominent cybersecurity experts" in found[0].text
    assert all(set(s.text.casefold().split()) & set(LETTER.casefold().split()) for s in found)


def test_sentence_index_follows_documents_added_and_removed(seeds: ProjectStore) -> None:
    ids = seeds.documents.ids()
    assert seeds.sentences.refresh() == 4  # built on first use
    assert seeds.sentences.refresh() == 0
    count = seeds.sentences.count(ids)
    assert count > 50
    with seeds.write() as conn:
        conn.execute("DELETE FROM documents WHERE id = ?", [D003])
    assert seeds.sentences.refresh() == 1
    assert seeds.sentences.count(ids) < count


def test_ranking_quality_default_beats_bm25_and_tfidf_alone(seeds: ProjectStore) -> None:
    bm25 = evaluate(seeds, LABELS, builtin_ranker("bm25"))
    tfidf = evaluate(seeds, LABELS, builtin_ranker("tfidf"))
    hybrid = evaluate(seeds, LABELS, builtin_ranker("hybrid"))
    assert bm25.pairs == tfidf.pairs == hybrid.pairs == 36
    assert hybrid.mrr > bm25.mrr and hybrid.mrr > tfidf.mrr
    assert hybrid.recall[5] >= 0.8
