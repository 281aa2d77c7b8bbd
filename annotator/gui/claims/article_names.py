"""How the claims room names an article in tight places: "000 · Voice of Emirates"."""

from __future__ import annotations

from collections.abc import Callable

from annotator.core.errors import NotFoundError
from annotator.core.model import Document

OUTLET_LIMIT = 22


def short_id(document_id: str) -> str:
    """ "004" for "004_576dfc317f407cdf": how analysts name the seed articles."""
    return document_id.split("_", 1)[0]


def short_outlet(outlet: str, limit: int = OUTLET_LIMIT) -> str:
    """An outlet name before any parenthesis, cut with an ellipsis."""
    name = outlet.split(" (", 1)[0].strip() or outlet
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def article_name(document: Document) -> str:
    """The short id and the outlet (else the title)."""
    return f"{short_id(document.id)} · {short_outlet(document.source or document.title)}"


class ArticleNames:
    """`article_name` per document id, read once: naming an article must not load its text
    on every refresh. `clear()` when documents change (their outlet may have)."""

    def __init__(self, load: Callable[[str], Document]):
        self._load = load
        self._names: dict[str, str] = {}

    def name(self, document_id: str) -> str:
        found = self._names.get(document_id)
        if found is None:
            try:
                found = article_name(self._load(document_id))
            except NotFoundError:
                return document_id
            self._names[document_id] = found
        return found

    def clear(self) -> None:
        self._names.clear()
