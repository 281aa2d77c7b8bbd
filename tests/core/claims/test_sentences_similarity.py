"""Sentence splitting and character n-gram similarity (the suggestions' building blocks)."""

from __future__ import annotations

import pytest

from annotator.core.claims.sentences import split_sentences
from annotator.core.claims.similarity import CharNgramIndex


def test_sentences_end_at_stops_quotes_cjk_stops_and_line_breaks() -> None:
    text = "Headline\nExperts warned. “It is dangerous.” 专家警告。然后 Next one?  Last"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == [
        "Headline",
        "Experts warned.",
        "“It is dangerous.”",
        "专家警告。",
        "然后 Next one?",
        "Last",
    ]


def test_similar_wording_scores_higher_than_unrelated_text() -> None:
    index = CharNgramIndex(
        ["Over 40 cybersecurity experts signed a letter", "The weather was fine", "Cyber security"]
    )
    scores = index.scores("more than 160 cyber security experts signed the letter")
    assert scores[0] > scores.get(1, 0.0)
    assert scores[2] > 0  # "cyber security" / "cybersecurity" share n-grams
    assert index.scores("Over 40 cybersecurity experts signed a letter")[0] == pytest.approx(1.0)
