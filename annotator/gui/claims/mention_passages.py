"""The text of each claim mention as the Claims panel shows it (one line), cut from its
article once: every refresh of the panel (each link) cut every mention's text again from
a text of up to a megabyte (#15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import NotFoundError

if TYPE_CHECKING:
    from annotator.gui.session import ProjectSession

KEPT = 4096  # passages remembered (a few hundred KB at most)


class MentionPassages:
    """Passages by (document, start, end); `clear()` when documents may have changed."""

    def __init__(self, session: ProjectSession):
        self._session = session
        self._kept: dict[tuple[str, int, int], str] = {}

    def text_of(self, document_id: str, start: int, end: int) -> str:
        """text[start:end] on one line; "" for a document no longer there."""
        key = (document_id, start, end)
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        try:
            text = self._session.store.documents.passage(document_id, start, end)[0]
        except NotFoundError:
            return ""
        if len(self._kept) >= KEPT:
            self._kept.clear()
        shown = self._kept[key] = " ".join(text.split())
        return shown

    def clear(self) -> None:
        self._kept.clear()
