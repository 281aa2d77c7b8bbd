"""The set-based merge (ATTACH + INSERT … SELECT) stores exactly what the row-by-row merge
stored, reports the same counts, and leaves nothing behind: no attached file, no
temporary table, nothing beside the other analyst's file, nothing stored on a failure."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError, ProjectError
from annotator.core.model import AnnotatedDocument, Document, SchemeItem, SchemeKind, Span
from annotator.services import merge
from annotator.services.merge import merge_projects
from annotator.store.attached_projects import Attachments
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS
from tests.services.claim_project import add_claims
from tests.services.test_merge import TARGET, TEXTS, _snapshot, make_annotator_project

TABLES = (
    "documents", "scheme_items", "spans", "document_stances", "document_status", "claims",
    "claim_mentions", "claim_relations", "span_relations", "claim_silences",
    "document_derivations",
)  # fmt: skip
CLOCK = {"created_at", "updated_at", "added_at"}  # when the row was written: not content


def dump(store: ProjectStore) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table the merge writes, by content (timestamps aside)."""
    out = {}
    for table in TABLES:
        columns = [
            r[1] for r in store.conn.execute(f"PRAGMA table_info({table})") if r[1] not in CLOCK
        ]
        select = ", ".join(f'"{c}"' for c in columns)
        out[table] = sorted(
            tuple(r) for r in store.conn.execute(f"SELECT {select} FROM main.{table}")
        )
    return out


def claims_project(path: Path) -> Path:
    """The three sample documents with claims in every shape (tests/services/claim_project.py)."""
    with ProjectStore.create(path) as project:
        ingest(
            project,
            [AnnotatedDocument(Document(id=k, text=t, title=k)) for k, t in SAMPLE_TEXTS.items()],
        )
        add_claims(project)
        project.scheme.add(SchemeItem(SchemeKind.LABEL, "Quote", "#123456", "q", "A quote."))
        project.annotations.add_span(Span("q-1", "en", 0, 4, "Quote", "alice", note="theirs"))
    return path


def busy_target(path: Path) -> Path:
    """A project that already holds some of what comes in, under other ids or with other
    content: alice's d1 as "mine", another text under her id "d2", her span id
    "a-evidence" on that other text, her passage 15..25 Source with another note, her
    stance on d1 with another value, and a label using the shortcut "q"."""
    with ProjectStore.create(path) as project:
        ingest(
            project,
            [
                AnnotatedDocument(Document(id="mine", text=TEXTS["d1"])),
                AnnotatedDocument(Document(id="d2", text="Another text entirely.")),
            ],
        )
        project.scheme.add(SchemeItem(SchemeKind.LABEL, "Mine", "#654321", "q"))
        annotations = project.annotations
        annotations.add_span(Span("a-claim", "mine", 8, 14, "Evidence", "carol", note="ours"))
        annotations.add_span(Span("a-evidence", "d2", 0, 7, "Claim", "carol"))
        annotations.add_span(Span("ours-source", "mine", 15, 25, "Source", "alice", note="n"))
        annotations.set_document_stance("mine", "alice", TARGET, "neutral")
        project.documents.set_done("mine", "alice", False)
    return path


