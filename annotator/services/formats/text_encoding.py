"""Recognise the encodings people's files really come in, to decode or to name them.

Files must be UTF-8, but Windows tools write UTF-16 with a byte order mark and old
ones Windows-1252. A byte order mark makes UTF-16/32 unambiguous, so plain text is
decoded; for the other formats (whose specs say UTF-8) the error names the encoding
instead of a bare "invalid byte".
"""

from __future__ import annotations

import codecs

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """ "utf-16" or "utf-32" when `data` starts with that byte order mark, else None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def encoding_hint(data: bytes) -> str:
    """A short guess at what non-UTF-8 `data` is, to put in an error message."""
    name = bom_encoding(data)
    if name is not None:
        return f"it is {name.upper()} (it starts with a byte order mark)"
    head = data[:4096]
    if head and head.count(0) * 4 >= len(head):
        return "it looks like UTF-16 without a byte order mark"
    if any(0x80 <= byte <= 0x9F for byte in head) or any(byte >= 0xA0 for byte in head):
        return "it looks like Windows-1252 or Latin-1"
    return "its encoding is unknown"
