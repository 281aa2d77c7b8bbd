"""`PRAGMA quick_check` reports are read whole: a garbage page is never taken for a sound file.

SQLite puts "*** in database main ***" and the first problem in one row; dropping rows
that start with the heading made a garbage interior page pass `verify()`, and the GUI
then showed a traceback from whichever view read the page first (#14).
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError
from annotator.store.connection import check_problems, quick_check_problem
from annotator.store.project_store import ProjectStore
from tests.support.projects import make_project

PAGE = 4096


def test_the_heading_is_cut_from_the_row_not_the_row_dropped() -> None:
    assert check_problems(["ok"]) == []
    assert check_problems(
        ["*** in database main ***\nPage 32: btreeInitPage() returns error code 11"]
    ) == ["Page 32: btreeInitPage() returns error code 11"]
    assert check_problems(["*** in database main ***", "Page 3: never used"]) == [
        "Page 3: never used"
    ]


def _reads_everything(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            conn.execute(f'SELECT * FROM "{table}"').fetchall()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def test_every_garbage_page_that_breaks_a_read_is_found_by_verify(tmp_path: Path) -> None:
    pristine = make_project(tmp_path / "pristine.annotator", ("alice", "bob"), 40).read_bytes()
    pages = len(pristine) // PAGE
    unreadable = 0
    for page in range(1, pages):  # page 0 is the header: judged before SQLite opens the file
        data = bytearray(pristine)
        data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
        path = tmp_path / f"p{page}.annotator"
        path.write_bytes(bytes(data))
        if _reads_everything(path):
            continue
        unreadable += 1
        assert quick_check_problem(path) is not None, f"page {page}"
        with pytest.raises(DamagedProjectError), ProjectStore.open(path, read_only=True) as store:
            store.verify()
    assert unreadable >= pages // 3  # many pages are table or index pages
