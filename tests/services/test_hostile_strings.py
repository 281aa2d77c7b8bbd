"""Labels, annotators, notes and colours from a file are data, never code (issue #14).

Quotes, semicolons, SQL, right-to-left overrides and 10,000-character strings are stored
and exported exactly (read back by json, csv and pyarrow); a NUL is kept exactly in
annotator names and notes, and refused with a clear message in scheme names (SQLite's
length() stops at it). Colours are "#rrggbb" at the store's boundary, whatever a file says.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import SchemeError
from annotator.core.model import AnnotatedDocument, Document, SchemeItem, SchemeKind, Span
from annotator.services.export import export_project
from annotator.services.merge import merge_projects
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

TEXT = "Officials said the ban was final."
LABELS = [
    'x"; DROP TABLE spans;--',
    "O'Brien's \"claim\"",
    "\u202eRLO label",
    "مرحبا \u202bembedded\u202c",
    "L" * 10_000,
]
ANNOTATOR = "mallory'); DELETE FROM documents;--\u202e\x00x"
NOTE = "note with NUL \x00, RLO \u202e, quotes \"' and ; " + "n" * 10_000
TARGET = 'target\u202e"; --'


def _spans() -> list[Span]:
    return [
        Span(f"s{i}", "d", 0, 9, label, ANNOTATOR, "favor", TARGET, NOTE)
        for i, label in enumerate(LABELS)
    ]


@pytest.fixture
def project(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "p.annotator")
    ingest(store, [AnnotatedDocument(Document(id="d", text=TEXT), _spans())])
    yield store
    store.close()


def test_stored_exactly(project: ProjectStore) -> None:
    stored = sorted(project.annotations.spans("d"), key=lambda s: s.id)
    assert [(s.label, s.annotator, s.target, s.note) for s in stored] == [
        (label, ANNOTATOR, TARGET, NOTE) for label in LABELS
    ]
    assert project.documents.count() == 1
    assert project.integrity_ok()


def test_exported_exactly_as_jsonl_and_label_studio(project: ProjectStore, tmp_path: Path) -> None:
    export_project(project, "jsonl", tmp_path / "out.jsonl")
    [record] = [
        json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    ]
    assert sorted(s["label"] for s in record["spans"]) == sorted(LABELS)
    assert {(s["annotator"], s["target"], s["note"]) for s in record["spans"]} == {
        (ANNOTATOR, TARGET, NOTE)
    }
    export_project(project, "labelstudio", tmp_path / "ls.json")
    [task] = json.loads((tmp_path / "ls.json").read_text("utf-8"))
    [annotation] = task["annotations"]
    assert annotation["completed_by_name"] == ANNOTATOR
    labels = [r["value"]["labels"][0] for r in annotation["result"] if r["type"] == "labels"]
    assert sorted(labels) == sorted(LABELS)


def test_exported_exactly_as_raw_csv(project: ProjectStore, tmp_path: Path) -> None:
    export_project(project, "csv", tmp_path / "out.csv", raw=True)
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["level"] == "span"]
    assert sorted(row["label"] for row in rows) == sorted(LABELS)
    assert {(row["annotator"], row["note"]) for row in rows} == {(ANNOTATOR, NOTE)}


def test_exported_exactly_as_parquet(project: ProjectStore, tmp_path: Path) -> None:
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    export_project(project, "parquet", tmp_path / "out.parquet")
    table = pyarrow_parquet.read_table(tmp_path / "out.parquet").to_pylist()
    assert sorted(row["label"] for row in table) == sorted(LABELS)
    assert {row["note"] for row in table} == {NOTE}


@pytest.mark.parametrize("name", ["a\x00b", "\x00leading"])
def test_nul_in_a_scheme_name_is_refused_clearly(project: ProjectStore, name: str) -> None:
    span = Span("n1", "d", 0, 4, name, "alice")
    with pytest.raises(SchemeError, match="NUL"):
        ingest(project, [AnnotatedDocument(Document(id="d", text=TEXT), [span])])
    with pytest.raises(SchemeError, match="NUL"):
        project.scheme.add(SchemeItem(SchemeKind.TARGET, name))
    assert len(project.annotations.spans("d")) == len(LABELS)


@pytest.mark.parametrize(
    "color", ["red", "#fff", "#12345g", '#123456"><img src="/etc/passwd">', "#123456; x", ""]
)
def test_a_colour_must_be_hex(project: ProjectStore, color: str) -> None:
    with pytest.raises(SchemeError, match="#rrggbb"):
        project.scheme.add(SchemeItem(SchemeKind.LABEL, "New", color))
    with pytest.raises(SchemeError, match="#rrggbb"):
        project.scheme.update(SchemeKind.LABEL, LABELS[0], color=color)


def test_a_colour_written_into_the_file_by_hand_is_never_used(
    project: ProjectStore, tmp_path: Path
) -> None:
    other = tmp_path / "other.annotator"
    ProjectStore.create(other).close()
    with sqlite3.connect(other) as conn:  # as a hostile colleague's sqlite3 shell would
        conn.execute(
            "INSERT INTO scheme_items (kind, name, color, position)"
            " VALUES ('label', 'Evil', '<img src=\"/etc/passwd\">', 99)"
        )
        conn.execute("UPDATE scheme_items SET color = 'url(file:///x)' WHERE name = 'Claim'")
    with ProjectStore.open(other) as hostile:
        assert {item.color for item in hostile.scheme.get().labels} <= _hex_colours(hostile)
        assert hostile.scheme.item(SchemeKind.LABEL, "Evil").color == "#9e9e9e"
    merge_projects(project, [other])
    colours = {item.name: item.color for item in project.scheme.get().labels}
    assert colours["Evil"].startswith("#") and len(colours["Evil"]) == 7
    assert all(_is_hex(c) for c in colours.values())


def _is_hex(color: str) -> bool:
    return len(color) == 7 and color[0] == "#" and all(c in "0123456789abcdef" for c in color[1:])


def _hex_colours(store: ProjectStore) -> set[str]:
    return {item.color for item in store.scheme.get().labels if _is_hex(item.color)}
