"""The value a claim mention carries: a number with its qualifier ("more than 160", "over 40").

    parse_value("More than 160 experts")   -> MentionValue(160, MORE_THAN)
    parse_value("over forty experts")      -> MentionValue(40, MORE_THAN)
    find_values(text)                      -> every value in text, with code-point offsets

Numbers are digits (with thousands separators and decimals), spelled-out English
numbers up to the millions ("one hundred and sixty"), and a scale word ("2.5 million").
A digit run glued to letters or inside a model name ("Fable 5") still counts: whether
a number is the claim's is the analyst's call; we only prefill.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    FEWER_THAN = "fewer_than"
    AT_MOST = "at_most"
    ABOUT = "about"


# Canonical wording of each qualifier, used by str(MentionValue) and parse_value.
QUALIFIER_WORDS: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.FEWER_THAN: "fewer than",
    Qualifier.AT_MOST: "at most",
    Qualifier.ABOUT: "about",
}

_QUALIFIER_PHRASES: dict[str, Qualifier] = {
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "upward of": Qualifier.MORE_THAN,
    "north of": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "fewer than": Qualifier.FEWER_THAN,
    "less than": Qualifier.FEWER_THAN,
    "under": Qualifier.FEWER_THAN,
    "below": Qualifier.FEWER_THAN,
    "at most": Qualifier.AT_MOST,
    "up to": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "a maximum of": Qualifier.AT_MOST,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "close to": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "~": Qualifier.ABOUT,
    ">": Qualifier.MORE_THAN,
    "<": Qualifier.FEWER_THAN,
    "≥": Qualifier.AT_LEAST,
    "≤": Qualifier.AT_MOST,
}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DOZEN = {"a dozen": 12, "dozen": 12}

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE = "|".join(_SCALES)
# "one hundred and sixty", "forty-two", "two thousand five hundred"
_SPELLED = rf"(?:(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|{_SCALE}))*|a\s+(?:{_SCALE})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}|{_SCALE}))*|a\s+dozen|dozen)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = rf"(?:(?P<digits>{_DIGITS})(?:\s+(?P<scale>{_SCALE}))?|(?P<spelled>{_SPELLED}))"
_QUALIFIER = "|".join(re.escape(p) for p in sorted(_QUALIFIER_PHRASES, key=len, reverse=True))


@functools.cache
def _value_re() -> re.Pattern[str]:
    """Compiled when the first value is parsed, not on import (start-up, #15)."""
    return re.compile(
        rf"(?:(?P<qualifier>{_QUALIFIER})\s*)?(?<![\w.,]){_NUMBER}(?![\w]|[.,]\d)",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class MentionValue:
    """A number with its qualifier; `start`/`end` are code points into the parsed text."""

    number: float
    qualifier: Qualifier = Qualifier.EXACT
    start: int = 0
    end: int = 0

    def __str__(self) -> str:
        number = int(self.number) if float(self.number).is_integer() else self.number
        words = QUALIFIER_WORDS[self.qualifier]
        return f"{words} {number}" if words else f"{number}"

    def same_value(self, other: MentionValue) -> bool:
        return self.number == other.number and self.qualifier == other.qualifier


def find_values(text: str) -> list[MentionValue]:
    """Every number in `text` with its qualifier, in order; offsets are code points."""
    values = []
    for match in _value_re().finditer(text):
        number = _number_of(match)
        if number is None:
            continue
        qualifier_text = match.group("qualifier")
        qualifier = (
            _QUALIFIER_PHRASES[" ".join(qualifier_text.lower().split())]
            if qualifier_text
            else Qualifier.EXACT
        )
        values.append(MentionValue(number, qualifier, match.start(), match.end()))
    return values


def parse_value(text: str) -> MentionValue | None:
    """The first value in `text`, or None; accepts what str(MentionValue) writes."""
    values = find_values(text)
    return values[0] if values else None


def _number_of(match: re.Match[str]) -> float | None:
    digits = match.group("digits")
    if digits is not None:
        number = float(digits.replace(",", ""))
        scale = match.group("scale")
        return number * _SCALES[scale.lower()] if scale else number
    return _spelled_number(match.group("spelled"))


def _spelled_number(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[-1] == "dozen":
        return 12.0
    total = current = 0
    seen = False
    for word in words:
        if word == "a":
            current = 1
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
    return float(total + current) if seen else None
