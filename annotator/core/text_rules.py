"""What a document text may hold: no NUL, because SQLite's text functions stop at it.

SQLite stores a TEXT value with a NUL whole, but length(), substr() and instr() count
only up to the first NUL, so a span after it "lies outside the text" and the inspector
shows an empty passage. Rather than keep such text whole through every SQL function,
documents with a NUL are refused at the door, with the line it is on.
"""

from __future__ import annotations

NUL = "\x00"
NUL_REFUSED = (
    "the text contains a NUL character (U+0000, often from a binary or UTF-16 file), "
    "which cannot be annotated reliably; remove it and import again"
)


def nul_line(text: str) -> int | None:
    """The 1-based line of `text` holding its first NUL, or None when there is none."""
    index = text.find(NUL)
    return None if index < 0 else text.count("\n", 0, index) + 1
