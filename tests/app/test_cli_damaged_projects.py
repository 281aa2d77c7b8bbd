"""Damaged project files: every command says "damaged" in one line, exits 1 and touches nothing (#14).

A zero-length file used to become a new empty project under `export`, `agreement` and
`import`; flipped bytes or a garbage page gave tracebacks. The randomized trial runs
every command on many damaged copies (seeded, so a failure can be replayed; set
ANNOTATOR_CORRUPT_TRIALS for a longer run, ANNOTATOR_CORRUPT_SEED for other damage).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.store.connection import quick_check_problem
from tests.support.projects import folder_state, jsonl_source, make_project

TRIALS = int(os.environ.get("ANNOTATOR_CORRUPT_TRIALS", "40"))
SEED = int(os.environ.get("ANNOTATOR_CORRUPT_SEED", "14"))
PAGE = 4096
CLEAR_REFUSALS = ("damaged", "not an Annotator project", "newer version", "not a project file")


def _commands(corrupt: Path, healthy: Path, work: Path) -> dict[str, list[str]]:
    source = (
        jsonl_source(work / "in.jsonl") if not (work / "in.jsonl").exists() else work / "in.jsonl"
    )
    return {
        "export-jsonl": ["export", str(corrupt), "--format", "jsonl", "-o", str(work / "o.jsonl")],
        "export-brat": ["export", str(corrupt), "--format", "brat", "-o", str(work / "brat")],
        "agreement": ["agreement", str(corrupt), "--json"],
        "import": ["import", str(corrupt), str(source)],
        "merge-into": ["merge", str(corrupt), str(healthy)],
        "merge-from": ["merge", str(healthy), str(corrupt)],
    }


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(argv)
    return code, capsys.readouterr().err.strip().splitlines()


def _corrupt(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "flip", "page", "zero-page", "truncate", "swap"])
    buf = bytearray(data)
    pages = len(buf) // PAGE
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
    elif kind in ("page", "zero-page"):
        p = rng.randrange(pages)
        buf[p * PAGE : (p + 1) * PAGE] = bytes(PAGE) if kind == "zero-page" else rng.randbytes(PAGE)
    elif kind == "truncate":
        del buf[rng.choice([0, rng.randrange(100), rng.randrange(len(buf))]) :]
    else:
        a, b = rng.sample(range(pages), 2)
        buf[a * PAGE : (a + 1) * PAGE], buf[b * PAGE : (b + 1) * PAGE] = (
            data[b * PAGE : (b + 1) * PAGE],
            data[a * PAGE : (a + 1) * PAGE],
        )
    return kind, bytes(buf)


def test_randomized_damage_never_gives_a_traceback_and_never_touches_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine = make_project(tmp_path / "pristine.annotator", ("alice", "bob"), 12).read_bytes()
    rng = random.Random(SEED)
    refused = 0
    for trial in range(TRIALS):
        kind, data = _corrupt(pristine, rng)
        for name in (
            "export-jsonl",
            "export-brat",
            "agreement",
            "import",
            "merge-into",
            "merge-from",
        ):
            work = tmp_path / f"t{trial}-{name}"
            (work / "damaged").mkdir(parents=True)
            corrupt = work / "damaged" / "study.annotator"
            corrupt.write_bytes(data)
            healthy = make_project(work / "healthy.annotator", ("carol",), 2)
            damaged = not data or quick_check_problem(corrupt) is not None
            before = folder_state(corrupt.parent)
            where = f"trial {trial} ({kind}), {name}"
            code, err = _run(_commands(corrupt, healthy, work)[name], capsys)
            assert code in (0, 1), where
            if code == 1:  # damage quick_check misses may be refused otherwise, but clearly
                refused += 1
                assert len(err) == 1 and err[0].startswith("annotator: error: "), (where, err)
            if damaged:  # what quick_check finds is always refused, and called what it is
                assert code == 1, f"{where}: a damaged file was used"
                assert any(word in err[0] for word in CLEAR_REFUSALS), (where, err)
            if code == 1 or name == "merge-from":
                assert folder_state(corrupt.parent) == before, f"{where}: the file was touched"
            shutil.rmtree(work)
    assert refused > 0


def test_an_empty_file_is_never_turned_into_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    healthy = make_project(tmp_path / "healthy.annotator", ("carol",), 2)
    folder = tmp_path / "empty"
    folder.mkdir()
    empty = folder / "study.annotator"
    empty.touch()
    for name, argv in _commands(empty, healthy, tmp_path).items():
        code, err = _run(argv, capsys)
        assert code == 1, name
        assert err == [
            f"annotator: error: {empty} is empty (0 bytes): it is not a project, or it was "
            "damaged; it was left unchanged. No backup of it was found beside it."
        ], name
        assert folder_state(folder) == {"study.annotator": folder_state(folder)["study.annotator"]}
        assert empty.stat().st_size == 0
        assert sorted(p.name for p in folder.iterdir()) == ["study.annotator"]


def _garbage_page(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
    path.write_bytes(bytes(data))


def _a_table_page(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans'").fetchone()
    finally:
        conn.close()
    return int(root) - 1


@pytest.mark.parametrize(
    "name", ["export-jsonl", "export-brat", "agreement", "import", "merge-into", "merge-from"]
)
def test_a_garbage_page_is_reported_as_damage_with_quick_check_and_the_latest_backup(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    project = make_project(folder / "study.annotator", ("alice", "bob"), 12)
    older = folder / "study.annotator.v2.bak"
    newer = folder / "study.annotator.v3.bak"
    shutil.copyfile(project, older)
    shutil.copyfile(project, newer)
    os.utime(older, (1_000_000, 1_000_000))
    _garbage_page(project, _a_table_page(project))
    detail = quick_check_problem(project)
    assert detail is not None
    healthy = make_project(tmp_path / "healthy.annotator", ("carol",), 2)
    before = folder_state(folder)
    code, err = _run(_commands(project, healthy, tmp_path)[name], capsys)
    assert code == 1
    assert err == [
        f"annotator: error: {project} is damaged ({detail}). The latest backup is {newer}: "
        "copy it to a new name and open the copy."
    ]
    assert folder_state(folder) == before


def test_a_foreign_database_is_refused_and_left_exactly_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "other.annotator"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    healthy = make_project(tmp_path / "healthy.annotator", ("carol",), 2)
    before = foreign.read_bytes()
    for name, argv in _commands(foreign, healthy, tmp_path).items():
        code, err = _run(argv, capsys)
        assert code == 1, name
        assert "is not an Annotator project" in err[0], name
        assert foreign.read_bytes() == before, name
        assert not Path(f"{foreign}-wal").exists(), name
