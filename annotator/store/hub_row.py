"""One row as the team hub exchanges it, and the mark a copy keeps of what the hub holds.

`body` is the canonical JSON of a row's content, '' for a deletion (a tombstone); both
sides compare bodies by this one spelling (see hub_rows for what each kind carries).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


def canonical(content: object) -> str:
    """The one JSON spelling of `content` both sides compare."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(body: str) -> str:
    """What a mark keeps of a body: '' stays '' (the tombstone)."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest() if body else ""


@dataclass(frozen=True, slots=True)
class HubRow:
    kind: str
    key: str
    owner: str  # the annotator ("gold" for adjudicated rows); "" for shared rows
    body: str  # canonical JSON; "" = deleted
    document: str = ""  # SHA-256 of the document an annotation row belongs to

    @property
    def digest(self) -> str:
        return digest(self.body)


@dataclass(frozen=True, slots=True)
class Mark:
    owner: str
    rev: int
    digest: str
