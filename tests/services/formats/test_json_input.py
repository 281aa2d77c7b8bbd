"""The JSON array reader: each element's line, found without rescanning the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.formats import json_input


class _CountingText(str):
    """A str that adds up how many characters `count` was asked to scan."""

    scanned = 0

    def count(self, sub: str, start: int | None = 0, end: int | None = None) -> int:  # type: ignore[override]
        stop = len(self) if end is None else end
        _CountingText.scanned += max(0, stop - (start or 0))
        return super().count(sub, start, end)


def test_lines_of_a_big_array_are_counted_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting from the start of the file for every element made a Label Studio export
    # of 10,000 tasks take 35 s to read (quadratic); the whole file is scanned once now.
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([{"data": {"text": f"task {i}"}} for i in range(2000)], indent=1))
    decode = json_input.decode_utf8
    monkeypatch.setattr(json_input, "decode_utf8", lambda *a, **k: _CountingText(decode(*a, **k)))
    _CountingText.scanned = 0
    lines = [line for line, _ in json_input.iter_json_array(path)]
    assert lines == [2 + 5 * i for i in range(2000)]  # indent=1: five lines per task
    assert _CountingText.scanned <= len(path.read_text())


def test_an_error_after_many_elements_still_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    items = [json.dumps({"data": {"text": f"task {i}"}}) for i in range(50)]
    path.write_text("[\n" + ",\n".join(items) + ',\n{"a": 1, "a": 2}\n]\n')
    with pytest.raises(InputError) as caught:
        list(json_input.iter_json_array(path))
    assert caught.value.line == 52
