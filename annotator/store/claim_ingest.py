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
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from annotator.core.claims.model import relation_pair
from annotator.core.model import AnnotatedDocument, ImportReport, SchemeKind, Span

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def ingest_claims(
    store: ProjectStore,
    conn: sqlite3.Connection,
    items: Sequence[AnnotatedDocument],
    our_ids: Mapping[str, str],
    report: ImportReport,
) -> None:
    """`our_ids` maps each incoming document id to the id of that text here."""
    before = conn.total_changes
    for item in items:
        for claim in item.claims:
            store.claims.insert_claim(conn, claim, ignore=True)
    report.claims_added += conn.total_changes - before
    owners = {r[0]: r[1] for r in conn.execute("SELECT id, annotator FROM claims")}

    label_ids = {
        name: item_id
        for item_id, name in conn.execute(
            "SELECT id, name FROM scheme_items WHERE kind = ?", [SchemeKind.LABEL.value]
        )
    }

    def our_span(span: Span, document_id: str) -> str | None:
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
    span_ids: dict[tuple[str, str], str] = {}  # (incoming document id, incoming span id) -> ours
    for item in items:
        document_id = our_ids[item.document.id]
        for span in item.spans:
            ours = our_span(span, document_id)
            if ours is None:
                continue
            span_ids[(item.document.id, span.id)] = ours
            if span.claim is None or owners.get(span.claim) != span.annotator:
                continue
            conn.execute(
                "INSERT OR IGNORE INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)",
                [ours, span.claim, span.claim_value],
            )
    report.claim_links_added += conn.total_changes - before

    before = conn.total_changes
    for item in items:
        for relation in item.claim_relations:
            a, b = relation_pair(relation.claim_a, relation.claim_b)
            if owners.get(a) != relation.annotator or owners.get(b) != relation.annotator:
                continue
            store.claims.insert_relation(conn, relation, ignore=True)
        document_id = our_ids[item.document.id]
        for said_by in item.span_relations:
            speaker = span_ids.get((item.document.id, said_by.span))
            source = span_ids.get((item.document.id, said_by.source_span))
            if speaker is None or source is None or speaker == source:
                continue
            conn.execute(
                "INSERT OR IGNORE INTO span_relations"
                " (id, kind, document_id, span_id, source_span_id, annotator, note, origin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [said_by.id, said_by.kind.value, document_id, speaker, source, said_by.annotator,
                 said_by.note, said_by.origin],
            )  # fmt: skip
        for mark in item.silences:
            if owners.get(mark.claim_id) != mark.annotator:
                continue
            conn.execute(
                "INSERT OR IGNORE INTO claim_silences (document_id, claim_id, annotator, origin)"
                " VALUES (?, ?, ?, ?)",
                [document_id, mark.claim_id, mark.annotator, mark.origin],
            )
        for derivation in item.derivations:
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
