"""Bring annotated documents into a project in one transaction: all of them or none.

Documents are matched by the SHA-256 of their text, so importing another annotator's
file attaches its annotations to the documents already here. A span already present
(same id, or same annotator, document, offsets and label) or a stance already set is
skipped, so importing twice adds nothing. Unknown labels, stance values and targets
join the scheme, and the report says which.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.core.errors import SchemeError
from annotator.core.model import AnnotatedDocument, Document, ImportReport, SchemeKind

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def ingest(store: ProjectStore, items: Iterable[AnnotatedDocument]) -> ImportReport:
    """Import `items`; raises (and changes nothing) if anything in them cannot be stored."""
    report = ImportReport()
    with store.write() as conn:
        ids: dict[tuple[SchemeKind, str], int] = {
            (SchemeKind(kind), name): item_id
            for item_id, kind, name in conn.execute("SELECT id, kind, name FROM scheme_items")
        }

        def scheme_id(kind: SchemeKind, name: str | None) -> int | None:
            if name is None or name == "":
                return None
            key = (kind, name)
            if key not in ids:
                store.scheme.ensure(kind, name)
                report.scheme_added.append(key)
                ids[key] = store.scheme.require_id(kind, name)
            return ids[key]

        span_rows: list[tuple[object, ...]] = []
        stance_rows: list[tuple[str, str, int, int]] = []
        for item in items:
            document_id = _attach_document(store, conn, item.document, report)
            for span in item.spans:
                if not span.label:
                    # OR IGNORE below would silently drop a NULL label: refuse it here.
                    raise SchemeError(f"A span in document {item.document.id!r} has no label.")
                span_rows.append(
                    (
                        span.id, document_id, span.start, span.end,
                        scheme_id(SchemeKind.LABEL, span.label), span.annotator,
                        scheme_id(SchemeKind.STANCE, span.stance),
                        scheme_id(SchemeKind.TARGET, span.target), span.note,
                    )
                )  # fmt: skip
            for stance in item.stances:
                target_id = scheme_id(SchemeKind.TARGET, stance.target)
                stance_id = scheme_id(SchemeKind.STANCE, stance.stance)
                if target_id is None or stance_id is None:
                    raise SchemeError(f"A document stance in {item.document.id!r} lacks a target or a stance.")
                stance_rows.append((document_id, stance.annotator, target_id, stance_id))
        before = conn.total_changes
        # OR IGNORE skips exactly the duplicates: the id primary key and the
        # (document, annotator, start, end, label) unique index. Offsets were validated
        # by the reader, so no CHECK failure is silently ignored here.
        conn.executemany(
            'INSERT OR IGNORE INTO spans (id, document_id, start, "end", label_id, annotator,'
            " stance_id, target_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            span_rows,
        )
        report.spans_added = conn.total_changes - before
        report.spans_skipped = len(span_rows) - report.spans_added
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO document_stances (document_id, annotator, target_id, stance_id)"
            " VALUES (?, ?, ?, ?)",
            stance_rows,
        )
        report.stances_added = conn.total_changes - before
        report.stances_skipped = len(stance_rows) - report.stances_added
    return report


def _attach_document(
    store: ProjectStore, conn: sqlite3.Connection, document: Document, report: ImportReport
) -> str:
    existing = store.documents.by_sha256(document.sha256)
    if existing is not None:
        report.documents_matched += 1
        report.document_ids.append(existing)
        return existing
    document_id = document.id or document.sha256[:16]
    taken = conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone()
    if taken:  # same id, different text: keep both, under distinct ids
        document_id = document.sha256[:16]
        suffix = 0
        while conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone():
            suffix += 1
            document_id = f"{document.sha256[:16]}-{suffix}"
    store.documents.add(replace(document, id=document_id))
    report.documents_added += 1
    report.document_ids.append(document_id)
    return document_id
