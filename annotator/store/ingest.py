"""Bring annotated documents into a project in one transaction: all of them or none.

Claims, their links, relations and marks come in with them (store/claim_ingest.py).
Documents are matched by the SHA-256 of their text, so importing another annotator's
file attaches its annotations to the documents already here. A span already present
(same id, or same annotator, document, offsets and label) or a stance already set is
skipped, so importing twice adds nothing. Unknown labels, stance values and targets
join the scheme, and the report says which.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotator.core.colors import is_hex_color
from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.errors import SchemeError
from annotator.core.model import (
    AnnotatedDocument,
    Document,
    ImportReport,
    SchemeItem,
    SchemeKind,
)
from annotator.store.annotation_repo import fragments_to_sql
from annotator.store.bulk_write import bulk_write_settings
from annotator.store.claim_ingest import ClaimWork, ingest_claims
from annotator.store.ingest_spans import NOW_SQL, insert_new, store_spans
from annotator.store.scheme_repo import stored_kind

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def ingest(store: ProjectStore, items: Iterable[AnnotatedDocument]) -> ImportReport:
    """Import `items`; raises (and changes nothing) if anything in them cannot be stored.

    A document stance with an empty target, or a span with a stance and an empty target
    (a reader's "the file named none"; None means no target), is about the project's
    default target, as in the GUI; the report counts them. A span
    id already used by a span of another document (ids identify a span within its
    document, and other tools number spans per file) gets a new id, also counted.
    """
    report = ImportReport()
    # The settings last until after the commit, which writes the cached pages out.
    with bulk_write_settings(store.conn), store.write() as conn:
        report.default_target = store.settings.default_target() or DEFAULT_TARGET
        _ingest_items(store, conn, items, report, default_target=report.default_target)
    return report


@dataclass(slots=True)
class ProjectImportReport(ImportReport):
    """An import of another project: also its done flags, and what it had that we keep ours of."""

    span_conflicts: int = 0  # same span id (or passage) here with other content: ours kept
    stance_conflicts: int = 0  # same annotator, document and target here with another stance
    done_flags_added: int = 0


def ingest_project(
    store: ProjectStore,
    conn: sqlite3.Connection,
    items: Iterable[AnnotatedDocument],
    *,
    done: Iterable[tuple[str, str]] = (),
    scheme_items: Sequence[SchemeItem] = (),
) -> ProjectImportReport:
    """Import another project's documents, annotations, done flags and scheme, inside the
    caller's `store.write()` transaction (so several projects go in all together or not at all).

    `done` holds (document id as in `items`, annotator) for each document marked done.
    `scheme_items` missing here are added first with their colour, description and (when no
    entry here uses it already) shortcut. Nothing here is overwritten: a span whose id or
    passage (annotator, document, offsets, label) is already here is skipped, and counted
    as a conflict when its label, stance, target or note differ; likewise a document stance
    for an annotator, document and target we already have. A done flag only ever turns a
    document done. Raises like `ingest`; the caller's transaction then rolls back.
    """
    if not conn.in_transaction:
        raise RuntimeError("ingest_project runs inside store.write()")
    report = ProjectImportReport()
    add_scheme_items(store, conn, scheme_items, report)
    items = list(items)
    our_ids: dict[str, str] = {}
    report.span_conflicts, report.stance_conflicts = _count_conflicts(store, conn, items)
    _ingest_items(store, conn, items, report, our_ids)
    before = conn.total_changes
    conn.executemany(
        "INSERT INTO document_status (document_id, annotator, done) VALUES (?, ?, 1)"
        " ON CONFLICT (document_id, annotator) DO UPDATE SET done = 1,"
        " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE document_status.done = 0",
        [
            (our_ids[document_id], annotator)
            for document_id, annotator in done
            if document_id in our_ids
        ],
    )
    report.done_flags_added = conn.total_changes - before
    return report


def add_scheme_items(
    store: ProjectStore,
    conn: sqlite3.Connection,
    scheme_items: Sequence[SchemeItem],
    report: ImportReport,
) -> None:
    """Add the entries of `scheme_items` missing here (kind and name), with their colour
    ("#rrggbb" only: it goes into style sheets), description and, when free, shortcut."""
    present = {
        (stored_kind(kind), name): shortcut
        for kind, name, shortcut in conn.execute("SELECT kind, name, shortcut FROM scheme_items")
    }
    shortcuts = {shortcut for shortcut in present.values() if shortcut}
    for item in scheme_items:
        if (item.kind, item.name) in present:
            continue
        shortcut = item.shortcut if item.shortcut not in shortcuts else ""
        # Another file's colour is used in style sheets here: only "#rrggbb" comes in.
        color = item.color if is_hex_color(item.color) else store.scheme.next_color()
        store.scheme.insert(conn, replace(item, shortcut=shortcut, color=color))
        present[(item.kind, item.name)] = shortcut
        if shortcut:
            shortcuts.add(shortcut)
        report.scheme_added.append((item.kind, item.name))


def _count_conflicts(
    store: ProjectStore, conn: sqlite3.Connection, items: Sequence[AnnotatedDocument]
) -> tuple[int, int]:
    """Incoming spans and stances that collide with different ones already stored."""
    span_conflicts = stance_conflicts = 0
    for item in items:
        document_id = store.documents.by_sha256(item.document.sha256)
        if document_id is None:
            continue  # a new document: nothing of ours to differ from (an id used by a
            # span of another document is renamed, not a conflict)
        for span in item.spans:
            ours = conn.execute(
                _SPAN_CONTENT + " WHERE s.id = ? AND s.document_id = ?", [span.id, document_id]
            ).fetchone()
            if ours is None:
                ours = conn.execute(
                    _SPAN_CONTENT + " WHERE s.document_id = ? AND s.annotator = ? AND s.start = ?"
                    ' AND s."end" = ? AND l.name = ?',
                    [document_id, span.annotator, span.start, span.end, span.label],
                ).fetchone()
            if ours is None:
                continue
            theirs = (
                document_id, span.start, span.end, span.label, span.annotator,
                span.stance or None, span.target or None, span.note,
            )  # fmt: skip
            if tuple(ours) != theirs:
                span_conflicts += 1
        for stance in item.stances:
            ours = conn.execute(
                "SELECT st.name FROM document_stances ds"
                " JOIN scheme_items tg ON tg.id = ds.target_id"
                " JOIN scheme_items st ON st.id = ds.stance_id"
                " WHERE ds.document_id = ? AND ds.annotator = ? AND tg.name = ?",
                [document_id, stance.annotator, stance.target],
            ).fetchone()
            if ours is not None and ours[0] != stance.stance:
                stance_conflicts += 1
    return span_conflicts, stance_conflicts


_SPAN_CONTENT = """
    SELECT s.document_id, s.start, s."end", l.name, s.annotator, st.name, tg.name, s.note
    FROM spans s
    JOIN scheme_items l ON l.id = s.label_id
    LEFT JOIN scheme_items st ON st.id = s.stance_id
    LEFT JOIN scheme_items tg ON tg.id = s.target_id
"""


BATCH_SPANS = 20_000  # spans (or documents) per executemany: memory bounded by a batch


def _batches(items: Iterable[AnnotatedDocument]) -> Iterator[list[AnnotatedDocument]]:
    """`items` in lists of about BATCH_SPANS spans, read lazily (a streamed file is never
    held whole)."""
    batch: list[AnnotatedDocument] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.spans) + len(item.span_rows) + 1
        if size >= BATCH_SPANS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _ingest_items(
    store: ProjectStore,
    conn: sqlite3.Connection,
    items: Iterable[AnnotatedDocument],
    report: ImportReport,
    our_ids: dict[str, str] | None = None,
    *,
    default_target: str | None = None,
) -> None:
    """The body of an import, inside the caller's transaction; `our_ids` collects
    incoming document id -> the id of that text here. With `default_target`, stances
    naming no target are about it (counted in the report); without, they are refused.

    `items` is consumed lazily, a batch at a time (one executemany per batch); the claims
    layer, which may name documents and claims that come later, is stored at the end."""
    if our_ids is None:
        our_ids = {}
    ids: dict[tuple[SchemeKind, str], int] = {
        (stored_kind(kind), name): item_id
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

    def target_of(target: str | None, stance: str | None) -> str | None:
        # "" is a reader's "the file named no target"; None is "no target".
        if stance and target == "" and default_target:
            report.targets_defaulted += 1
            return default_target
        return target

    label_ids = {name: item_id for (kind, name), item_id in ids.items() if kind == SchemeKind.LABEL}

    def label_id(name: str, item: AnnotatedDocument) -> int:
        if not name:
            # OR IGNORE below would silently drop a NULL label: refuse it here.
            raise SchemeError(f"A span in document {item.document.id!r} has no label.")
        found = scheme_id(SchemeKind.LABEL, name)
        assert found is not None
        label_ids[name] = found
        return found

    work = ClaimWork()
    # Asked once: asking per document read every stored text again for each (#14).
    positions = itertools.count(store.documents.next_position())
    for batch in _batches(items):
        # One time for the batch's rows: SQLite's strftime('now') default, twice per
        # row, was a fifth of inserting a span (#15).
        (now,) = conn.execute(f"SELECT {NOW_SQL}").fetchone()
        span_rows: list[tuple[object, ...]] = []
        stance_rows: list[tuple[str, str, int, int, str]] = []
        for item in batch:
            document_id = _attach_document(store, conn, item.document, report, positions)
            our_ids[item.document.id] = document_id
            work.take(item, document_id)
            # One comprehension per document: the rows as stored, under the ids the file
            # gives; `store_spans` renames those another document has.
            span_rows += [
                (
                    span.id, document_id, span.start, span.end,
                    found if (found := label_ids.get(span.label)) is not None
                    else label_id(span.label, item),
                    span.annotator,
                    None if span.stance is None else scheme_id(SchemeKind.STANCE, span.stance),
                    None if span.stance is None and span.target is None
                    else scheme_id(SchemeKind.TARGET, target_of(span.target, span.stance)),
                    span.note, span.origin,
                    fragments_to_sql(span.fragments) if span.fragments else "", now, now,
                )
                for span in item.spans
            ]  # fmt: skip
            span_rows += [
                (
                    span_id, document_id, start, end,
                    found if (found := label_ids.get(label)) is not None
                    else label_id(label, item),
                    annotator,
                    None if stance is None else scheme_id(SchemeKind.STANCE, stance),
                    None if stance is None and target is None
                    else scheme_id(SchemeKind.TARGET, target_of(target, stance)),
                    note, "", "", now, now,
                )
                for span_id, start, end, label, annotator, stance, target, note in item.span_rows
            ]  # fmt: skip
            for stance in item.stances:
                target_id = scheme_id(SchemeKind.TARGET, target_of(stance.target, stance.stance))
                stance_id = scheme_id(SchemeKind.STANCE, stance.stance)
                if target_id is None or stance_id is None:
                    raise SchemeError(
                        f"A document stance in {item.document.id!r} lacks a target or a stance."
                    )
                stance_rows.append(
                    (document_id, stance.annotator, target_id, stance_id, stance.origin)
                )
        added = store_spans(conn, span_rows, report)
        report.spans_added += added
        report.spans_skipped += len(span_rows) - added
        added = insert_new(
            conn,
            "INSERT OR IGNORE INTO document_stances"
            " (document_id, annotator, target_id, stance_id, origin) VALUES (?, ?, ?, ?, ?)",
            stance_rows,
        )
        report.stances_added += added
        report.stances_skipped += len(stance_rows) - added
    ingest_claims(store, conn, work, our_ids, report)


def _attach_document(
    store: ProjectStore,
    conn: sqlite3.Connection,
    document: Document,
    report: ImportReport,
    positions: Iterator[int],
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
    store.documents.add(replace(document, id=document_id), next(positions))
    report.documents_added += 1
    report.document_ids.append(document_id)
    return document_id
