"""HighlightChunks: which parts of a document still wait for their highlights."""

from __future__ import annotations

from annotator.gui.reading.highlight_chunks import CHUNK, HighlightChunks


def test_take_hands_out_each_chunk_once_whole_and_joined() -> None:
    chunks = HighlightChunks(3 * CHUNK + 10)
    assert chunks.pending() == 4
    assert chunks.take(CHUNK + 5, CHUNK + 6) == [(CHUNK, 2 * CHUNK)]
    assert chunks.take(-50, 3 * CHUNK + 1) == [(0, CHUNK), (2 * CHUNK, 3 * CHUNK + 10)]
    assert chunks.take(0, 10 * CHUNK) == []
    assert chunks.pending() == 0 and not chunks.any_pending(0, 10 * CHUNK)


def test_any_pending_and_reset() -> None:
    chunks = HighlightChunks(2 * CHUNK)
    chunks.take(0, 1)
    assert not chunks.any_pending(0, CHUNK)
    assert chunks.any_pending(CHUNK - 1, CHUNK + 1)
    chunks.reset(10)
    assert chunks.pending() == 1 and chunks.any_pending(0, 10)
    assert HighlightChunks().pending() == 0
