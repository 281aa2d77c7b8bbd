"""A parsed JSON value's keys counted against its text: a repeated key (which a parse
drops) is found without a hook on every object (see json_input's `_loads_unique`); and
orjson's parse of a JSON Lines line, used when it gives what Python's json gives."""

from __future__ import annotations

import itertools
import re
from typing import Any

import orjson

KEY_END = '":'
# A key's closing quote followed by blanks before its colon is not counted by
# `raw.count('":')`; an escaped quote followed by a colon inside a string is counted
# though it ends no key. Either could hide a repeated key from the count.
_BLANKS_BEFORE_COLON = re.compile(r'"[ \t\r\n]+:')
_ESCAPED_QUOTE_COLON = '\\":'


def key_count(value: Any, *, exact: bool = False) -> int:
    """How many keys the objects in `value` hold (iterative: it may be deeply nested).

    The types of a container's children are gathered in C (set(map(type, ...))), and a
    list of flat objects (a document's spans) is counted whole: a Python loop over every
    value of every span was a tenth of reading an archive (#15). With `exact` (a value
    orjson parsed), -1 when it holds a float or nests deeper than _FAST_DEPTH: orjson
    makes a float of an integer past 64 bits and parses nesting Python's json refuses."""
    count = 0
    stack = [(value, 0)]
    pop, extend = stack.pop, stack.extend
    while stack:
        item, depth = pop()
        kind = type(item)
        if kind is dict:
            count += len(item)
            children = item.values()
        elif kind is list:
            children = item
        elif exact and kind is float:
            return -1
        else:
            continue  # a bare scalar at the top
        kinds = set(map(type, children))
        if exact and (float in kinds or depth >= _FAST_DEPTH):
            return -1
        if dict not in kinds and list not in kinds:
            continue
        if kind is list and kinds == _OBJECTS_ONLY:
            inner = set(map(type, itertools.chain.from_iterable(map(dict.values, children))))
            if exact and float in inner:
                return -1
            if dict not in inner and list not in inner:
                count += sum(map(len, children))
                continue
        depth += 1
        extend((child, depth) for child in children if type(child) is dict or type(child) is list)
    return count


_OBJECTS_ONLY = {dict}
_FAST_DEPTH = 64  # deeper lines are parsed by Python's json, whose limit depends on the stack


def count_unsure(raw: str) -> bool:
    """Whether `raw.count('":')` may miscount the keys of `raw`.

    A tab, CR or LF can only stand between tokens in JSON (inside a string it is
    escaped), so blanks before a colon are looked for (with a regular expression) only
    when `raw` holds one of them or a space before a colon: five scans of every line for
    fixed patterns were a tenth of a large import's reading (#15), and missed a key
    followed by two blanks."""
    if _ESCAPED_QUOTE_COLON in raw:
        return True
    if " :" in raw or "\t" in raw or "\r" in raw or "\n" in raw:
        return _BLANKS_BEFORE_COLON.search(raw) is not None
    return False


# `count_unsure` for a line's bytes (the patterns are ASCII).
_BYTES_BLANKS_BEFORE_COLON = re.compile(_BLANKS_BEFORE_COLON.pattern.encode())
_BYTES_ESCAPED_QUOTE_COLON = _ESCAPED_QUOTE_COLON.encode()


def _bytes_count_unsure(line: bytes) -> bool:
    """`count_unsure` for one line's bytes, which hold no LF (see `input_lines`)."""
    if _BYTES_ESCAPED_QUOTE_COLON in line:
        return True
    if b" :" in line or b"\t" in line or b"\r" in line:
        return _BYTES_BLANKS_BEFORE_COLON.search(line) is not None
    return False


UNSURE: Any = object()


def fast_line(raw: bytes) -> Any:
    """One JSONL line (without its LF) parsed by orjson, or UNSURE when json_input's
    `loads_strict` might not give the same value: orjson refuses (a bad line:
    `loads_strict` names the problem, in its own words), a key may be repeated, or a
    float or deep nesting (see `key_count`). orjson refuses lone surrogates and invalid
    UTF-8 itself, and reads the bytes without decoding them first: Python's json was a
    third of reading a large import (#15)."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return UNSURE
    if raw.count(b'":') != key_count(value, exact=True) or _bytes_count_unsure(raw):
        return UNSURE
    return value
