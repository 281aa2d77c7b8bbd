"""The claims layer in the team hub's shape: claims, their links to spans, claim relations,
said-by links, silent marks and derivations (#12, as `merge` carries them).

Every row belongs to one annotator (or `gold`), like the spans it hangs on: a claim's
links, relations and silent marks are its owner's (claim_repo's ownership rule), so blind
mode and the owner-only push hold for them as for spans. Documents are named by the SHA-256
of their text; claims, relations and said-by links keep their ids, which are unique across
copies (new_id), so two copies agree on a row without sharing local document ids.

A row names what it hangs on (`depends`): the sync pushes a link only with its span and
claim on the hub, and applying skips, never fails on, a row whose span or claim is absent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from annotator.core.claims.model import relation_pair
from annotator.store.hub_row import HubRow, canonical

CLAIM_KINDS = ("claim", "mention", "claim_relation", "span_relation", "silence", "derivation")


def _in(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


def claim_rows(conn: sqlite3.Connection, owners: Sequence[str]) -> dict[tuple[str, str], HubRow]:
    """`owners`' claims-layer rows keyed by (kind, key)."""
    rows: dict[tuple[str, str], HubRow] = {}
    who = list(owners)

    def put(kind: str, key: str, owner: str, body: object, document: str = "") -> None:
        rows[kind, key] = HubRow(kind, key, owner, canonical(body), document)

    for r in conn.execute(
        f"SELECT id, annotator, wording, origin FROM claims WHERE annotator IN ({_in(who)})", who
    ):
        put("claim", r[0], r[1], {"wording": r[2], "origin": r[3]})
    for r in conn.execute(
        "SELECT m.span_id, s.annotator, d.sha256, m.claim_id, m.value FROM claim_mentions m"
        " JOIN spans s ON s.id = m.span_id JOIN documents d ON d.id = s.document_id"
        f" WHERE s.annotator IN ({_in(who)})",
        who,
    ):
        put("mention", r[0], r[1], {"claim": r[3], "value": r[4]}, r[2])
    for r in conn.execute(
        "SELECT id, annotator, kind, claim_a, claim_b, note, origin FROM claim_relations"
        f" WHERE annotator IN ({_in(who)})",
        who,
    ):
        put("claim_relation", r[0], r[1],
            {"kind": r[2], "a": r[3], "b": r[4], "note": r[5], "origin": r[6]})  # fmt: skip
    # Said-by links whose two spans exist, as the views show them (see the schema's note).
    for r in conn.execute(
        "SELECT r.id, r.annotator, d.sha256, r.kind, r.span_id, r.source_span_id, r.note,"
        " r.origin FROM span_relations r JOIN documents d ON d.id = r.document_id"
        " JOIN spans a ON a.id = r.span_id JOIN spans b ON b.id = r.source_span_id"
        f" WHERE r.annotator IN ({_in(who)})",
        who,
    ):
        put("span_relation", r[0], r[1],
            {"kind": r[3], "span": r[4], "source": r[5], "note": r[6], "origin": r[7]},
            r[2])  # fmt: skip
    for r in conn.execute(
        "SELECT d.sha256, c.claim_id, c.annotator, c.origin FROM claim_silences c"
        f" JOIN documents d ON d.id = c.document_id WHERE c.annotator IN ({_in(who)})",
        who,
    ):
        put("silence", canonical([r[0], r[1], r[2]]), r[2], {"origin": r[3]}, r[0])
    for r in conn.execute(
        "SELECT d.sha256, s.sha256, x.annotator, x.note, x.origin FROM document_derivations x"
        " JOIN documents d ON d.id = x.document_id JOIN documents s ON s.id = x.source_document_id"
        f" WHERE x.annotator IN ({_in(who)})",
        who,
    ):
        put("derivation", canonical([r[0], r[1], r[2]]), r[2],
            {"note": r[3], "origin": r[4]}, r[0])  # fmt: skip
    return rows


