"""Discontinuous spans (brat "5 7;9 10"): the store keeps their fragments (0005)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.store import schema
from annotator.store.connection import APPLICATION_ID
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

TEXT = "0123 56\n89 X"


def test_fragments_survive_ingest_add_and_read(store: ProjectStore) -> None:
    doc = Document(id="frag", text=TEXT)
    span = Span("s", "frag", 5, 10, "Claim", "alice", fragments=((5, 7), (9, 10)))
    ingest(store, [AnnotatedDocument(doc, [span])])
    [back] = store.annotations.spans("frag")
    assert back.fragments == ((5, 7), (9, 10))
    store.annotations.delete_span("s")
    store.annotations.add_span(back)  # undo of a delete restores the pieces too
    assert store.annotations.span("s").fragments == ((5, 7), (9, 10))
    store.annotations.update_span("s", end=8)  # new bounds: one piece again
    assert store.annotations.span("s").fragments == ()


def test_brat_fragments_round_trip_through_a_project(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text("T2\tToken 5 7;9 10\t56 9\n", encoding="utf-8")
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        import_files(store, [folder], annotator="alice")
        export_project(store, "brat", tmp_path / "out")
    assert (tmp_path / "out" / "d.ann").read_text(encoding="utf-8") == "T1\tToken 5 7;9 10\t56 9\n"


def test_a_schema_4_file_opens_with_spans_in_one_piece(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrations.apply(Database(conn), stop_before="0005_span_fragments")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 4")
    label = conn.execute("SELECT id FROM scheme_items WHERE kind = 'label'").fetchone()[0]
    conn.execute(
        "INSERT INTO documents (id, sha256, text, position) VALUES ('d', 'sha', ?, 0)", [TEXT]
    )
    conn.execute(
        'INSERT INTO spans (id, document_id, start, "end", label_id, annotator)'
        " VALUES ('s', 'd', 0, 4, ?, 'alice')",
        [label],
    )
    conn.close()
    with ProjectStore.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        [span] = store.annotations.spans("d")
        assert (span.start, span.end, span.fragments) == (0, 4, ())


def test_new_bounds_with_the_old_fragments_restore_the_pieces(store: ProjectStore) -> None:
    # What undo of a resize does: the old bounds and the old pieces in one update.
    doc = Document(id="frag", text=TEXT)
    ingest(store, [AnnotatedDocument(doc, [Span("s", "frag", 5, 10, "Claim", "alice",
                                                  fragments=((5, 7), (9, 10)))])])  # fmt: skip
    store.annotations.update_span("s", end=8)
    store.annotations.update_span("s", end=10, fragments=((5, 7), (9, 10)))
    assert store.annotations.span("s").fragments == ((5, 7), (9, 10))
    with pytest.raises(ValueError, match="do not describe"):
        store.annotations.update_span("s", end=9, fragments=((5, 7), (9, 10)))
    assert store.annotations.span("s").fragments == ((5, 7), (9, 10))
