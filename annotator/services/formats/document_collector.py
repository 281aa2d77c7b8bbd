"""Gathers imported documents by id, merging repeats of the same document."""

from __future__ import annotations

from annotator.core.model import AnnotatedDocument, DocumentStance

from .json_input import Where


class DocumentCollector:
    """Keeps file order; a document id seen again with the same text has its spans and
    stances merged into the first (the same article exported by two annotators and
    concatenated), exact duplicate spans and stances are kept once, and the same id
    with a different text is an InputError at the repeat. So is one annotator giving one
    document several values for one target (a multi-label classification): the project
    holds one stance per document, target and annotator, and keeping one would lose the
    others silently.
    """

    def __init__(self) -> None:
        self._docs: dict[str, AnnotatedDocument] = {}

    def add(self, item: AnnotatedDocument, where: Where) -> None:
        doc_id = item.document.id
        first = self._docs.get(doc_id)
        if first is None:
            _one_value_per_target(item.stances, [], doc_id, where)
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
        _one_value_per_target(item.stances, first.stances, doc_id, where)
        for stance in item.stances:
            if stance not in first.stances:
                first.stances.append(stance)
        first.span_relations.extend(r for r in item.span_relations if r not in first.span_relations)
        first.silences.extend(m for m in item.silences if m not in first.silences)
        first.derivations.extend(d for d in item.derivations if d not in first.derivations)

    @staticmethod
    def check_first(item: AnnotatedDocument, where: Where) -> None:
        """What `add` checks of a document seen for the first time (a streamed read)."""
        _one_value_per_target(item.stances, [], item.document.id, where)

    def documents(self) -> list[AnnotatedDocument]:
        return list(self._docs.values())


def _one_value_per_target(
    new: list[DocumentStance], old: list[DocumentStance], doc_id: str, where: Where
) -> None:
    seen = {(st.annotator, st.target): st.stance for st in old}
    for stance in new:
        key = (stance.annotator, stance.target)
        value = seen.setdefault(key, stance.stance)
        if value != stance.stance:
            where.fail(
                f"document {doc_id!r}: {stance.annotator} gives the target {stance.target!r} "
                f"several values ({value!r}, {stance.stance!r}); a project holds one stance per "
                "document, target and annotator, so this multi-label classification cannot be "
                "imported without losing labels. Name a target for each value "
                "('target: value', e.g. 'sentiment: positive') or keep one value per target"
            )
