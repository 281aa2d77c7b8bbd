"""Suggestions on the seed articles: the other outlets' versions of a claim come first,
the ranking quality on the labelled pairs is what the README says, nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.demo import load_demo
from annotator.services.similar_sentences import (
    suggest_for_claim,
    suggest_for_span,
    suggest_for_text,
)
from annotator.services.suggestion_quality import builtin_ranker, evaluate
from annotator.store.project_store import ProjectStore
from tests.services.seed_claims import D000, D001, D003, D004, annotate_seeds

LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "seed_paraphrases.json"


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


def test_claim_suggestions_skip_articles_that_already_make_it(project_path: Path) -> None:
    store = ProjectStore.create(project_path)
    ids = annotate_seeds(store)
    found = suggest_for_claim(store, ids["signers"], [D000, D001, D003, D004])
    assert list(found) == [D003]  # 000, 001 and 004 already make it
    mention = store.claims.mentions(ids["signers"])[0]
    by_span = suggest_for_span(store, mention.id, [D000, D001])
    assert list(by_span) == [D001] and by_span[D001]
    store.close()


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


def test_ranking_quality_default_beats_bm25_alone(seeds: ProjectStore) -> None:
    bm25 = evaluate(seeds, LABELS, builtin_ranker("bm25"))
    hybrid = evaluate(seeds, LABELS, builtin_ranker("hybrid"))
    assert bm25.pairs == hybrid.pairs == 36
    assert hybrid.mrr > bm25.mrr
    assert hybrid.recall[5] >= 0.8
