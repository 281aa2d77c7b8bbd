"""Merge another project file into this one in SQL: ATTACH it, then INSERT … SELECT (#15).

The same rules as an import of the project read whole (store/ingest.py's ingest_project,
which merges row by row in Python and still takes the files past the attach limit,
tests/store/test_project_merge.py compares the two): documents are
matched by the SHA-256 of their text, every row keeps its annotator, nothing here is
overwritten (a span whose id or passage is here is skipped, and counted as a conflict
when its content differs; likewise a document stance), a span id used here by another
document is renamed `<id>@<document>`, missing scheme entries join the scheme, and
claims, their links, relations, marks and derivations come along under the ownership
rules of store/claim_ingest.py. Small mappings (their document and scheme ids to ours,
renamed span ids) are temporary tables; the rows themselves never pass through Python.

The file is attached by store/attached_projects.py; the temporary tables live for one
file's merge (a rollback takes them away with everything else).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.colors import safe_color
from annotator.core.errors import InputError
from annotator.core.model import DocumentFormat, SchemeItem, new_id
from annotator.core.text_rules import NUL_REFUSED
from annotator.store.connection import damaged
from annotator.store.ingest import ProjectImportReport, add_scheme_items
from annotator.store.scheme_repo import stored_kind

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


_TEMP_TABLES = ("merge_documents", "merge_scheme", "merge_span_ids")


def merge_attached(
    store: ProjectStore, conn: sqlite3.Connection, schema: str, path: Path
) -> ProjectImportReport:
    """Bring everything of the attached project `schema` (the file `path`) into `store`,
    inside the caller's `store.write()` transaction; raises (and the caller's transaction
    rolls back) on what cannot be stored, like ingest_project."""
    if not conn.in_transaction:
        raise RuntimeError("merge_attached runs inside store.write()")
    _check_documents(conn, schema, path)
    _prepare_temp(conn)
    try:
        return _merge(store, conn, schema)
    finally:
        with contextlib.suppress(sqlite3.Error):
            for table in _TEMP_TABLES:
                conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _merge(store: ProjectStore, conn: sqlite3.Connection, o: str) -> ProjectImportReport:
    report = ProjectImportReport()
    items = [
        SchemeItem(stored_kind(kind), name, safe_color(color), shortcut, description)
        for kind, name, color, shortcut, description in conn.execute(
            f"SELECT kind, name, color, shortcut, description FROM {o}.scheme_items"
            " ORDER BY kind, position"
        )
    ]
    add_scheme_items(store, conn, items, report)
    conn.execute(
        "INSERT INTO temp.merge_scheme (theirs, ours) SELECT t.id, m.id"
        f" FROM {o}.scheme_items t JOIN main.scheme_items m ON m.kind = t.kind AND m.name = t.name"
    )
    _map_documents(store, conn, o, report)
    _rename_span_ids(conn, o, report)
    report.span_conflicts = _span_conflicts(conn, o)
    report.stance_conflicts = _stance_conflicts(conn, o)
    _insert_documents(conn, o)
    _insert_spans(conn, o, report)
    _insert_stances(conn, o, report)
    _insert_claims(conn, o, report)
    report.done_flags_added = _changes(
        conn,
        "INSERT INTO main.document_status (document_id, annotator, done)"
        f" SELECT m.ours, t.annotator, 1 FROM {o}.document_status t"
        " JOIN temp.merge_documents m ON m.theirs = t.document_id WHERE t.done = 1"
        " ORDER BY m.position, t.annotator"
        f" ON CONFLICT (document_id, annotator) DO UPDATE SET done = 1, updated_at = {_NOW}"
        " WHERE document_status.done = 0",
    )
    return report


def _changes(conn: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) -> int:
    before = conn.total_changes
    conn.execute(sql, params)
    return conn.total_changes - before


def _check_documents(conn: sqlite3.Connection, o: str, path: Path) -> None:
    """Refuse what the row-by-row merge refused when reading: a NUL in a text (InputError,
    as DocumentRepo.add) and a format or styles we never write (the file is damaged)."""
    row = conn.execute(
        f"SELECT id FROM {o}.documents WHERE instr(CAST(text AS BLOB), x'00') > 0 LIMIT 1"
    ).fetchone()
    if row is not None:
        raise InputError(f"document {row[0]!r}: {NUL_REFUSED}")
    formats = ", ".join(f"'{f.value}'" for f in DocumentFormat)
    row = conn.execute(
        f"SELECT id FROM {o}.documents WHERE format NOT IN ({formats})"
        " OR NOT json_valid(styles) OR json_type(styles) <> 'array' LIMIT 1"
    ).fetchone()
    if row is not None:
        raise damaged(path, f"document {row[0]!r} has an impossible format or styles")


def _prepare_temp(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS merge_documents (theirs TEXT PRIMARY KEY,"
        " ours TEXT NOT NULL, matched INTEGER NOT NULL, position INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS merge_scheme (theirs INTEGER PRIMARY KEY, ours INTEGER)"
    )
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS merge_span_ids (theirs TEXT PRIMARY KEY, ours TEXT)"
    )
    for table in _TEMP_TABLES:
        conn.execute(f"DELETE FROM temp.{table}")


def _map_documents(
    store: ProjectStore, conn: sqlite3.Connection, o: str, report: ProjectImportReport
) -> None:
    """Their document id -> ours: the same text (by hash) here, or a new row at the end of
    the list under their id, or (that id taken by another text) under the hash's first 16
    digits, with a suffix while taken."""
    rows = conn.execute(
        f"SELECT t.id, t.sha256, m.id FROM {o}.documents t"
        " LEFT JOIN main.documents m ON m.sha256 = t.sha256 ORDER BY t.position, t.id"
    ).fetchall()
    taken = {r[0] for r in conn.execute("SELECT id FROM main.documents")}
    position = store.documents.next_position()
    mapping = []
    for theirs, sha256, ours in rows:
        if ours is not None:
            mapping.append((theirs, ours, 1, 0))
            report.documents_matched += 1
            report.document_ids.append(ours)
            continue
        ours = theirs or sha256[:16]
        if ours in taken:  # same id, different text: keep both, under distinct ids
            ours, suffix = sha256[:16], 0
            while ours in taken:
                suffix += 1
                ours = f"{sha256[:16]}-{suffix}"
        taken.add(ours)
        mapping.append((theirs, ours, 0, position))
        position += 1
        report.documents_added += 1
        report.document_ids.append(ours)
    conn.executemany(
        "INSERT INTO temp.merge_documents (theirs, ours, matched, position) VALUES (?, ?, ?, ?)",
        mapping,
    )


def _rename_span_ids(conn: sqlite3.Connection, o: str, report: ProjectImportReport) -> None:
    """A span id a span of another document has here becomes `<id>@<document>` (the same
    on every merge of the file, so merging it again adds nothing), or a new id when that
    too belongs to another document."""
    clashes = conn.execute(
        f"SELECT t.id, m.ours FROM {o}.spans t JOIN temp.merge_documents m"
        " ON m.theirs = t.document_id JOIN main.spans s ON s.id = t.id"
        " WHERE s.document_id <> m.ours"
    ).fetchall()
    renamed: dict[str, str] = {}  # new id -> its document, for clashes among the renamed
    rows = []
    for span_id, document_id in clashes:
        new = f"{span_id}@{document_id}"
        owner = renamed.get(new)
        if owner is None:
            row = conn.execute("SELECT document_id FROM main.spans WHERE id = ?", [new]).fetchone()
            owner = document_id if row is None else str(row[0])
        if owner != document_id:
            new = new_id()
        renamed[new] = document_id
        rows.append((span_id, new))
    report.span_ids_renamed += len(rows)
    conn.executemany("INSERT INTO temp.merge_span_ids (theirs, ours) VALUES (?, ?)", rows)


# Their span `t` (in their document `m`, label mapped by `lm`) here: by its id in the same
# document, else by its passage (annotator, offsets, label). The rowid, or NULL.
_OUR_SPAN = """coalesce(
    (SELECT s.rowid FROM main.spans s WHERE s.id = {t}.id AND s.document_id = {m}.ours),
    (SELECT s.rowid FROM main.spans s WHERE s.document_id = {m}.ours
        AND s.annotator = {t}.annotator AND s.start = {t}.start AND s."end" = {t}."end"
        AND s.label_id = {lm}.ours))"""


def _span_conflicts(conn: sqlite3.Connection, o: str) -> int:
    """Their spans in documents already here whose id or passage we have with another
    label, stance, target or note (ours is kept)."""
    row = conn.execute(
        "SELECT count(*) FROM ("
        ' SELECT t.start, t."end", t.annotator, t.note, lm.ours AS label, sm.ours AS stance,'
        f" tm.ours AS target, {_OUR_SPAN.format(t='t', m='m', lm='lm')} AS ours"
        f" FROM {o}.spans t JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " AND m.matched = 1"
        " JOIN temp.merge_scheme lm ON lm.theirs = t.label_id"
        " LEFT JOIN temp.merge_scheme sm ON sm.theirs = t.stance_id"
        " LEFT JOIN temp.merge_scheme tm ON tm.theirs = t.target_id"
        ") x JOIN main.spans s ON s.rowid = x.ours"
        ' WHERE s.start <> x.start OR s."end" <> x."end" OR s.label_id <> x.label'
        " OR s.annotator <> x.annotator OR s.stance_id IS NOT x.stance"
        " OR s.target_id IS NOT x.target OR s.note <> x.note"
    ).fetchone()
    return int(row[0])


def _stance_conflicts(conn: sqlite3.Connection, o: str) -> int:
    row = conn.execute(
        f"SELECT count(*) FROM {o}.document_stances t"
        " JOIN temp.merge_documents m ON m.theirs = t.document_id AND m.matched = 1"
        " JOIN temp.merge_scheme tg ON tg.theirs = t.target_id"
        " JOIN temp.merge_scheme st ON st.theirs = t.stance_id"
        " JOIN main.document_stances s ON s.document_id = m.ours AND s.annotator = t.annotator"
        " AND s.target_id = tg.ours WHERE s.stance_id <> st.ours"
    ).fetchone()
    return int(row[0])


def _insert_documents(conn: sqlite3.Connection, o: str) -> None:
    conn.execute(
        "INSERT INTO main.documents (id, sha256, title, source, url, published, text, format,"
        " styles, position)"
        " SELECT m.ours, t.sha256, t.title, t.source, t.url, t.published, t.text, t.format,"
        " t.styles, m.position"
        f" FROM temp.merge_documents m JOIN {o}.documents t ON t.id = m.theirs"
        " WHERE m.matched = 0 ORDER BY m.position"
    )


def _added_and_skipped(conn: sqlite3.Connection, source: str, insert: str) -> tuple[int, int]:
    """(rows `insert` added, rows of the table `source` it skipped as already here)."""
    total = conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
    added = _changes(conn, insert)
    return added, total - added


def _insert_spans(conn: sqlite3.Connection, o: str, report: ProjectImportReport) -> None:
    # OR IGNORE skips exactly the duplicates: the id primary key and the (document,
    # annotator, start, end, label) unique index; their file's CHECKs already held.
    added, skipped = _added_and_skipped(
        conn,
        f"{o}.spans",
        'INSERT OR IGNORE INTO main.spans (id, document_id, start, "end", label_id, annotator,'
        " stance_id, target_id, note, origin, fragments)"
        ' SELECT coalesce(r.ours, t.id), m.ours, t.start, t."end", lm.ours, t.annotator,'
        " sm.ours, tm.ours, t.note, t.origin, t.fragments"
        f" FROM {o}.spans t JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " JOIN temp.merge_scheme lm ON lm.theirs = t.label_id"
        " LEFT JOIN temp.merge_scheme sm ON sm.theirs = t.stance_id"
        " LEFT JOIN temp.merge_scheme tm ON tm.theirs = t.target_id"
        " LEFT JOIN temp.merge_span_ids r ON r.theirs = t.id"
        # In document order (their spans_by_document index, no sort): the indexes here
        # keyed by document then grow in place instead of at random pages.
        " ORDER BY t.document_id, t.start",
    )
    report.spans_added += added
    report.spans_skipped += skipped


def _insert_stances(conn: sqlite3.Connection, o: str, report: ProjectImportReport) -> None:
    added, skipped = _added_and_skipped(
        conn,
        f"{o}.document_stances",
        "INSERT OR IGNORE INTO main.document_stances"
        " (document_id, annotator, target_id, stance_id, origin)"
        " SELECT m.ours, t.annotator, tg.ours, st.ours, t.origin"
        f" FROM {o}.document_stances t JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " JOIN temp.merge_scheme tg ON tg.theirs = t.target_id"
        " JOIN temp.merge_scheme st ON st.theirs = t.stance_id"
        " ORDER BY m.position, t.annotator",
    )
    report.stances_added += added
    report.stances_skipped += skipped


def _insert_claims(conn: sqlite3.Connection, o: str, report: ProjectImportReport) -> None:
    """Claims (an id here keeps its wording and owner), then their links, relations,
    said-by links, silent marks and derivations, under claim_ingest's rules: a link,
    relation or mark only where the claim here belongs to the same annotator."""
    report.claims_added += _changes(
        conn,
        "INSERT OR IGNORE INTO main.claims (id, wording, annotator, origin, created_at,"
        f" updated_at) SELECT id, wording, annotator, origin,"
        f" CASE WHEN created_at = '' THEN {_NOW} ELSE created_at END,"
        f" CASE WHEN updated_at <> '' THEN updated_at WHEN created_at <> '' THEN created_at"
        f" ELSE {_NOW} END FROM {o}.claims ORDER BY created_at, id",
    )
    our_span = _OUR_SPAN.format(t="t", m="m", lm="lm")
    report.claim_links_added += _changes(
        conn,
        "INSERT OR IGNORE INTO main.claim_mentions (span_id, claim_id, value)"
        " SELECT s.id, x.claim_id, x.value FROM ("
        f" SELECT cm.claim_id, cm.value, {our_span} AS ours"
        # CROSS JOIN keeps the links outermost: SQLite would otherwise scan every span.
        f" FROM {o}.claim_mentions cm CROSS JOIN {o}.spans t ON t.id = cm.span_id"
        " JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " JOIN temp.merge_scheme lm ON lm.theirs = t.label_id"
        " JOIN main.claims c ON c.id = cm.claim_id AND c.annotator = t.annotator"
        ") x JOIN main.spans s ON s.rowid = x.ours",
    )
    records = _changes(
        conn,
        "INSERT OR IGNORE INTO main.claim_relations"
        " (id, kind, claim_a, claim_b, annotator, note, origin)"
        " SELECT r.id, r.kind, r.claim_a, r.claim_b, r.annotator, r.note, r.origin"
        f" FROM {o}.claim_relations r"
        " JOIN main.claims a ON a.id = r.claim_a AND a.annotator = r.annotator"
        " JOIN main.claims b ON b.id = r.claim_b AND b.annotator = r.annotator"
        " ORDER BY r.created_at, r.id",
    )
    speaker = _OUR_SPAN.format(t="a", m="m", lm="la")
    source = _OUR_SPAN.format(t="b", m="m", lm="lb")
    records += _changes(
        conn,
        "INSERT OR IGNORE INTO main.span_relations"
        " (id, kind, document_id, span_id, source_span_id, annotator, note, origin)"
        " SELECT x.id, x.kind, x.document_id, sa.id, sb.id, x.annotator, x.note, x.origin"
        " FROM ("
        " SELECT r.id, r.kind, m.ours AS document_id, r.annotator, r.note, r.origin,"
        f" {speaker} AS speaker, {source} AS source"
        # CROSS JOIN keeps the links outermost: SQLite would otherwise scan every span.
        f" FROM {o}.span_relations r CROSS JOIN temp.merge_documents m"
        " ON m.theirs = r.document_id"
        f" CROSS JOIN {o}.spans a ON a.id = r.span_id AND a.document_id = r.document_id"
        f" CROSS JOIN {o}.spans b ON b.id = r.source_span_id AND b.document_id = r.document_id"
        " JOIN temp.merge_scheme la ON la.theirs = a.label_id"
        " JOIN temp.merge_scheme lb ON lb.theirs = b.label_id"
        " ORDER BY r.created_at, r.rowid"
        ") x JOIN main.spans sa ON sa.rowid = x.speaker JOIN main.spans sb ON sb.rowid = x.source"
        " WHERE x.speaker <> x.source",
    )
    records += _changes(
        conn,
        "INSERT OR IGNORE INTO main.claim_silences (document_id, claim_id, annotator, origin)"
        f" SELECT m.ours, t.claim_id, t.annotator, t.origin FROM {o}.claim_silences t"
        " JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " JOIN main.claims c ON c.id = t.claim_id AND c.annotator = t.annotator"
        " ORDER BY t.rowid",
    )
    records += _changes(
        conn,
        "INSERT OR IGNORE INTO main.document_derivations"
        " (document_id, source_document_id, annotator, note, origin)"
        " SELECT m.ours, ms.ours, t.annotator, t.note, t.origin"
        f" FROM {o}.document_derivations t"
        " JOIN temp.merge_documents m ON m.theirs = t.document_id"
        " JOIN temp.merge_documents ms ON ms.theirs = t.source_document_id"
        " WHERE ms.ours <> m.ours ORDER BY t.rowid",
    )
    report.claim_records_added += records
