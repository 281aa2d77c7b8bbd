"""Agreement checks the file on a second connection while it reads (#15), and still never
gives figures from a damaged file, nor a traceback: the check's verdict wins."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError
from annotator.services.agreement_service import AgreementCancelledError, project_agreement
from annotator.store.connection import quick_check_problem
from annotator.store.project_store import ProjectStore
from tests.support.projects import make_project

PAGE = 4096


def _checks_running() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "quick-check"]


def _no_check_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: ProjectStore) -> None:
        raise AssertionError("verify() ran before the reading instead of alongside it")

    monkeypatch.setattr(ProjectStore, "verify", refuse)


def test_every_damage_quick_check_finds_is_reported_as_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pristine = make_project(tmp_path / "pristine.annotator", ("alice", "bob"), 40).read_bytes()
    with ProjectStore.open(tmp_path / "pristine.annotator") as store:
        _no_check_first(monkeypatch)
        healthy = project_agreement(store)
    assert healthy["documents"]
    damaged = 0
    for page in range(1, len(pristine) // PAGE):
        data = bytearray(pristine)
        data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
        path = tmp_path / f"p{page}.annotator"
        path.write_bytes(bytes(data))
        if quick_check_problem(path) is None:
            continue
        damaged += 1
        try:
            store = ProjectStore.open(path)
        except DamagedProjectError:
            continue  # judged at open: agreement never sees it
        with store, pytest.raises(DamagedProjectError):
            project_agreement(store)
        assert not _checks_running()
    assert damaged >= 10


def test_a_cancel_stops_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path / "p.annotator", ("alice", "bob"), 12)
    with ProjectStore.open(tmp_path / "p.annotator") as store:
        _no_check_first(monkeypatch)
        with pytest.raises(AgreementCancelledError):
            project_agreement(store, progress=lambda done, _total: done < 2)
    assert not _checks_running()


def test_a_read_only_project_is_checked_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path / "p.annotator", ("alice", "bob"), 12)
    calls: list[str] = []
    verify = ProjectStore.verify
    monkeypatch.setattr(ProjectStore, "verify", lambda self: (calls.append("verify"), verify(self)))
    with ProjectStore.open(tmp_path / "p.annotator", read_only=True) as store:
        report = project_agreement(store)
    assert calls == ["verify"] and report["documents"]


def test_an_error_damage_caused_inside_becomes_the_damage_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Garbage from a bad page can break any step, not only SQLite's: the check's verdict
    # replaces whatever the block raised.
    pristine = make_project(tmp_path / "pristine.annotator", ("alice", "bob"), 40).read_bytes()
    for page in range(1, len(pristine) // PAGE):
        data = bytearray(pristine)
        data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
        path = tmp_path / "bad.annotator"
        path.write_bytes(bytes(data))
        if quick_check_problem(path) is not None:
            try:
                store = ProjectStore.open(path)
            except DamagedProjectError:
                continue
            break
    else:
        pytest.fail("no damaged page opens")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("expected 400 values, read 399")

    monkeypatch.setattr(store.annotations, "span_columns", broken)
    with store, pytest.raises(DamagedProjectError) as raised:
        project_agreement(store)
    chain, error = [], raised.value.__context__
    while error is not None:
        chain.append(type(error))
        error = error.__context__
    assert ValueError in chain  # what the block raised is kept, under the damage message
    assert not _checks_running()
