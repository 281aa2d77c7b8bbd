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


@pytest.mark.parametrize("blank", [" ", "\t", "\r", "\n", " \t", "  "])
def test_a_repeated_key_behind_blanks_before_its_colon_is_refused(blank: str) -> None:
    # The repeat is found by counting '":' against the keys parsed; a key written with
    # blanks before its colon is not counted, so such a line is parsed again with a hook.
    raw = '{"text": "a", "text"' + blank + ': "b"}'
    with pytest.raises(InputError, match="duplicate key 'text'"):
        json_input.loads_strict(raw, path=Path("in.jsonl"), line=1)


def test_an_escaped_quote_before_a_colon_does_not_hide_a_repeated_key() -> None:
    raw = '{"note": "say \\":\\"", "text": "a", "text" : "b"}'
    with pytest.raises(InputError, match="duplicate key 'text'"):
        json_input.loads_strict(raw, path=Path("in.jsonl"), line=1)


@pytest.mark.parametrize(
    "raw",
    [
        '{"a": {"b": [1, {"c": 2}]}, "d": [[{"e": 3, "f": 4}]]}',
        '[{"a": 1}, [], {}]',
        "7",
        '{"spans": [{"a": 1, "b": "x"}, {"c": null}], "stances": []}',
        '{"spans": [{"a": 1, "f": [[0, 1], [2, 3]]}, {"c": {"d": {"e": 1}}}]}',
        '[[{"a": 1}], [{"b": 2, "c": [{"d": 3}]}]]',
    ],
)
def test_keys_are_counted_at_any_depth(raw: str) -> None:
    assert json_input._key_count(json.loads(raw)) == raw.count('":')
