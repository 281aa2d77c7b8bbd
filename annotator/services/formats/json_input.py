"""Strict parsing of untrusted JSON and JSONL, with errors that name the file and line.

Python's json accepts NaN/Infinity, keeps the last of duplicate keys, lets lone
surrogates through (which break SQLite later) and raises RecursionError on deep
nesting. Here each of those is an InputError. JSON Lines are parsed by orjson first, and
by Python's json (with the checks above) whenever orjson's value might differ: the same
values and the same errors, faster (json_keys.fast_line).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from annotator.core.errors import InputError
from annotator.core.model import text_sha256
from annotator.core.text_rules import NUL_REFUSED, nul_line

from .input_files import input_lines, read_input_bytes
from .json_keys import KEY_END, UNSURE, count_unsure, fast_line, key_count
from .text_encoding import bom_encoding, encoding_hint

_SURROGATE = re.compile("[\ud800-\udfff]")
DEFAULT_ANNOTATOR = "imported"


class _JsonProblemError(ValueError):
    pass


def _reject_constant(name: str) -> NoReturn:
    raise _JsonProblemError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; only a short dict means a repeated key, named below
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _JsonProblemError(f"duplicate key {key!r}")
            seen.add(key)
    return result


# Text decoded strictly from UTF-8 cannot hold a surrogate: only a JSON escape such as
# "\ud800" can put one in, so the (slow) walk is needed only when the raw text has one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_strings(value: Any, raw: str | None = None) -> None:
    if raw is not None and not _SURROGATE_ESCAPE.search(raw):
        return
    # Iterative: the value may be nested almost to the recursion limit.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise _JsonProblemError("a string contains a lone surrogate (invalid Unicode)")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _loads_unique(raw: str) -> Any:
    """json.loads refusing NaN/Infinity and duplicate keys.

    Parsed in C first: in valid JSON every unescaped quote followed by a colon ends a key,
    so when `raw` counts as many key ends as the value holds keys, no key was repeated
    (a repeat is dropped by the parse). Otherwise (a repeat, or a line whose keys cannot
    be counted that way) it is parsed again with a hook that names the repeated key; the
    hook on every object took a fifth of a large import's time."""
    value = json.loads(raw, parse_constant=_reject_constant)
    if raw.count(KEY_END) == key_count(value) and not count_unsure(raw):
        return value
    return json.loads(raw, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)


def loads_strict(raw: str, *, path: Path, line: int | None) -> Any:
    """Parse one JSON value, rejecting NaN/Infinity, duplicate keys, lone surrogates
    and nesting too deep for Python; InputError names `path` and `line`."""
    try:
        value = _loads_unique(raw)
        _check_strings(value, raw)
    except RecursionError:
        raise InputError("JSON nested too deeply", path=str(path), line=line) from None
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise InputError(f"malformed JSON: {exc.msg}", path=str(path), line=where) from None
    except ValueError as exc:  # _JsonProblemError, and ints longer than 4,300 digits
        raise InputError(str(exc), path=str(path), line=line) from None
    return value


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
_SPACE = " \t\r\n"


