"""Bring claims and their links, relations and marks in with an import or a merge.

Runs inside the import's transaction after the documents and spans are stored. Nothing
here overwrites: a claim id already present keeps its wording and owner, a span that
already has a link keeps it, and a relation, mark or derivation already present is left
as it is, so importing or merging the same file twice adds nothing. A link whose claim
belongs to another annotator than its span is skipped (ownership), as is a link to a
claim that exists nowhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from annotator.core.claims.model import (
    Claim,
    ClaimRelation,
    Derivation,
    SilentMark,
    SpanRelation,
    relation_pair,
)
from annotator.core.model import AnnotatedDocument, ImportReport, SchemeKind, Span

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


class ClaimWork:
    """What of the claims layer an import stores after its last document: only the parts
    that name claims or other spans, never every span (a streamed import holds no batch
    but the current one). Claims and relations are read from the items at the end, since
    a streamed reader puts them on its first document once the file is read."""

    def __init__(self) -> None:
        self._carriers: list[AnnotatedDocument] = []
        self.links: list[tuple[Span, str]] = []  # spans naming a claim, with our document id
        self.said_by: list[tuple[SpanRelation, str, Span | None, Span | None]] = []
        self.silences: list[tuple[SilentMark, str]] = []
        self.derivations: list[tuple[Derivation, str]] = []

    def take(self, item: AnnotatedDocument, document_id: str) -> None:
        """Note what of `item` the claims layer needs; `document_id` is its id here."""
        if not self._carriers or item.claims or item.claim_relations:
            self._carriers.append(item)
        self.links.extend((span, document_id) for span in item.spans if span.claim is not None)
        if item.span_relations:
            by_id = {span.id: span for span in item.spans}
            self.said_by.extend(
                (r, document_id, by_id.get(r.span), by_id.get(r.source_span))
                for r in item.span_relations
            )
        self.silences.extend((mark, document_id) for mark in item.silences)
        self.derivations.extend((d, document_id) for d in item.derivations)

    def claims(self) -> list[Claim]:
        return [claim for item in self._carriers for claim in item.claims]

    def relations(self) -> list[ClaimRelation]:
        return [relation for item in self._carriers for relation in item.claim_relations]


def ingest_claims(
    store: ProjectStore,
    conn: sqlite3.Connection,
    work: ClaimWork,
    our_ids: Mapping[str, str],
    report: ImportReport,
) -> None:
    """`our_ids` maps each incoming document id to the id of that text here."""
    before = conn.total_changes
    for claim in work.claims():
        store.claims.insert_claim(conn, claim, ignore=True)
    report.claims_added += conn.total_changes - before
    owners = {r[0]: r[1] for r in conn.execute("SELECT id, annotator FROM claims")}

    label_ids = {
        name: item_id
        for item_id, name in conn.execute(
            "SELECT id, name FROM scheme_items WHERE kind = ?", [SchemeKind.LABEL.value]
        )
    }

    def our_span(span: Span | None, document_id: str) -> str | None:
        if span is None:
            return None
        row = conn.execute(
            "SELECT id FROM spans WHERE id = ? AND document_id = ?", [span.id, document_id]
        ).fetchone()
        if row is None:
            row = conn.execute(
                'SELECT id FROM spans WHERE document_id = ? AND annotator = ? AND start = ? AND "end" = ?'
                " AND label_id = ?",
                [document_id, span.annotator, span.start, span.end, label_ids.get(span.label)],
            ).fetchone()
        return None if row is None else str(row[0])

    before = conn.total_changes
    for span, document_id in work.links:
        if owners.get(span.claim or "") != span.annotator:
            continue
        ours = our_span(span, document_id)
        if ours is None:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)",
            [ours, span.claim, span.claim_value],
        )
    report.claim_links_added += conn.total_changes - before

    before = conn.total_changes
    for relation in work.relations():
        a, b = relation_pair(relation.claim_a, relation.claim_b)
        if owners.get(a) != relation.annotator or owners.get(b) != relation.annotator:
            continue
        store.claims.insert_relation(conn, relation, ignore=True)
    for said_by, document_id, speaker_span, source_span in work.said_by:
        speaker = our_span(speaker_span, document_id)
        source = our_span(source_span, document_id)
        if speaker is None or source is None or speaker == source:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO span_relations"
            " (id, kind, document_id, span_id, source_span_id, annotator, note, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [said_by.id, said_by.kind.value, document_id, speaker, source, said_by.annotator,
             said_by.note, said_by.origin],
        )  # fmt: skip
    for mark, document_id in work.silences:
        if owners.get(mark.claim_id) != mark.annotator:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO claim_silences (document_id, claim_id, annotator, origin)"
            " VALUES (?, ?, ?, ?)",
            [document_id, mark.claim_id, mark.annotator, mark.origin],
        )
    for derivation, document_id in work.derivations:
        source_document = our_ids.get(derivation.source_document_id)
        if source_document is None or source_document == document_id:
            continue
        conn.execute(
            "INSERT OR IGNORE INTO document_derivations"
            " (document_id, source_document_id, annotator, note, origin)"
            " VALUES (?, ?, ?, ?, ?)",
            [document_id, source_document, derivation.annotator, derivation.note,
             derivation.origin],
        )  # fmt: skip
    report.claim_records_added += conn.total_changes - before
