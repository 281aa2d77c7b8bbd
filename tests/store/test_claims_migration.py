"""Schema 3 → 4 (0004_claims): a file made by the previous release opens with every
annotation intact, after a backup, and can hold claims at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotator.core.model import Span
from annotator.store import backups, schema
from annotator.store.connection import APPLICATION_ID
from annotator.store.project_store import ProjectStore

TEXT = "More than 160 experts 👩‍💻 warned 华盛顿.\nמומחים מזהירים"


def _schema_3_file(path: Path) -> None:
    """A project exactly as schema 3 wrote it: migrations 1-3 only, with annotations."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrations.apply(Database(conn), stop_before="0004_claims")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    label, stance, target = (
        conn.execute(
            "SELECT id FROM scheme_items WHERE kind = ? ORDER BY position", [k]
        ).fetchone()[0]
        for k in ("label", "stance", "target")
    )
    conn.execute(
        "INSERT INTO documents (id, sha256, title, source, text, position)"
        " VALUES ('d1', 'sha', 'Title', 'Outlet', ?, 0)",
        [TEXT],
    )
    conn.executemany(
        'INSERT INTO spans (id, document_id, start, "end", label_id, annotator, stance_id,'
        " target_id, note, origin) VALUES (?, 'd1', ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("s1", 0, 21, label, "alice", stance, target, "note ✓", ""),
            ("s2", 22, 25, label, "bob", None, None, "", ""),
            ("g1", 0, 21, label, "gold", stance, target, "", "accepted from alice"),
        ],
    )
    conn.execute(
        "INSERT INTO document_stances (document_id, annotator, target_id, stance_id, origin)"
        " VALUES ('d1', 'alice', ?, ?, '')",
        [target, stance],
    )
    conn.execute(
        "INSERT INTO document_status (document_id, annotator, done) VALUES ('d1', 'alice', 1)"
    )
    conn.close()


def test_schema_3_file_upgrades_with_every_annotation_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    _schema_3_file(path)
    with sqlite3.connect(path) as conn:
        tables_before = {
            name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
            for name in (
                "documents",
                "spans",
                "document_stances",
                "document_status",
                "scheme_items",
            )
        }
    with ProjectStore.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        for name, rows in tables_before.items():
            # later migrations may add columns (0005: spans.fragments): the old ones are intact
            assert [
                tuple(r)[: len(rows[0])] if rows else tuple(r)
                for r in store.conn.execute(f"SELECT * FROM {name} ORDER BY rowid")
            ] == rows
        spans = store.annotations.spans("d1")
        assert [(s.id, s.claim, s.claim_value) for s in spans] == [
            ("g1", None, ""),
            ("s1", None, ""),
            ("s2", None, ""),
        ]
        assert store.annotations.span("g1").origin == "accepted from alice"
        assert TEXT[spans[0].start : spans[0].end] == "More than 160 experts"
        store.claims.create_from_span("s1", claim_id="c1")
        assert store.annotations.span("s1").claim == "c1"
        assert store.integrity_ok()
    [backup] = backups.list_backups(path)
    assert backup.reason == "before-upgrade-v3"
    with sqlite3.connect(backup.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 3
    with ProjectStore.open(path) as store:  # reopening a current file changes nothing
        assert store.claims.claim("c1").wording == "More than 160 experts"


def test_a_fresh_project_span_without_claim_reads_back_unlinked(store: ProjectStore) -> None:
    store.annotations.add_span(Span("x", "en", 0, 4, "Claim", "alice"))
    assert store.annotations.span("x").claim is None
