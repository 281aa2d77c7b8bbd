"""The search grammar and its folding: words anywhere, "phrases", OR, prefix*; case,
quotes, dashes and (when asked) accents folded without moving an offset."""

from __future__ import annotations

import pytest

from annotator.core.search_query import (
    MAX_TERMS,
    Term,
    find,
    fold_accents,
    fts_expression,
    parse,
)


def hits(text: str, query: str, accents: bool = False) -> list[str]:
    return [text[s:e] for s, e in find(text, parse(query), 100, accents)]


def test_words_anywhere_need_every_word_in_any_order() -> None:
    text = "Letter to Cairncross and to Lutnick."
    assert hits(text, "Lutnick Cairncross") == ["Cairncross", "Lutnick"]
    assert hits(text, "Lutnick Raimondo") == []


def test_a_quoted_phrase_keeps_its_words_together_and_in_order() -> None:
    text = "a dangerous ban; ban dangerous"
    assert hits(text, '"dangerous ban"') == ["dangerous ban"]
    assert hits(text, "“ban dangerous”") == ["ban dangerous"]
    assert parse('"dangerous ban').groups == ((Term("dangerous ban", quoted=True),),)


def test_or_between_terms_takes_either_side() -> None:
    text = "Signatories from Adobe and Zoom."
    assert hits(text, "Nvidia OR Zoom") == ["Zoom"]
    assert hits(text, "Nvidia or Zoom") == []  # lower-case "or" is a word to find
    assert hits(text, "Nvidia OR Intel") == []


def test_a_lone_or_is_a_word() -> None:
    assert parse("OR").groups == ((Term("OR"),),)
    assert parse("AND OR").groups == ((Term("AND"), Term("OR")),)
    assert parse("OR Zoom").groups == ((Term("OR"), Term("Zoom")),)


def test_prefix_runs_to_the_end_of_the_word() -> None:
    text = "Experts, an expert and expertise."
    assert hits(text, "expert*") == ["Experts", "expert", "expertise"]
    assert hits(text, "*") == []  # a star alone is a character to find
    assert parse("*").groups == ((Term("*"),),)


def test_a_star_after_a_wordless_phrase_is_a_character_not_a_prefix() -> None:
    # Found by the search fuzz target: '"—"*' used to become the term "—*", which a text
    # holding the query as typed ('"—"*') does not contain, so it found nothing.
    query = 'ban "—"*'
    assert parse(query).groups == ((Term("ban"), Term("—", quoted=True), Term("*")),)
    assert hits("x " + query, query) == ["ban", "—", "*"]
    assert parse('"expert"*').groups == ((Term("expert", prefix=True, quoted=True),),)


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("Anthropic's", "Anthropic’s models", "Anthropic’s"),
        ("Anthropic’s", "Anthropic's models", "Anthropic's"),
        ("'dangerous'", "a ‘dangerous’ ban", "‘dangerous’"),
        ("“quoted”", 'a "quoted" word', "quoted"),
        ("well-known", "a well—known name", "well—known"),
        ("well–known", "a well-known name", "well-known"),
        ("ANTHROPIC", "anthropic", "anthropic"),
        ('"two words"', "two\n  words", "two\n  words"),
    ],
)
def test_typographic_variants_and_case_are_one(query: str, text: str, found: str) -> None:
    assert hits(text, query) == [found]


def test_accents_are_folded_only_when_asked() -> None:
    text = "Zürich and Zurich"
    assert hits(text, "Zurich") == ["Zurich"]
    assert hits(text, "Zurich", accents=True) == ["Zürich", "Zurich"]
    assert hits(text, "Zürich", accents=True) == ["Zürich", "Zurich"]
    assert len(fold_accents("ﬁ Å 👍 e\u0301")) == len("ﬁ Å 👍 e\u0301")


def test_overlapping_hits_of_two_terms_are_one() -> None:
    assert find("Nvidia’s chips", parse("Nvidia Nvidia’s"), 10) == [(0, 8)]


def test_offsets_are_code_points_past_emoji() -> None:
    text = "👍👍 Anthropic’s"
    assert find(text, parse("anthropic's"), 10) == [(3, 14)]


def test_fts_expression_quotes_every_term() -> None:
    expression = fts_expression(parse('Nvidia OR "Lutnick said" NEAR(x'), 8)
    assert expression == '("Nvidia" *) OR ("Lutnick said" * AND "NEAR x" *)'
    assert fts_expression(parse("— ban"), 8) is None  # no word: every document is a candidate


def test_terms_are_bounded() -> None:
    query = parse(" ".join(f"w{i}" for i in range(40)))
    assert len(query.terms) == MAX_TERMS
    assert len(parse("after " * 30).terms) == 1
