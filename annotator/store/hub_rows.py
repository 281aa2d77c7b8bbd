"""This project's rows in the team hub's shape, the sync marks, and applying pulled rows.

The hub (annotator/hub/) exchanges rows as (kind, key, owner, body): `body` is canonical
JSON of the row's content, '' for a deletion (a tombstone). Annotation rows (`span`,
`stance`, `status`, and the claims layer of hub_claim_rows) belong to one annotator;
shared rows (`document`, `scheme`, `setting`) to the lead role. Documents are named by the SHA-256 of their text, scheme entries by
kind and name, so two projects agree on a row without sharing row ids (as `merge` does).
Nothing here runs while annotating: the sync reads and writes it in its own transactions.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.model import SchemeKind, new_id
from annotator.store.hub_claim_rows import CLAIM_KINDS, apply_claim_row, claim_rows
from annotator.store.hub_row import HubRow, Mark, canonical, digest

__all__ = ["HubRow", "Mark", "canonical", "digest"]

ANNOTATION_KINDS = ("span", "stance", "status", *CLAIM_KINDS)
SHARED_KINDS = ("document", "scheme", "setting")
SHARED_SETTINGS = ("guidelines", "default_target")


def _in(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


# -- reading this copy --------------------------------------------------------------------
def annotation_rows(
    conn: sqlite3.Connection, owners: Sequence[str]
) -> dict[tuple[str, str], HubRow]:
    """Every span, document stance, done flag and claims-layer row of `owners`, keyed by
    (kind, key)."""
    if not owners:
        return {}
    rows: dict[tuple[str, str], HubRow] = {}
    for r in conn.execute(
        'SELECT s.id, s.annotator, d.sha256, s.start, s."end", l.name, st.name, tg.name,'
        " s.note, s.origin, s.fragments FROM spans s JOIN documents d ON d.id = s.document_id"
        " JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        " LEFT JOIN scheme_items tg ON tg.id = s.target_id"
        f" WHERE s.annotator IN ({_in(owners)})",
        list(owners),
    ):
        body = canonical(
            {"start": r[3], "end": r[4], "label": r[5], "stance": r[6] or "",
             "target": r[7] or "", "note": r[8], "origin": r[9], "fragments": r[10]}
        )  # fmt: skip
        rows["span", r[0]] = HubRow("span", r[0], r[1], body, r[2])
    for r in conn.execute(
        "SELECT ds.annotator, d.sha256, tg.name, st.name, ds.origin FROM document_stances ds"
        " JOIN documents d ON d.id = ds.document_id"
        " JOIN scheme_items tg ON tg.id = ds.target_id"
        " JOIN scheme_items st ON st.id = ds.stance_id"
        f" WHERE ds.annotator IN ({_in(owners)})",
        list(owners),
    ):
        key = canonical([r[1], r[0], r[2]])
        body = canonical({"target": r[2], "stance": r[3], "origin": r[4]})
        rows["stance", key] = HubRow("stance", key, r[0], body, r[1])
    for r in conn.execute(
        "SELECT t.annotator, d.sha256 FROM document_status t"
        " JOIN documents d ON d.id = t.document_id"
        f" WHERE t.done = 1 AND t.annotator IN ({_in(owners)})",
        list(owners),
    ):
        key = canonical([r[1], r[0]])
        rows["status", key] = HubRow("status", key, r[0], canonical({"done": True}), r[1])
    rows.update(claim_rows(conn, owners))
    return rows


def shared_rows(conn: sqlite3.Connection) -> dict[tuple[str, str], HubRow]:
    """The documents, scheme entries and shared settings, keyed by (kind, key)."""
    rows: dict[tuple[str, str], HubRow] = {}
    for r in conn.execute(
        "SELECT sha256, title, source, url, published, text, format, styles"
        " FROM documents ORDER BY position"
    ):
        body = canonical(
            {"title": r[1], "source": r[2], "url": r[3], "published": r[4], "text": r[5],
             "format": r[6], "styles": r[7]}
        )  # fmt: skip
        rows["document", r[0]] = HubRow("document", r[0], "", body)
    for r in conn.execute(
        "SELECT kind, name, color, shortcut, description FROM scheme_items ORDER BY kind, position"
    ):
        # Positions are left out: each copy appends what it lacks, so they differ harmlessly.
        key = canonical([r[0], r[1]])
        body = canonical({"color": r[2], "shortcut": r[3], "description": r[4]})
        rows["scheme", key] = HubRow("scheme", key, "", body)
    for r in conn.execute(
        f"SELECT key, value FROM project_settings WHERE key IN ({_in(SHARED_SETTINGS)})",
        list(SHARED_SETTINGS),
    ):
        rows["setting", r[0]] = HubRow("setting", r[0], "", canonical({"value": r[1]}))
    return rows


def marks(conn: sqlite3.Connection) -> dict[tuple[str, str], Mark]:
    return {
        (r[0], r[1]): Mark(r[2], int(r[3]), r[4])
        for r in conn.execute("SELECT kind, key, owner, rev, digest FROM hub_marks")
    }


# -- writing this copy (inside the caller's write transaction) --------------------------------
def set_marks(conn: sqlite3.Connection, rows: Iterable[tuple[HubRow, int]]) -> None:
    """Record that the hub holds each row at the given revision."""
    conn.executemany(
        "INSERT INTO hub_marks (kind, key, owner, rev, digest) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, key) DO UPDATE SET owner = excluded.owner, rev = excluded.rev,"
        " digest = excluded.digest",
        [(row.kind, row.key, row.owner, rev, row.digest) for row, rev in rows],
    )


def drop_marks(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> None:
    conn.executemany("DELETE FROM hub_marks WHERE kind = ? AND key = ?", list(keys))


# The order pulled rows are applied in: what a row hangs on comes before it.
_ORDER = {
    kind: i for i, kind in enumerate((*SHARED_KINDS, "span", "stance", "status", *CLAIM_KINDS))
}


@dataclass(slots=True)
class Applied:
    """What applying pulled rows did here, for the sync's report."""

    added: Counter[str] = field(default_factory=Counter)  # kind -> rows added or changed
    removed: Counter[str] = field(default_factory=Counter)  # kind -> rows deleted
    unplaced: int = 0  # rows whose document, span or claim is not here
    scheme_added: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)


