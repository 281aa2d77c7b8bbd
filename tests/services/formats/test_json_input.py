"""The JSON array reader: each element's line, found without rescanning the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.services.formats import json_input, json_keys


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
    assert json_keys.key_count(json.loads(raw)) == raw.count('":')


def _outcome(read: Callable[[], Any]) -> tuple[object, ...]:
    try:
        return ("value", repr(read()))
    except InputError as exc:
        return ("error", str(exc), exc.line)


_DEEP = "[" * 990 + "]" * 990  # under orjson's limit, over what Python's json may parse


@pytest.mark.parametrize(
    "line",
    [
        b'{"id": 18446744073709551616, "text": "abc", "spans": [{"start": 1, "end": 2}]}',
        b'{"id": -9223372036854775809, "text": "abc"}',
        b'{"text": "abc", "spans": [{"start": 10000000000000000000000, "end": 1}]}',
        b'{"text": "abc", "spans": [{"start": 1.0, "end": 2}]}',
        b'{"text": "abc", "n": 1e400}',
        b'{"text": "abc", "n": ' + _DEEP.encode() + b"}",
        b'{"text": "abc", "n": ' + ("[" * 70 + "1" + "]" * 70).encode() + b"}",
        b'{"text": "a", "text": "b"}',
        b'{"text": "a", "spans": [{"label": "x", "label": "y"}]}',
        b'{"text": "a\\ud800"}',
        b'{"text": "a\\ud83d\\ude00"}',
        b'{"text": NaN}',
        b'{"text": "caf\xe9"}',
        b'{"text": "a"} x',
        b'{"text": "a", "n": 01}',
        b'"just a string \\":"',
        b"12345678901234567890123",
    ],
)
def test_a_jsonl_line_reads_as_pythons_json_reads_it(tmp_path: Path, line: bytes) -> None:
    # Lines are parsed by orjson first; where its value or refusal could differ from
    # Python's json (integers past 64 bits become floats, it nests deeper, it words its
    # errors otherwise), the line is read by `loads_strict`, as before (#15).
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "first"}\n' + line + b"\n")

    def expected() -> Any:
        return json_input.loads_strict(
            json_input.decode_utf8(line, path=path, line=2), path=path, line=2
        )

    assert _outcome(lambda: list(json_input.iter_json_lines(path))[1][1]) == _outcome(expected)
