"""The brat export of a project is written from SQL rows (#15): the folder, the report and
its warnings are those of `write_brat` over `iter_annotated` (kept as the oracle); each
document's text is one file however many annotator folders hold it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import SchemeItem, SchemeKind, Span
from annotator.services.atomic_write import EXPORT_MARKER
from annotator.services.export import ExportCancelledError, export_project, iter_annotated
from annotator.services.formats import brat_export
from annotator.services.formats.brat import read_brat
from annotator.services.formats.brat_export import write_brat
from annotator.store.project_store import ProjectStore
from tests.conftest import SAMPLE_TEXTS
from tests.services.formats.row_export_checks import (
    CHOOSING_OPTIONS,
    assert_same_report,
    break_a_span,
)


@pytest.fixture
def project(rich_project: ProjectStore) -> ProjectStore:
    """The rich project plus what only brat has rules for: spans across, at and made of
    line breaks, and names brat cannot spell."""
    store = rich_project
    store.scheme.add(SchemeItem(SchemeKind.LABEL, "Key claim"))
    en = SAMPLE_TEXTS["en"]
    crlf = SAMPLE_TEXTS["emoji"].index("\r\n")
    for span in (
        Span("across", "en", 30, 45, "Key claim", "bob", note="two\nlines"),
        Span("at-break", "en", en.index("\n"), en.index("\n") + 4, "Claim", "alice"),
        Span("breaks-only", "emoji", crlf, crlf + 2, "Evidence", "carol"),
    ):
        store.annotations.add_span(span)
    return store


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` but the export's marker (it lists modification times)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != EXPORT_MARKER
    }


def _both(project: ProjectStore, tmp_path: Path, **options: Any) -> tuple:
    out, oracle = tmp_path / "store", tmp_path / "oracle"
    report = export_project(project, "brat", out, **options)
    with project.snapshot():
        expected = write_brat(iter_annotated(project, **options), oracle, project.scheme.get())
    return out, oracle, report, expected


@pytest.mark.parametrize("options", CHOOSING_OPTIONS)
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    out, oracle, report, expected = _both(project, tmp_path, **options)
    assert _tree(out) == _tree(oracle)
    assert_same_report(report, expected)


def test_the_whole_project_holds_what_brat_can_and_warns_of_the_rest(
    project: ProjectStore, tmp_path: Path
) -> None:
    out, _oracle, report, _expected = _both(project, tmp_path)
    tree = _tree(out)
    anns = b"".join(data for name, data in tree.items() if name.endswith(".ann"))
    for piece in (b"\tClaim T", b"\tClaimText T", b"\tStance T", b"\tAnnotatorNotes T",
                  b"\tsaid_by Arg1:", b"Key_claim 30 40;41 45\t", b"two lines"):  # fmt: skip
        assert piece in anns
    assert sorted({name.split("/")[0] for name in tree}) == ["alice", "bob", "carol"]
    assert b"Key_claim" in tree["bob/annotation.conf"]
    warnings = " | ".join(report.warnings)
    for part in ("at-break starts or ends with a line break", "breaks-only holds only line",
                 "written with '_': Key claim", "2 document stances dropped"):  # fmt: skip
        assert part in warnings
    # What brat wrote reads back: every annotator's spans, fragments around the break.
    back = {(d.document.id, s.id and s.annotator, s.pieces()) for d in read_brat(out)
            for s in d.spans}  # fmt: skip
    assert ("en", "bob", ((30, 40), (41, 45))) in back


def test_each_text_is_one_file_linked_into_every_annotator_folder(
    project: ProjectStore, tmp_path: Path
) -> None:
    out = tmp_path / "brat"
    export_project(project, "brat", out)
    for doc_id, text in SAMPLE_TEXTS.items():
        copies = [out / name / f"{doc_id}.txt" for name in ("alice", "bob", "carol")]
        assert {p.read_bytes() for p in copies} == {text.encode("utf-8")}
        assert len({p.stat().st_ino for p in copies}) == 1
        assert copies[0].stat().st_nlink == 3


def test_where_links_are_refused_the_texts_are_copies(
    project: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(1, "Operation not permitted", source)

    monkeypatch.setattr(brat_export.os, "link", refuse)
    out, oracle, report, expected = _both(project, tmp_path)
    assert _tree(out) == _tree(oracle)
    copies = [out / name / "en.txt" for name in ("alice", "bob", "carol")]
    assert len({p.stat().st_ino for p in copies}) == 3
    assert_same_report(report, expected)


def test_the_project_export_builds_no_span(
    project: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_span(*args: object, **kwargs: object) -> None:
        raise AssertionError("a Span was built")

    oracle = tmp_path / "oracle"
    with project.snapshot():
        expected = write_brat(iter_annotated(project), oracle, project.scheme.get())
    monkeypatch.setattr("annotator.store.annotation_repo.Span", no_span)
    monkeypatch.setattr("annotator.store.annotation_repo._row_to_span", no_span)
    report = export_project(project, "brat", tmp_path / "store")
    assert _tree(tmp_path / "store") == _tree(oracle)
    assert report.spans == expected.spans > 0


def test_a_cancelled_export_leaves_nothing(project: ProjectStore, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    before = set(os.listdir(tmp_path))
    with pytest.raises(ExportCancelledError):
        export_project(project, "brat", out, progress=lambda done, total: done < 2)
    assert set(os.listdir(tmp_path)) == before  # neither the folder nor a temporary one


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    break_a_span(project)
    out, oracle, report, expected = _both(project, tmp_path)
    assert _tree(out) == _tree(oracle)
    assert report.warnings == expected.warnings and "frag" in report.warnings[0]
    assert_same_report(report, expected)


def test_a_lone_annotator_broken_away_gets_no_folder(project: ProjectStore, tmp_path: Path) -> None:
    """carol's only span lies past its text: the span checks decide the folders."""
    with project.write() as conn:
        conn.execute("DELETE FROM spans WHERE annotator = 'carol' AND id != 'frag'")
    break_a_span(project)
    out, oracle, report, expected = _both(project, tmp_path)
    assert _tree(out) == _tree(oracle)
    assert not (out / "carol").exists()
    assert_same_report(report, expected)