def depends(kind: str, key: str, body: str) -> tuple[list[tuple[str, str]], list[str]]:
    """What a (non-deleted) row hangs on: ([(kind, key) of rows], [document SHA-256s])."""
    if kind not in CLAIM_KINDS or not body:
        return [], []
    b = json.loads(body)
    if kind == "mention":
        return [("span", key), ("claim", b["claim"])], []
    if kind == "claim_relation":
        return [("claim", b["a"]), ("claim", b["b"])], []
    if kind == "span_relation":
        return [("span", b["span"]), ("span", b["source"])], []
    if kind == "silence":
        return [("claim", json.loads(key)[1])], []
    if kind == "derivation":
        return [], [json.loads(key)[1]]
    return [], []


def apply_claim_row(
    conn: sqlite3.Connection, kind: str, key: str, owner: str, body: str, document_id: str | None
) -> bool:
    """Make this copy hold one claims-layer row as the hub has it ('' deletes it).

    `document_id` is the local id of the row's document (None when it has none here).
    Returns False when the row could not be placed (its document, span or claim is not
    here); nothing is written then, so a foreign key never aborts the sync.
    """
    if kind == "claim":
        if not body:
            conn.execute("DELETE FROM claims WHERE id = ?", [key])  # its links go with it
            return True
        b = json.loads(body)
        conn.execute(
            "INSERT INTO claims (id, wording, annotator, origin) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET wording = excluded.wording, origin = excluded.origin,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            [key, b["wording"], owner, b["origin"]],
        )
        return True
    if kind == "mention":
        if not body:
            conn.execute("DELETE FROM claim_mentions WHERE span_id = ?", [key])
            return True
        b = json.loads(body)
        if not (_exists(conn, "spans", key) and _exists(conn, "claims", b["claim"])):
            return False
        conn.execute(
            "INSERT INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)"
            " ON CONFLICT (span_id) DO UPDATE SET claim_id = excluded.claim_id,"
            " value = excluded.value",
            [key, b["claim"], b["value"]],
        )
        return True
    if kind == "claim_relation":
        conn.execute("DELETE FROM claim_relations WHERE id = ?", [key])
        if not body:
            return True
        b = json.loads(body)
        a, z = relation_pair(b["a"], b["b"])
        if not (_exists(conn, "claims", a) and _exists(conn, "claims", z)):
            return False
        conn.execute(
            "INSERT OR REPLACE INTO claim_relations (id, kind, claim_a, claim_b, annotator, note,"
            " origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [key, b["kind"], a, z, owner, b["note"], b["origin"]],
        )
        return True
    if kind == "span_relation":
        conn.execute("DELETE FROM span_relations WHERE id = ?", [key])
        if not body:
            return True
        if document_id is None:
            return False
        b = json.loads(body)
        conn.execute(
            "INSERT OR REPLACE INTO span_relations"
            " (id, kind, document_id, span_id, source_span_id, annotator, note, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [key, b["kind"], document_id, b["span"], b["source"], owner, b["note"], b["origin"]],
        )
        return True
    if kind == "silence":
        _, claim_id, _ = json.loads(key)
        if document_id is None:
            return not body
        if not body:
            conn.execute(
                "DELETE FROM claim_silences WHERE document_id = ? AND claim_id = ?"
                " AND annotator = ?",
                [document_id, claim_id, owner],
            )
            return True
        if not _exists(conn, "claims", claim_id):
            return False
        conn.execute(
            "INSERT INTO claim_silences (document_id, claim_id, annotator, origin)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET origin = excluded.origin",
            [document_id, claim_id, owner, json.loads(body)["origin"]],
        )
        return True
    if kind == "derivation":
        _, source_sha, _ = json.loads(key)
        source = conn.execute("SELECT id FROM documents WHERE sha256 = ?", [source_sha]).fetchone()
        if document_id is None or source is None:
            return not body
        if not body:
            conn.execute(
                "DELETE FROM document_derivations WHERE document_id = ?"
                " AND source_document_id = ? AND annotator = ?",
                [document_id, source[0], owner],
            )
            return True
        b = json.loads(body)
        conn.execute(
            "INSERT INTO document_derivations (document_id, source_document_id, annotator, note,"
            " origin) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET note = excluded.note,"
            " origin = excluded.origin",
            [document_id, source[0], owner, b["note"], b["origin"]],
        )
        return True
    raise ValueError(f"not a claims-layer kind: {kind!r}")


def _exists(conn: sqlite3.Connection, table: str, row_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None
