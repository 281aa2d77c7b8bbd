"""What a search query means, and where it matches in a text (pure Python, no SQL).

The grammar is the one search boxes have taught everybody (Zotero, Calibre, the web):

- words anywhere: `Lutnick Cairncross` finds a document holding both words, in any order;
- "quoted phrases" (straight or curly quotes) match the words together, in order;
- `OR` in capitals between terms: either side (`Nvidia OR Zoom`);
- `prefix*`: a hit runs to the end of the word (`expert*` highlights "experts").

Matching folds what analysts do not distinguish when they search: case, the typographic
quotes (’ ‘ “ ” against ' and "), the dashes (– — ‐ against -) and runs of white space;
accents too when asked (`fold_accents`). Folding never changes a length, so a hit's
offsets are code points into the original text, ready for the store and the views.
Any string is a valid query: nothing in it is syntax beyond the three rules above.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Every spelling each class of character has in news text; one stands for all.
SINGLE_QUOTES = "'‘’‚‛′ʼ"
DOUBLE_QUOTES = '"“”„‟″'
DASHES = "-‐‑‒–—―−⁃﹣－"
_QUOTE_CLASS = "[" + re.escape(SINGLE_QUOTES) + "]"
_DOUBLE_CLASS = "[" + re.escape(DOUBLE_QUOTES) + "]"
_DASH_CLASS = "[" + re.escape(DASHES) + "]"
_OPENING = '"“„‟'  # quotes that start a phrase in a query ( ” may close or open one)
_CLOSING = '"”‟“'
MAX_TERMS = 16  # distinct terms in one query: more help nobody and each one scans the text
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: a word or a phrase (`text`), optionally a word prefix."""

    text: str
    prefix: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Groups of terms: a document matches when every term of some group occurs in it."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every distinct term, in the order typed."""
        seen: dict[Term, None] = {}
        for group in self.groups:
            for term in group:
                seen.setdefault(term, None)
        return tuple(seen)

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse(query: str) -> SearchQuery:
    """`query` as groups of terms (see the module docstring); empty for a blank query."""
    groups: list[list[Term]] = [[]]
    pending_or = False
    for token, quoted in _tokens(query):
        # An OR with nothing before it is a word like any other.
        if not quoted and token == "OR" and groups[-1]:
            pending_or = True
            continue
        if pending_or:
            groups.append([])
            pending_or = False
        groups[-1].append(_term(token, quoted))
    if pending_or:  # a trailing OR: nothing after it, so it was a word
        groups[-1].append(Term("OR"))
    kept: list[tuple[Term, ...]] = []
    room = MAX_TERMS
    for group in groups:
        unique = tuple(dict.fromkeys(group))[:room]
        if unique:
            kept.append(unique)
            room -= len(unique)
    return SearchQuery(tuple(kept))


def _tokens(query: str) -> list[tuple[str, bool]]:
    """(text, quoted) pieces of `query`: quoted phrases whole, other text split at spaces.
    An unclosed quote runs to the end; an empty pair of quotes is nothing."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
            continue
        if char in _OPENING or char == "”":
            end = i + 1
            while end < n and query[end] not in _CLOSING:
                end += 1
            phrase = " ".join(query[i + 1 : end].split())
            i = end + 1
            # A * right after the closing quote makes the phrase's last word a prefix; after
            # a phrase with no word it is only a character, searched as the next term.
            prefix = i < n and query[i] == "*" and _WORD.search(phrase) is not None
            if prefix:
                i += 1
            if phrase:
                tokens.append((phrase + ("*" if prefix else ""), True))
            continue
        end = i
        while end < n and not query[end].isspace() and query[end] not in _OPENING:
            end += 1
        tokens.append((query[i:end], False))
        i = end
    return tokens


def _term(token: str, quoted: bool) -> Term:
    # A trailing * makes a prefix of a word, never of nothing: "*" alone is searched as is.
    if token.endswith("*") and _WORD.search(token[:-1]):
        return Term(token[:-1], prefix=True, quoted=quoted)
    return Term(token, quoted=quoted)


def fold_accents(text: str) -> str:
    """`text` with each accented letter as its base letter ("Zürich" -> "Zurich"), one code
    point for one, so offsets into the result are offsets into `text`."""
    if text.isascii():
        return text
    return text.translate(_ACCENTLESS)


class _AccentTable(dict[int, int]):
    """str.translate's table, filled as characters are met (the alphabet is large)."""

    def __missing__(self, code: int) -> int:
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = decomposed[0]
        keep = len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:])
        self[code] = ord(base) if keep else code
        return self[code]


_ACCENTLESS = _AccentTable()


@functools.lru_cache(maxsize=256)
def term_pattern(term: Term, accents_folded: bool = False) -> re.Pattern[str]:
    """The regular expression finding `term` in a text, folding as the module says.

    Kept per term: a search across documents asks for it once per document, and building
    the pattern's text cost more than re's own cache lookup saves."""
    text = fold_accents(term.text) if accents_folded else term.text
    parts: list[str] = []
    in_space = False
    for char in text:
        if char.isspace():
            if not in_space:
                parts.append(r"\s+")
            in_space = True
            continue
        in_space = False
        if char in SINGLE_QUOTES:
            parts.append(_QUOTE_CLASS)
        elif char in DOUBLE_QUOTES:
            parts.append(_DOUBLE_CLASS)
        elif char in DASHES:
            parts.append(_DASH_CLASS)
        else:
            parts.append(re.escape(char))
    if term.prefix:
        parts.append(r"\w*")
    return re.compile("".join(parts), re.IGNORECASE | re.UNICODE)


def find(
    text: str, query: SearchQuery, limit: int, accents_folded: bool = False
) -> list[tuple[int, int]]:
    """Code-point ranges of the query's hits in `text`, in order, at most `limit`; none
    unless every term of some group occurs. Overlapping hits (of two terms) are merged."""
    if not query or limit <= 0:
        return []
    haystack = fold_accents(text) if accents_folded else text
    found: dict[Term, list[tuple[int, int]]] = {}
    for term in query.terms:
        ranges: list[tuple[int, int]] = []
        for match in term_pattern(term, accents_folded).finditer(haystack):
            if match.end() > match.start():
                ranges.append((match.start(), match.end()))
                if len(ranges) >= limit:
                    break
        found[term] = ranges
    matched = [g for g in query.groups if all(found[t] for t in g)]
    if not matched:
        return []
    wanted = {t for g in matched for t in g}
    ranges = sorted(r for t in query.terms if t in wanted for r in found[t])
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged[:limit]


def fts_expression(query: SearchQuery, max_words: int) -> str | None:
    """An FTS5 MATCH expression choosing the candidate documents, or None when FTS cannot
    (a term with no word in it, like "—"): then every document is a candidate.

    Each term is a quoted FTS phrase of its words (user text never reaches FTS syntax) with
    its last word a prefix, since the in-text match finds "expert" inside "experts". Only
    the first `max_words` words of a term: a document holding the whole term holds those.
    """
    groups: list[str] = []
    for group in query.groups:
        phrases = []
        for term in group:
            words = _WORD.findall(term.text)[:max_words]
            if not words:
                return None
            phrases.append('"' + " ".join(words).replace('"', '""') + '" *')
        groups.append("(" + " AND ".join(phrases) + ")")
    return " OR ".join(groups) if groups else None
