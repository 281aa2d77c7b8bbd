"""Sentence splitting (code points, emoji / CJK / RTL) and char n-gram TF-IDF."""

from __future__ import annotations

from annotator.core.claims.sentences import split_sentences
from annotator.core.claims.similarity import CharNgramIndex, words
from tests.conftest import SAMPLE_TEXTS


def test_sentences_are_code_point_ranges_in_every_script() -> None:
    for text in SAMPLE_TEXTS.values():
        for start, end in split_sentences(text):
            piece = text[start:end]
            assert piece == piece.strip() and piece
    cjk = SAMPLE_TEXTS["cjk"]
    assert [cjk[a:b] for a, b in split_sentences(cjk)] == [
        "专家警告华盛顿：限制人工智能模型可能适得其反。",
        "מומחים מזהירים את וושינגטון.",
    ]
    text = "Hello 👩‍💻 world. “Quoted!” Next?\nHeadline"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Hello 👩‍💻 world.",
        "“Quoted!”",
        "Next?",
        "Headline",
    ]


def test_tfidf_prefers_the_paraphrase() -> None:
    index = CharNgramIndex(
        ["Over 40 cybersecurity experts petitioned the White House.", "The weather was fine."]
    )
    scores = index.scores("More than 160 cyber security experts warned Washington")
    assert scores[0] > scores.get(1, 0.0)
    assert words("The ban is dangerous, 40 experts said") == [
        "ban",
        "dangerous",
        "40",
        "experts",
        "said",
    ]
