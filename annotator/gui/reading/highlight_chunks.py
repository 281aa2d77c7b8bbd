"""Which parts of a long document have their highlights applied yet.

A 1 MB article with 50,000 spans took most of its opening to flatten every span into
segments and merge a char format per run, for text far off screen (#13, #15). The view
applies highlights a chunk at a time, to the chunks near the screen, and to the others
as they scroll into view; this keeps count of which chunks are done.
"""

from __future__ import annotations

CHUNK = 4096  # code points per chunk: about two screens of text in a wide column


class HighlightChunks:
    """Chunks of [0, length) in code points, each pending until `take` hands it out."""

    def __init__(self, length: int = 0):
        self.reset(length)

    def reset(self, length: int) -> None:
        """All of [0, length) pending again."""
        self._length = length
        self._pending = bytearray(b"\x01") * -(-length // CHUNK)

    def pending(self) -> int:
        """How many chunks wait for their highlights."""
        return self._pending.count(1)

    def any_pending(self, lo: int, hi: int) -> bool:
        """Whether a chunk meeting [lo, hi) waits for its highlights."""
        first, last = max(0, lo // CHUNK), min(len(self._pending), -(-hi // CHUNK))
        return 1 in self._pending[first:last]

    def take(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The pending code point ranges meeting [lo, hi), whole chunks, neighbours joined,
        now counted as done (the caller applies their highlights)."""
        first, last = max(0, lo // CHUNK), min(len(self._pending), -(-hi // CHUNK))
        ranges: list[tuple[int, int]] = []
        for index in range(first, last):
            if not self._pending[index]:
                continue
            self._pending[index] = 0
            start, end = index * CHUNK, min((index + 1) * CHUNK, self._length)
            if ranges and ranges[-1][1] == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges
