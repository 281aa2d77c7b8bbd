"""Gathers imported documents by id, merging repeats of the same document."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument

from .json_input import Where


class DocumentCollector:
    """Keeps file order; a document id seen again with the same text has its spans and
    stances merged into the first (the same article exported by two annotators and
    concatenated), exact duplicate spans and stances are kept once, and the same id
    with a different text is an InputError at the repeat.
    """

    def __init__(self) -> None:
        self._docs: dict[str, AnnotatedDocument] = {}

    def add(self, item: AnnotatedDocument, where: Where) -> None:
        doc_id = item.document.id
        first = self._docs.get(doc_id)
        if first is None:
            self._docs[doc_id] = item
            return
        if first.document.text != item.document.text:
            where.fail(f"document id {doc_id!r} is used earlier for a different text")
        by_id = {span.id: span for span in first.spans}
        for span in item.spans:
            seen = by_id.get(span.id)
            if seen is None:
                first.spans.append(span)
                by_id[span.id] = span
            elif seen != span:
                where.fail(f"span id {span.id!r} is used earlier for a different span")
        for stance in item.stances:
            if stance not in first.stances:
                first.stances.append(stance)
        first.span_relations.extend(r for r in item.span_relations if r not in first.span_relations)
        first.silences.extend(m for m in item.silences if m not in first.silences)
        first.derivations.extend(d for d in item.derivations if d not in first.derivations)

    def documents(self) -> list[AnnotatedDocument]:
        return list(self._docs.values())
