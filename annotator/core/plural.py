"""Counted nouns for messages: "1 span", "3 spans", never "3 span(s)"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun agreeing with it ("1 document", "2 documents", "0 documents");
    give `plural` when adding an "s" is wrong ("1 match", "2 matches")."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count} {noun}"