@pytest.fixture
def others(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "theirs"
    folder.mkdir()
    alice = make_annotator_project(folder / "alice.annotator", "alice")
    bob = make_annotator_project(folder / "bob.annotator", "bob")
    claimed = claims_project(folder / "claims.annotator")
    again = folder / "claims-again.annotator"  # the same documents and rows in a second file
    shutil.copyfile(claimed, again)
    return [alice, claimed, bob, again]


def merged(
    tmp_path: Path, name: str, others: list[Path], monkeypatch: pytest.MonkeyPatch, *, room: int
) -> tuple[dict[str, list[tuple[object, ...]]], list[dict[str, object]]]:
    """`others` merged into a copy of the busy target, the first `room` of them attached
    (the rest go the row-by-row way): its rows and the reports."""
    real_room = Attachments.room
    monkeypatch.setattr(Attachments, "room", lambda self: min(room, real_room(self)))
    with ProjectStore.open(busy_target(tmp_path / name)) as project:
        report = merge_projects(project, others)
        assert not project.conn.in_transaction
        return dump(project), [dataclasses.asdict(f.report) for f in report.files]


def test_it_stores_and_reports_what_the_row_by_row_merge_did(
    tmp_path: Path, others: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows_by_sql, reports_by_sql = merged(tmp_path, "sql.annotator", others, monkeypatch, room=10)
    rows_by_row, reports_by_row = merged(tmp_path, "rows.annotator", others, monkeypatch, room=0)
    assert rows_by_sql == rows_by_row
    assert reports_by_sql == reports_by_row
    alice, claimed, bob, again = reports_by_sql
    # The edges are really there: a matched, a renamed and a new document; conflicts by
    # id and by passage; a renamed span id; a stance conflict; a shortcut not taken.
    assert (alice["documents_matched"], alice["documents_added"]) == (1, 3)
    assert (alice["span_conflicts"], alice["stance_conflicts"], alice["span_ids_renamed"]) == (
        2,
        1,
        1,
    )
    assert claimed["claims_added"] == 4 and claimed["claim_records_added"] == 4
    assert (bob["documents_matched"], bob["documents_added"]) == (4, 0)
    assert again["spans_added"] == again["claims_added"] == again["claim_links_added"] == 0
    assert again["spans_skipped"] == claimed["spans_added"]
    ids = {row[0]: row[1] for row in rows_by_sql["documents"]}
    assert "d2" in ids and len(ids) == 2 + 3 + 3  # ours, alice's new ones, the samples
    shortcuts = {row[2]: row[4] for row in rows_by_sql["scheme_items"]}
    assert shortcuts["Mine"] == "q" and shortcuts["Quote"] == ""


def test_more_files_than_sqlite_attaches_are_merged_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    names = [f"annotator{n:02d}" for n in range(12)]  # two past SQLite's ten
    files = [make_annotator_project(folder / f"{n}.annotator", "alice") for n in names]
    for path, name in zip(files, names, strict=True):
        with ProjectStore.open(path) as project:
            project.annotations.add_span(Span(f"own-{name}", "d3", 0, 9, "Claim", name))
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        report = merge_projects(project, files)
        assert {s.annotator for s in project.annotations.spans()} == {"alice", *names}
        assert [f.report.spans_added for f in report.files] == [4] + [1] * 11
        assert project.conn.execute("PRAGMA database_list").fetchall()[-1][1] == "temp"


def test_an_older_project_file_is_refused_and_nothing_changes(
    tmp_path: Path, others: list[Path]
) -> None:
    older = tmp_path / "older.annotator"
    shutil.copyfile(others[0], older)
    raw = sqlite3.connect(older)
    raw.execute("PRAGMA user_version = 6")  # as saved before migration 0007
    raw.close()
    with ProjectStore.open(busy_target(tmp_path / "main.annotator")) as project:
        before = dump(project)
        with pytest.raises(ProjectError, match="needs an upgrade"):
            merge_projects(project, [others[1], older])
        assert dump(project) == before


def test_a_failure_in_a_later_file_stores_nothing_and_detaches_everything(
    tmp_path: Path, others: list[Path]
) -> None:
    nul = tmp_path / "nul.annotator"
    with ProjectStore.create(nul) as project, project.write() as conn:
        conn.execute(
            "INSERT INTO documents (id, sha256, text, position) VALUES ('x', 'f00', ?, 0)",
            ["a\0b"],
        )
    with ProjectStore.open(busy_target(tmp_path / "main.annotator")) as project:
        before = dump(project)
        with pytest.raises(InputError, match="NUL"):
            merge_projects(project, [others[0], others[1], nul])
        assert dump(project) == before
        schemas = [r[1] for r in project.conn.execute("PRAGMA database_list")]
        assert schemas == ["main", "temp"]
        temp = project.conn.execute("SELECT name FROM temp.sqlite_master").fetchall()
        assert temp == []


def test_the_other_files_are_left_exactly_as_they_were(tmp_path: Path, others: list[Path]) -> None:
    folder = others[0].parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with ProjectStore.open(busy_target(tmp_path / "main.annotator")) as project:
        merge_projects(project, others)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_same_span_id_with_another_label_in_a_second_file_keeps_the_first(
    tmp_path: Path,
) -> None:
    first = make_annotator_project(tmp_path / "first.annotator", "alice")
    second = tmp_path / "second.annotator"
    shutil.copyfile(first, second)
    with ProjectStore.open(second) as project:
        project.annotations.update_span("a-claim", label="Evidence")
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        report = merge_projects(project, [first, second])
        assert project.annotations.span("a-claim").label == "Claim"
        assert report.files[1].report.span_conflicts == 1
        assert report.files[1].report.spans_added == 0
        assert "differ from ours: ours kept" in report.summary()


def test_checking_reads_no_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The row-by-row merge read every file into memory first; only files past the attach
    # limit are read so now.
    alice = make_annotator_project(tmp_path / "alice.annotator", "alice")

    def refuse(*_args: object) -> None:
        raise AssertionError("read whole")

    monkeypatch.setattr(merge, "read_snapshot", refuse)
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        merge_projects(project, [alice])
        assert len(_snapshot(project)[1]) == 3


def test_merges_inside_a_callers_transaction_keep_the_connection_usable(
    tmp_path: Path, others: list[Path]
) -> None:
    # An undone merge is redone inside the command's own write transaction, where SQLite
    # refuses DETACH: the next merge on the connection must still find free names.
    with ProjectStore.create(tmp_path / "main.annotator") as project:
        with project.write():
            merge_projects(project, others[:2])
        with project.write():
            merge_projects(project, others[2:])
        expected = dump(project)
        merge_projects(project, others)  # outside any transaction: all detached after
        assert dump(project) == expected
        assert [r[1] for r in project.conn.execute("PRAGMA database_list")] == ["main", "temp"]
