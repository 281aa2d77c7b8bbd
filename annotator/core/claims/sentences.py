"""Sentences of a document as code-point ranges, for suggesting where else a claim is made.

A sentence ends at . ! ? … (and their CJK forms 。！？) followed by optional closing quotes
or brackets and whitespace, or at a line break (headlines and list items are sentences
of their own). Good enough to point an analyst at a passage; not a linguistic parser:
"U.S. officials" ends a sentence after "U.S." only when followed by whitespace, which
is then a harmless extra boundary.
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?…。！？])[\"”’»)\]]*(?:\s+|$)|(?<=[。！？])|[\r\n\u2028\u2029]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence, trimmed of surrounding whitespace, in order."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _END.finditer(text):
        _add(text, position, match.end(), spans)
        position = match.end()
    _add(text, position, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
