"""Code-point offsets (ours) against UTF-16 positions (Qt's), and the text Qt is given.

We store code-point offsets into the canonical text. Qt counts UTF-16 code units and
folds `\\r\\n`, `\\r` and U+2029 into one paragraph break, which would shift every later
offset. So Qt is shown `display_text(text)`: the same number of code points, with
each `\\r` that precedes `\\n` replaced by an invisible zero-width space and every other
line break turned into `\\n`. Positions then differ only by surrogate pairs, which
`QtPositionMap` converts in O(log n).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CR_BEFORE_LF = re.compile("\r(?=\n)")
_OTHER_BREAKS = re.compile("[\r\u2029]")
ZERO_WIDTH_SPACE = "\u200b"


def display_text(text: str) -> str:
    """The text to hand to Qt: one code point per code point of `text`."""
    shown = _CR_BEFORE_LF.sub(ZERO_WIDTH_SPACE, text)
    return _OTHER_BREAKS.sub("\n", shown)


def utf16_length(text: str) -> int:
    """How many UTF-16 code units `text` takes (Qt's length of it)."""
    return len(text) + len(_ASTRAL.findall(text))


class QtPositionMap:
    """Converts between code-point offsets in one text and UTF-16 positions in Qt."""

    __slots__ = ("_astral_cp", "_astral_u16", "length")

    def __init__(self, text: str):
        self.length = len(text)
        # Code-point index of every character outside the BMP (a surrogate pair in Qt).
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # The UTF-16 position of the same characters: each earlier pair adds one unit.
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]

    @property
    def qt_length(self) -> int:
        return self.length + len(self._astral_cp)

    def to_qt(self, offset: int) -> int:
        """UTF-16 position of code-point `offset` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside 0..{self.length}")
        return offset + bisect_left(self._astral_cp, offset)

    def from_qt(self, position: int) -> int:
        """Code-point offset of UTF-16 `position`.

        A position inside a surrogate pair (which Qt's cursor never produces, but a
        stray caller might) rounds down to the start of that character.
        """
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} outside 0..{self.qt_length}")
        # Surrogate pairs that start strictly before `position`; each took two units.
        before = bisect_left(self._astral_u16, position)
        if before and self._astral_u16[before - 1] + 1 == position:
            return self._astral_cp[before - 1]  # between the two halves of a pair
        return position - before

    def astral_between(self, start: int, end: int) -> int:
        """How many surrogate pairs lie in code points [start, end)."""
        return bisect_left(self._astral_cp, end) - bisect_right(self._astral_cp, start - 1)
