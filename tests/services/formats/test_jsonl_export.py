"""The native JSONL export of a project is written from SQL rows (#15): the file, report
and warnings are those of `write_jsonl` over `iter_annotated` (kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.export import export_project, iter_annotated
from annotator.services.formats.jsonl import write_jsonl
from annotator.store.project_store import ProjectStore
from tests.services.formats.row_export_checks import assert_same_report, break_a_span


@pytest.fixture
def project(rich_project: ProjectStore) -> ProjectStore:
    return rich_project


def _both(project: ProjectStore, tmp_path: Path, **options: object) -> tuple:
    out, oracle = tmp_path / "store.jsonl", tmp_path / "oracle.jsonl"
    report = export_project(project, "jsonl", out, **options)
    with project.snapshot():
        expected = write_jsonl(iter_annotated(project, **options), oracle, project.scheme.get())
    return out.read_bytes(), oracle.read_bytes(), report, expected


@pytest.mark.parametrize(
    "options",
    [{}, {"annotators": ["alice"]}, {"annotators": ["bob"], "only_done": True},
     {"only_done": True}, {"annotators": ["nobody"]}, {"annotators": ["carol", "bob"]}],
)  # fmt: skip
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    written, oracle, report, expected = _both(project, tmp_path, **options)
    assert written == oracle
    assert_same_report(report, expected)


def test_the_whole_project_holds_claims_fragments_and_styles(
    project: ProjectStore, tmp_path: Path
) -> None:
    written, _oracle, report, _expected = _both(project, tmp_path)
    for piece in (b'"fragments": [[0, 3], [6, 12]]', b'"claim_text": "', b'"type": "claim"',
                  b'"styles": [[0, 5, "h1"]]', b'"format": "markdown"', b'"note": "n"'):  # fmt: skip
        assert piece in written
    assert report.discontinuous == 1


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    break_a_span(project)
    written, oracle, report, expected = _both(project, tmp_path)
    assert written == oracle
    assert report.warnings == expected.warnings and "frag" in report.warnings[0]
    assert (report.spans, report.discontinuous) == (expected.spans, expected.discontinuous)
