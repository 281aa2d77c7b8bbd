"""Project files written by every older schema version upgrade with every annotation intact.

The fixtures in old_projects/ were written once by the code of the commit that introduced
each schema version (old_projects/make_old_project.py), with what that code read back in
`vN.expected.json`. The test runs over whatever SCHEMA_VERSION is current, so a new
migration is checked against every older file without touching this test.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Span
from annotator.store import backups, schema, schema_version
from annotator.store.project_store import ProjectStore

FIXTURES = Path(__file__).parent / "old_projects"
OLD_VERSIONS = sorted(int(p.stem[1:]) for p in FIXTURES.glob("v*.annotator"))


def _expected(version: int) -> dict[str, Any]:
    return json.loads((FIXTURES / f"v{version}.expected.json").read_text("utf-8"))


def _shape(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, int, object]]]:
    """Every table and index with its columns (name, type, not null, default)."""
    shape: dict[str, list[tuple[str, str, int, object]]] = {}
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name"
    ):
        rows = (
            conn.execute(f'PRAGMA index_xinfo("{name}")').fetchall()
            or conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        )
        shape[name] = [tuple(r)[1:5] for r in rows]
    return shape


def test_there_is_a_fixture_for_every_older_schema_version() -> None:
    assert schema_version.SCHEMA_VERSION == schema.SCHEMA_VERSION
    assert set(range(1, schema_version.SCHEMA_VERSION)) <= set(OLD_VERSIONS), (
        "run tests/store/old_projects/make_old_project.py to add the missing fixture"
    )


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_an_old_project_upgrades_with_every_annotation_intact(version: int, tmp_path: Path) -> None:
    expected = _expected(version)
    assert expected["schema_version"] == version
    path = tmp_path / f"v{version}.annotator"
    shutil.copyfile(FIXTURES / path.name, path)

    with ProjectStore.open(path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert store.integrity_ok()
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert applied == [m.name for m in schema.migrations._migrations]
        # Every document, span, stance, done flag, label and setting, exactly.
        assert {d: store.documents.get(d).text for d in store.documents.ids()} == expected[
            "documents"
        ]
        now = {s.id: s for s in store.annotations.spans()}
        assert sorted(now) == sorted(s["id"] for s in expected["spans"])
        current_fields = {f.name for f in fields(Span)}
        for old in expected["spans"]:
            span = now[old["id"]]
            for name, value in old.items():
                # as JSON holds it: the fragments tuple of pairs is a list of lists there
                assert json.loads(json.dumps(getattr(span, name))) == value, (old["id"], name)
            for name in current_fields - set(old):  # fields added since: their default
                assert getattr(span, name) == next(
                    f.default for f in fields(Span) if f.name == name
                ), (old["id"], name)
        assert (
            sorted(
                [s.document_id, s.annotator, s.target, s.stance]
                for s in store.annotations.document_stances()
            )
            == expected["document_stances"]
        )
        assert (
            sorted(
                [d, a]
                for d in store.documents.ids()
                for a in ("alice", "bob")
                if store.documents.is_done(d, a)
            )
            == expected["done"]
        )
        assert [item.name for item in store.scheme.get().labels] == expected["labels"]
        assert store.settings.get("guidelines") == expected["guidelines"]
        # The upgraded file has exactly the shape of a project created today.
        with ProjectStore.create(tmp_path / "fresh.annotator") as fresh:
            assert _shape(conn) == _shape(fresh.conn)
        # Searching works on the upgraded full-text index.
        assert store.search.document_ids("Washington") == ["en"]

    if version < schema.SCHEMA_VERSION:
        [backup] = backups.list_backups(path)
        assert backup.reason == f"before-upgrade-v{version}"
        old = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        assert old.execute("PRAGMA user_version").fetchone()[0] == version
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        old.close()
        assert backups.summarize(backup.path).spans == len(expected["spans"])