def iter_json_array(path: Path) -> Iterator[tuple[int, Any]]:
    """(1-based line where it starts, value) for each element of a top-level JSON array,
    so that errors about one element can name its line. A top-level object is
    yielded as the only element. Same strictness as `loads_strict`.
    """
    data = read_bytes(path)
    refuse_utf16(data, path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = decode_utf8(data, path=path)

    counted = [0, 1]  # [index, line there]: elements come in order, so each line_at
    # counts only from the previous element on (counting from 0 made a big array quadratic)

    def line_at(index: int) -> int:
        at, line = counted
        if index < at:
            return text.count("\n", 0, index) + 1
        line += text.count("\n", at, index)
        counted[:] = [index, line]
        return line

    def parse_at(index: int) -> tuple[Any, int]:
        try:
            value, end = _DECODER.raw_decode(text, index)
            _check_strings(value)
        except RecursionError:
            raise InputError(
                "JSON nested too deeply", path=str(path), line=line_at(index)
            ) from None
        except json.JSONDecodeError as exc:
            raise InputError(
                f"malformed JSON: {exc.msg}", path=str(path), line=exc.lineno
            ) from None
        except ValueError as exc:
            raise InputError(str(exc), path=str(path), line=line_at(index)) from None
        return value, end

    i = len(text) - len(text.lstrip(_SPACE))
    if not text.startswith("[", i):
        value, end = parse_at(i)
        if text[end:].strip(_SPACE):
            raise InputError("malformed JSON: extra data", path=str(path), line=line_at(end))
        yield line_at(i), value
        return
    i += 1
    expect_value = None  # None: value or "]"; True: value; False: "," or "]"
    while True:
        while i < len(text) and text[i] in _SPACE:
            i += 1
        if i >= len(text):
            raise InputError("malformed JSON: unterminated list", path=str(path), line=line_at(i))
        if expect_value is not True and text[i] == "]":
            break
        if expect_value is False:
            if text[i] != ",":
                raise InputError("malformed JSON: expected ','", path=str(path), line=line_at(i))
            i += 1
            expect_value = True
            continue
        start = i
        value, i = parse_at(i)
        yield line_at(start), value
        expect_value = False
    if text[i + 1 :].strip(_SPACE):
        raise InputError("malformed JSON: extra data", path=str(path), line=line_at(i + 1))


def read_bytes(path: Path, *, within: Path | None = None) -> bytes:
    """See input_files.read_input_bytes: regular files only, bounded in size."""
    return read_input_bytes(path, within=within)


def decode_utf8(data: bytes, *, path: Path, line: int | None = None) -> str:
    """`data` as UTF-8; InputError naming the byte, and the likely encoding for a whole
    file (`line` None)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if line is None:
            raise InputError(
                f"not UTF-8 text: {encoding_hint(data)}; save it as UTF-8 and import again",
                path=str(path),
                line=data[: exc.start].count(b"\n") + 1,
            ) from None
        raise InputError(
            f"not valid UTF-8 (byte {exc.start + 1} of the line)", path=str(path), line=line
        ) from None


def refuse_utf16(data: bytes, path: Path) -> None:
    """JSON must be UTF-8 (RFC 8259): name a UTF-16/32 file's encoding before splitting it."""
    name = bom_encoding(data)
    if name is not None:
        raise InputError(
            f"the file is {name.upper()} (it starts with a byte order mark); JSON must be"
            " UTF-8: save it as UTF-8 and import again",
            path=str(path),
            line=1,
        )


def iter_json_lines(path: Path, read: list[int] | None = None) -> Iterator[tuple[int, Any]]:
    """(1-based line number, parsed value) for each non-blank line of a JSONL file.

    Lines are split on b"\\n" only, so U+2028 or a stray CR inside a string never
    splits a record. A UTF-8 byte order mark at the start is ignored.
    """
    # Read a line at a time: a 200 MB file was held whole and then split into a copy.
    for number, raw in input_lines(path, read):
        if number == 1:
            refuse_utf16(raw, path)
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        if not raw.startswith(b"{") and not raw.strip(b" \t\r"):  # strip() copies the line
            continue
        value = fast_line(raw)
        if value is UNSURE:
            value = loads_strict(decode_utf8(raw, path=path, line=number), path=path, line=number)
        yield number, value


def iter_json_records(path: Path, read: list[int] | None = None) -> Iterator[tuple[int, Any]]:
    """(line, record) of a JSON Lines file or, when its first non-blank line is not a
    whole JSON value (a pretty-printed object, as doccano's own examples ship, or an
    array), of the file read as one JSON value: an array's elements, or the object.
    `read[0]`, when given, follows the bytes read of a JSON Lines file.
    """
    with contextlib.closing(input_lines(path)) as lines:  # up to the first non-blank line
        for number, raw in lines:
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            stripped = raw.strip(b" \t\r")
            if not stripped:
                continue
            if stripped.startswith(b"["):
                return iter_json_array(path)
            try:
                json.loads(stripped)
            except (ValueError, RecursionError):
                if stripped.startswith(b"{") and not stripped.endswith(b"}"):
                    return iter_json_array(path)
            break
    return iter_json_lines(path, read)


class Where:
    """A file and line, to raise InputError at."""

    __slots__ = ("line", "path")

    def __init__(self, path: Path, line: int | None):
        self.path = path
        self.line = line

    def fail(self, message: str) -> NoReturn:
        raise InputError(message, path=str(self.path), line=self.line)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_offsets(
    start: Any, end: Any, text: str, where: Where, what: str = "span"
) -> tuple[int, int]:
    """(start, end), or fail unless they are ints with 0 <= start < end <= len(text)."""
    if not is_int(start) or not is_int(end):
        where.fail(f"{what} offsets must be integers, got {start!r} and {end!r}")
    if not 0 <= start < end <= len(text):
        where.fail(
            f"{what} offsets {start}..{end} are outside the text ({len(text)} characters) or empty"
        )
    return start, end


def optional_str(obj: dict[str, Any], key: str, where: Where, what: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        where.fail(f"{what} {key!r} must be a string, got {type(value).__name__}")
    return value


def identifier(value: Any, where: Where, what: str) -> str | None:
    """An id given as a string or an integer, as a string; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str) or is_int(value):
        return str(value)
    where.fail(f"{what} id must be a string or integer, got {type(value).__name__}")


def document_text(record: dict[str, Any], key: str, where: Where, what: str) -> str:
    """`record[key]` as a document text: a string without NUL (see core.text_rules)."""
    text = record.get(key)
    if not isinstance(text, str):
        where.fail(f"{what} needs a string {key!r}")
    line = nul_line(text)
    if line is not None:
        where.fail(f"{NUL_REFUSED} (line {line} of {key!r})")
    return text


def default_document_id(text: str) -> str:
    return text_sha256(text)[:16]
