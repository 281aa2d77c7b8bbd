"""How the claims room names an article in tight places: "000 · Voice of Emirates"."""

from __future__ import annotations

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