def apply_rows(conn: sqlite3.Connection, rows: Iterable[HubRow]) -> Applied:
    """Make this copy hold `rows` as the hub has them (shared rows first, then what each
    annotation row hangs on before it: spans before their claim links).

    A body of '' deletes the row here. Labels, stance values and targets an annotation
    names are added to the scheme when missing. Rows that cannot be placed (their document,
    span or claim is not here) are counted, never half written.
    """
    applied = Applied()
    known = {(r[0], r[1]) for r in conn.execute("SELECT kind, name FROM scheme_items")}
    for row in sorted(rows, key=lambda row: _ORDER[row.kind]):
        (applied.added if row.body else applied.removed)[row.kind] += 1
        if row.kind in SHARED_KINDS:
            _apply_shared(conn, row)
            continue
        if row.kind == "span" and not row.body:
            conn.execute("DELETE FROM spans WHERE id = ?", [row.key])
            continue
        sha = row.document or (json.loads(row.key)[0] if row.kind in ("stance", "status") else "")
        doc = (
            conn.execute("SELECT id FROM documents WHERE sha256 = ?", [sha]).fetchone()
            if sha
            else None
        )
        if row.kind in CLAIM_KINDS:
            placed = apply_claim_row(
                conn, row.kind, row.key, row.owner, row.body, None if doc is None else doc[0]
            )
        elif doc is None:
            placed = not row.body
        else:
            {"span": _apply_span, "stance": _apply_stance, "status": _apply_status}[row.kind](
                conn, row, doc[0]
            )
            placed = True
        if not placed:
            (applied.added if row.body else applied.removed)[row.kind] -= 1
            applied.unplaced += 1
    now = {(r[0], r[1]) for r in conn.execute("SELECT kind, name FROM scheme_items")}
    applied.scheme_added = sorted(now - known)
    return applied


def _scheme_id(conn: sqlite3.Connection, kind: SchemeKind, name: str) -> int | None:
    if not name:
        return None
    found = conn.execute(
        "SELECT id FROM scheme_items WHERE kind = ? AND name = ?", [kind.value, name]
    ).fetchone()
    if found is not None:
        return int(found[0])
    position = conn.execute(
        "SELECT count(*) FROM scheme_items WHERE kind = ?", [kind.value]
    ).fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO scheme_items (kind, name, color, position) VALUES (?, ?, '#9e9e9e', ?)",
        [kind.value, name, position],
    )
    return int(cursor.lastrowid or 0)


