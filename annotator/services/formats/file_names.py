"""Turn document ids and annotator names into safe, distinct file and folder names."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^\w.\- ]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


def safe_file_name(name: str, fallback: str = "unnamed") -> str:
    """`name` with anything but letters, digits, spaces, `_`, `.` and `-` replaced by `_`.

    Never empty, never starts with a dot (hidden, or `..`) or ends with a space or dot
    (Windows drops those), at most 100 characters,
    and never a Windows device name.
    """
    cleaned = _UNSAFE.sub("_", name).strip(" ").lstrip(".")[:100].rstrip(". ") or fallback
    if cleaned.lower().split(".")[0] in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned


class UniqueNames:
    """Hands out safe names, adding `-2`, `-3`... when two inputs clean to the same name.

    Comparison ignores case, for case-insensitive filesystems.
    """

    def __init__(self) -> None:
        self._given: dict[str, str] = {}
        self._taken: set[str] = set()

    def __call__(self, name: str) -> str:
        if name in self._given:
            return self._given[name]
        base = safe_file_name(name)
        candidate, n = base, 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate.lower())
        self._given[name] = candidate
        return candidate
