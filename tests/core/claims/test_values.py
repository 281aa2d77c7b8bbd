"""Mention values: numbers with qualifiers, digits and spelled out, with code-point offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.claims.values import MentionValue, Qualifier, find_values, parse_value


@pytest.mark.parametrize(
    ("text", "number", "qualifier", "written"),
    [
        ("More than 160 experts in cybersecurity", 160, Qualifier.MORE_THAN, "more than 160"),
        ("A coalition of over 40 prominent experts", 40, Qualifier.MORE_THAN, "more than 40"),
        ("at least 12 signatories", 12, Qualifier.AT_LEAST, "at least 12"),
        ("nearly 1,200 people", 1200, Qualifier.ABOUT, "about 1200"),
        ("fewer than ten firms", 10, Qualifier.FEWER_THAN, "fewer than 10"),
        ("up to 2.5 million users", 2_500_000, Qualifier.AT_MOST, "at most 2500000"),
        ("one hundred and sixty experts", 160, Qualifier.EXACT, "160"),
        ("over forty-two researchers", 42, Qualifier.MORE_THAN, "more than 42"),
        ("two thousand five hundred", 2500, Qualifier.EXACT, "2500"),
        ("a dozen leaders", 12, Qualifier.EXACT, "12"),
        ("3.5 percent", 3.5, Qualifier.EXACT, "3.5"),
    ],
)
def test_parse_value(text: str, number: float, qualifier: Qualifier, written: str) -> None:
    value = parse_value(text)
    assert value is not None
    assert (value.number, value.qualifier, str(value)) == (number, qualifier, written)
    assert parse_value(str(value)) is not None
    assert parse_value(str(value)).same_value(value)  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["someone said", "often", "", "Tennis players", "the experts"])
def test_no_number_no_value(text: str) -> None:
    assert parse_value(text) is None


def test_offsets_are_code_points_past_emoji_and_cjk() -> None:
    text = "👩‍💻 专家: more than 160 专家 and over 40 😀"
    values = find_values(text)
    assert [text[v.start : v.end] for v in values] == ["more than 160", "over 40"]
    assert [str(v) for v in values] == ["more than 160", "more than 40"]


def test_words_inside_other_words_are_not_numbers() -> None:
    assert find_values("someone often attends") == []
    assert [v.number for v in find_values("Fable 5 and Mythos 5")] == [5, 5]


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(list(Qualifier)))
def test_written_values_parse_back(number: int, qualifier: Qualifier) -> None:
    value = MentionValue(float(number), qualifier)
    parsed = parse_value(str(value))
    assert parsed is not None and parsed.same_value(value)
