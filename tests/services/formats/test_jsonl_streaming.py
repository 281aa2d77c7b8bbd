"""A JSON Lines file is read a line at a time, never held whole (#14).

Measured on a 200 MB import: the file was read whole and then split into a second copy
of itself before the first record was parsed, so the import's peak RSS was 3.4 times the
file (700 MB); reading line by line, it is 2.0 times (395 MB), nearly all of it the
documents themselves (`python benchmarks/faults/run.py --only none --import-mb 200`).
Memory here is Python's own count of what it allocated (tracemalloc), not a timing.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.formats.input_files import read_input_bytes
from annotator.services.formats.json_input import iter_json_lines, iter_json_records
from annotator.services.formats.jsonl import read_jsonl

LINE_TEXT = "word " * 2000  # 10 KB a line


def _file(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(lines):
            handle.write(json.dumps({"id": f"d{i}", "text": f"{i} {LINE_TEXT}"}) + "\n")
    return path


def test_reading_records_holds_one_line_at_a_time(tmp_path: Path) -> None:
    path = _file(tmp_path / "big.jsonl", 1000)  # 10 MB
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _number, _record in iter_json_records(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 1000
    # Held whole (and split) it was 2 × the file; a line is 10 KB.
    assert peak < size / 10, f"{peak:,} bytes at the peak for a {size:,}-byte file"


def test_line_numbers_bom_and_errors_are_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n\n  \r\n{"text": "two"}\r\n{"text": ')
    lines = iter_json_lines(path)
    assert next(lines) == (1, {"text": "one"})
    assert next(lines) == (4, {"text": "two"})
    with pytest.raises(InputError) as error:
        next(lines)
    assert error.value.line == 5
    utf16 = tmp_path / "u.jsonl"
    utf16.write_bytes('{"text": "x"}\n'.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        list(iter_json_records(utf16))


def test_a_whole_import_reads_every_line(tmp_path: Path) -> None:
    path = _file(tmp_path / "some.jsonl", 30)
    documents = read_jsonl(path)
    assert [d.document.id for d in documents] == [f"d{i}" for i in range(30)]


def test_reading_a_whole_small_file_allocates_about_its_size(tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_bytes(b"[]" * 1000)
    tracemalloc.start()
    try:
        assert read_input_bytes(path) == b"[]" * 1000
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # read(MAX_INPUT_BYTES + 1) allocated 256 MB first