def _apply_span(conn: sqlite3.Connection, row: HubRow, document_id: str) -> None:
    b = json.loads(row.body)
    label = _scheme_id(conn, SchemeKind.LABEL, b["label"])
    # The same annotator's same label on the same passage (an earlier merge of their file)
    # is this row under another id: the hub's copy replaces it.
    conn.execute(
        'DELETE FROM spans WHERE document_id = ? AND annotator = ? AND start = ? AND "end" = ?'
        " AND label_id = ? AND id <> ?",
        [document_id, row.owner, b["start"], b["end"], label, row.key],
    )
    # Changed in place, not deleted and inserted: deleting would drop its claim link
    # (a cascade), which the hub does not send again when only the span changed.
    conn.execute(
        'INSERT INTO spans (id, document_id, start, "end", label_id, annotator, stance_id,'
        " target_id, note, origin, fragments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ' ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id,'
        ' start = excluded.start, "end" = excluded."end", label_id = excluded.label_id,'
        " annotator = excluded.annotator, stance_id = excluded.stance_id,"
        " target_id = excluded.target_id, note = excluded.note, origin = excluded.origin,"
        " fragments = excluded.fragments, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        [
            row.key, document_id, b["start"], b["end"], label, row.owner,
            _scheme_id(conn, SchemeKind.STANCE, b["stance"]),
            _scheme_id(conn, SchemeKind.TARGET, b["target"]), b["note"], b["origin"],
            b["fragments"],
        ],
    )  # fmt: skip


def _apply_stance(conn: sqlite3.Connection, row: HubRow, document_id: str) -> None:
    target = json.loads(row.key)[2]
    target_id = _scheme_id(conn, SchemeKind.TARGET, target)
    if not row.body:
        conn.execute(
            "DELETE FROM document_stances WHERE document_id = ? AND annotator = ?"
            " AND target_id = ?",
            [document_id, row.owner, target_id],
        )
        return
    b = json.loads(row.body)
    conn.execute(
        "INSERT INTO document_stances (document_id, annotator, target_id, stance_id, origin)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, annotator, target_id) DO UPDATE"
        " SET stance_id = excluded.stance_id, origin = excluded.origin,"
        " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        [document_id, row.owner, target_id, _scheme_id(conn, SchemeKind.STANCE, b["stance"]),
         b["origin"]],
    )  # fmt: skip


def _apply_status(conn: sqlite3.Connection, row: HubRow, document_id: str) -> None:
    conn.execute(
        "INSERT INTO document_status (document_id, annotator, done) VALUES (?, ?, ?)"
        " ON CONFLICT (document_id, annotator) DO UPDATE SET done = excluded.done,"
        " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        [document_id, row.owner, int(bool(row.body))],
    )


def _apply_shared(conn: sqlite3.Connection, row: HubRow) -> None:
    if not row.body:
        return  # shared rows are not deleted through the hub (a lead's deletion is local)
    b = json.loads(row.body)
    if row.kind == "setting":
        conn.execute(
            "INSERT INTO project_settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [row.key, b["value"]],
        )
    elif row.kind == "scheme":
        kind, name = json.loads(row.key)
        _scheme_id(conn, SchemeKind(kind), name)
        conn.execute(
            "UPDATE scheme_items SET color = ?, shortcut = ?, description = ?"
            " WHERE kind = ? AND name = ?",
            [b["color"], b["shortcut"], b["description"], kind, name],
        )
    elif conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", [row.key]).fetchone():
        conn.execute(
            "UPDATE documents SET title = ?, source = ?, url = ?, published = ? WHERE sha256 = ?",
            [b["title"], b["source"], b["url"], b["published"], row.key],
        )
    else:
        position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM documents").fetchone()
        conn.execute(
            "INSERT INTO documents (id, sha256, title, source, url, published, text, format,"
            " styles, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id(), row.key, b["title"], b["source"], b["url"], b["published"], b["text"],
             b["format"], b["styles"], position[0]],
        )  # fmt: skip
