"""Tidy the edges of a selection made in the app: no surrounding spaces, optionally whole words.

Ctrl+Shift+→ selects "The rise " with its trailing space, and a drag rarely lands on a
letter boundary; two annotators marking the same phrase then disagree by a space or half
a word, and exact-match agreement means nothing. So a span made from a selection is
trimmed of whitespace and (a scheme option, on by default) widened to whole words.
Imported offsets never pass through here: they stay exactly as given.

Offsets are code points (as everywhere in the store). An edge never splits what is drawn
as one character: a letter and its combining marks, an emoji ZWJ sequence with its
variation selectors and skin tones, or a flag's two regional indicators. Scripts written
without spaces (Chinese, Japanese, Thai…) have no word boundary to find, so there each
character counts as a word and snapping leaves the edge where the analyst put it.
"""

from __future__ import annotations

import unicodedata

SNAP_SETTING = "snap_to_words"  # project setting: "1" (default) or "0"

_ZWJ = "\u200d"
_APOSTROPHES = ("'", "\u2019")
_INVISIBLE = {"\u200b", "\u200c", "\u2060", "\ufeff"}  # zero-width space, ZWNJ, WJ, BOM


def tidy_selection(text: str, start: int, end: int, *, snap_to_words: bool) -> tuple[int, int]:
    """`[start, end)` of `text` without surrounding whitespace and, with `snap_to_words`,
    widened to the words it touches. Returns the range unchanged when it is all whitespace
    (there is nothing better to offer; the caller refuses an empty span anyway)."""
    start, end = max(0, start), min(len(text), end)
    trimmed_start, trimmed_end = start, end
    while trimmed_start < trimmed_end and _is_blank(text[trimmed_start]):
        trimmed_start += 1
    while trimmed_end > trimmed_start and _is_blank(text[trimmed_end - 1]):
        trimmed_end -= 1
    if trimmed_start == trimmed_end:
        return start, end
    start, end = trimmed_start, trimmed_end
    if snap_to_words:
        while start > 0 and _joined(text, start):
            start -= 1
        while end < len(text) and _joined(text, end):
            end += 1
    # Whatever else happens, never cut a character from its marks or an emoji in half.
    while 0 < start < len(text) and _inside_cluster(text, start):
        start -= 1
    while 0 < end < len(text) and _inside_cluster(text, end):
        end += 1
    return start, end


def _is_blank(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE


def _is_word_char(char: str) -> bool:
    """A letter, digit or mark of a script that separates its words (a hyphen or dash
    splits words, as a double-click does)."""
    return char == "_" or (unicodedata.category(char)[0] in "LNM" and not _spaceless(char))


def _spaceless(char: str) -> bool:
    """A character of a script written without spaces between words."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return True
    return unicodedata.name(char, "").startswith(("THAI ", "LAO ", "KHMER ", "MYANMAR "))


def _joined(text: str, boundary: int) -> bool:
    """Whether the characters either side of `boundary` (0 < boundary < len) are one word.
    An apostrophe between letters (Anthropic's, Anthropic’s) is inside the word; one at a
    word's edge is a quotation mark and is not."""
    before, after = text[boundary - 1], text[boundary]
    if _is_word_char(before) and _is_word_char(after):
        return True
    if before in _APOSTROPHES and _is_word_char(after):
        return boundary >= 2 and _is_word_char(text[boundary - 2])
    if after in _APOSTROPHES and _is_word_char(before):
        return boundary + 1 < len(text) and _is_word_char(text[boundary + 1])
    return False


def _inside_cluster(text: str, boundary: int) -> bool:
    """Whether `boundary` falls inside one user-perceived character."""
    before, after = text[boundary - 1], text[boundary]
    if unicodedata.category(after) in ("Mn", "Mc", "Me") or after in ("\ufe0e", "\ufe0f"):
        return True
    if after == _ZWJ or before == _ZWJ:
        return True
    if "\U0001f3fb" <= after <= "\U0001f3ff":  # a skin-tone modifier
        return True
    if "\U000e0020" <= after <= "\U000e007f":  # tag characters of a subdivision flag
        return True
    if _regional(before) and _regional(after):
        # Flags pair regional indicators from the start of their run.
        run = 0
        index = boundary - 1
        while index >= 0 and _regional(text[index]):
            run += 1
            index -= 1
        return run % 2 == 1
    return False


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"
