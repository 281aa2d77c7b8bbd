"""Claims in interchange files: the JSON records, and gathering them back on import.

Native JSONL writes each span's `claim` (id), `claim_text` (the claim's wording) and
`claim_value`; per document `said_by`, `silent` and `derived_from` lists; and, after the
documents, one line per claim (`{"type": "claim", ...}`) and per claim relation
(`{"type": "claim_relation", ...}`), so that claims without mentions and relations
survive. Other formats carry what they can through `wording_of` and `ClaimGatherer`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.claims.model import (
    Claim,
    ClaimRelation,
    ClaimRelationKind,
    Derivation,
    SilentMark,
    SpanRelation,
    SpanRelationKind,
)
from annotator.core.model import AnnotatedDocument, new_id
from annotator.core.plural import counted

from .json_input import Where, identifier, optional_str
from .report import ExportReport

CLAIM_TYPE = "claim"
RELATION_TYPE = "claim_relation"


def claim_line(claim: Claim) -> dict[str, Any]:
    return {
        "type": CLAIM_TYPE,
        "id": claim.id,
        "wording": claim.wording,
        "annotator": claim.annotator,
        "origin": claim.origin,
        "created": claim.created,
        "updated": claim.updated,
    }


def relation_line(relation: ClaimRelation) -> dict[str, Any]:
    return {
        "type": RELATION_TYPE,
        "id": relation.id,
        "kind": relation.kind.value,
        "claims": [relation.claim_a, relation.claim_b],
        "annotator": relation.annotator,
        "note": relation.note,
        "origin": relation.origin,
    }


def document_claim_fields(item: AnnotatedDocument) -> dict[str, Any]:
    """The per-document claim lists, only those that are not empty."""
    fields: dict[str, Any] = {}
    if item.span_relations:
        fields["said_by"] = [
            {"id": r.id, "span": r.span, "source": r.source_span, "annotator": r.annotator,
             "note": r.note}
            for r in item.span_relations
        ]  # fmt: skip
    if item.silences:
        fields["silent"] = [{"claim": m.claim_id, "annotator": m.annotator} for m in item.silences]
    if item.derivations:
        fields["derived_from"] = [
            {"document": d.source_document_id, "annotator": d.annotator, "note": d.note}
            for d in item.derivations
        ]
    return fields


class WordingIndex:
    """Claim id -> wording, filled from the claims riding on the items as they stream by;
    it also counts what of the claims layer lives beside the spans (relations, silent
    marks, derivations, claims without a mention), for formats that cannot hold it."""

    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}
        self.relations: list[ClaimRelation] = []
        self.silences = 0
        self.derivations = 0
        self._mentioned: set[str] = set()

    def take(self, item: AnnotatedDocument) -> None:
        for claim in item.claims:
            self.claims[claim.id] = claim
        self.relations.extend(item.claim_relations)
        self.silences += len(item.silences)
        self.derivations += len(item.derivations)
        self._mentioned.update(s.claim for s in item.spans if s.claim)

    def take_mentions(self, claim_ids: Iterable[str | None]) -> None:
        """Note the claims spans mention, for a writer that reads spans as rows."""
        self._mentioned.update(claim_id for claim_id in claim_ids if claim_id)

    def warn_not_carried(self, report: ExportReport, format_name: str) -> None:
        """One warning counting the claim records `format_name` has no place for (they are
        not written; native JSONL keeps them). Call after every item was taken."""
        lost = [
            (len(self.relations), "claim relation", "claim relations"),
            (self.silences, "explicitly-silent mark", "explicitly-silent marks"),
            (self.derivations, "derived-from link", "derived-from links"),
            (
                len(set(self.claims) - self._mentioned),
                "claim without a mention",
                "claims without a mention",
            ),
        ]
        parts = [counted(count, one, many) for count, one, many in lost if count]
        if parts:
            report.warn(
                f"{format_name} has no place for {', '.join(parts)}: not exported"
                " (native JSONL keeps them)"
            )

    def wording(self, claim_id: str | None) -> str | None:
        if claim_id is None:
            return None
        claim = self.claims.get(claim_id)
        return claim.wording if claim else None


def _list(record: dict[str, Any], key: str, where: Where) -> list[Any]:
    value = record.get(key) or []
    if not isinstance(value, list):
        where.fail(f"{key!r} must be a list")
    for entry in value:
        if not isinstance(entry, dict):
            where.fail(f"each entry of {key!r} must be a JSON object")
    return value


def _name(raw: dict[str, Any], key: str, where: Where, what: str) -> str:
    value = optional_str(raw, key, where, what)
    if not value or not value.strip():
        where.fail(f"{what} needs a non-empty {key!r}")
    return value


class ClaimGatherer:
    """Collects claim records while a file is read, then puts them on the documents.

    `override` (an import "as" someone) replaces every annotator, as it does for spans.
    """

    def __init__(self, default_annotator: str, override: str | None):
        self._default = default_annotator
        self._override = override
        self.claims: dict[str, Claim] = {}
        self.relations: list[ClaimRelation] = []
        self._implied: dict[str, Claim] = {}

    def annotator(self, raw: dict[str, Any], where: Where, what: str) -> str:
        return self._override or optional_str(raw, "annotator", where, what) or self._default

    def claim_record(self, raw: dict[str, Any], where: Where) -> None:
        claim_id = identifier(raw.get("id"), where, "claim")
        if claim_id is None:
            where.fail("a claim needs an 'id'")
        claim = Claim(
            claim_id,
            " ".join(_name(raw, "wording", where, "a claim").split()),
            self.annotator(raw, where, "claim"),
            optional_str(raw, "origin", where, "claim") or "",
            optional_str(raw, "created", where, "claim") or "",
            optional_str(raw, "updated", where, "claim") or "",
        )
        if claim_id in self.claims and self.claims[claim_id] != claim:
            where.fail(f"claim id {claim_id!r} is used earlier for a different claim")
        self.claims[claim_id] = claim

    def relation_record(self, raw: dict[str, Any], where: Where) -> None:
        kind = raw.get("kind")
        if kind not in {k.value for k in ClaimRelationKind}:
            where.fail(f"unknown claim relation kind {kind!r}")
        pair = raw.get("claims")
        if not (isinstance(pair, list) and len(pair) == 2):
            where.fail("a claim relation needs 'claims': [id, id]")
        a, b = (identifier(x, where, "claim") for x in pair)
        if a is None or b is None or a == b:
            where.fail("a claim relation needs two different claim ids")
        self.relations.append(
            ClaimRelation(
                identifier(raw.get("id"), where, "claim relation") or new_id(),
                ClaimRelationKind(kind),
                min(a, b),
                max(a, b),
                self.annotator(raw, where, "claim relation"),
                optional_str(raw, "note", where, "claim relation") or "",
                optional_str(raw, "origin", where, "claim relation") or "",
            )
        )

    def span_claim(
        self, raw: dict[str, Any], annotator: str, where: Where
    ) -> tuple[str | None, str]:
        """A span's (claim id, value); a claim named only here is implied from its
        `claim_text` (or its id) and owned by the span's annotator."""
        claim_id = identifier(raw.get("claim"), where, "claim")
        value = optional_str(raw, "claim_value", where, "span") or ""
        if claim_id is None:
            return None, ""
        wording = optional_str(raw, "claim_text", where, "span") or claim_id
        self._implied.setdefault(claim_id, Claim(claim_id, " ".join(wording.split()), annotator))
        return claim_id, value

    def document_records(
        self, record: dict[str, Any], document_id: str, where: Where
    ) -> tuple[list[SpanRelation], list[SilentMark], list[Derivation]]:
        said_by = [
            SpanRelation(
                identifier(r.get("id"), where, "said-by link") or new_id(),
                SpanRelationKind.SAID_BY,
                _ident(r, "span", where),
                _ident(r, "source", where),
                self.annotator(r, where, "said-by link"),
                optional_str(r, "note", where, "said-by link") or "",
                document_id=document_id,
            )
            for r in _list(record, "said_by", where)
        ]
        silent = [
            SilentMark(document_id, _ident(r, "claim", where), self.annotator(r, where, "mark"))
            for r in _list(record, "silent", where)
        ]
        derived = [
            Derivation(
                document_id,
                _ident(r, "document", where),
                self.annotator(r, where, "derivation"),
                optional_str(r, "note", where, "derivation") or "",
            )
            for r in _list(record, "derived_from", where)
        ]
        return said_by, silent, derived

    def finish(self, documents: Iterable[AnnotatedDocument]) -> None:
        """Put every claim (given or implied) and relation on the first document."""
        documents = list(documents)
        if not documents:
            return
        claims = dict(self._implied)
        claims.update(self.claims)
        first = documents[0]
        first.claims.extend(claims.values())
        first.claim_relations.extend(self.relations)


def _ident(raw: dict[str, Any], key: str, where: Where) -> str:
    value = identifier(raw.get(key), where, key)
    if value is None:
        where.fail(f"missing {key!r}")
    return value
