"""The CSV export of a project is written from SQL rows (#15): the file, report and
warnings are those of `write_csv` over `iter_annotated` (kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.formats.csv_format import write_csv
from annotator.store.project_store import ProjectStore
from tests.services.formats.row_export_checks import (
    assert_broken_span_left_out,
    assert_matches_oracle,
    export_and_oracle,
)


@pytest.fixture
def project(rich_project: ProjectStore) -> ProjectStore:
    with rich_project.write() as conn:  # cells a spreadsheet would run as formulas
        conn.execute("UPDATE spans SET note = '=1+1' WHERE id = 'frag'")
        conn.execute("UPDATE documents SET title = '@risk', source = '-wire' WHERE id = 'en'")
    return rich_project


@pytest.mark.parametrize(
    "options",
    [{}, {"raw": True}, {"bom": True}, {"annotators": ["alice"]},
     {"annotators": ["bob"], "only_done": True}, {"only_done": True},
     {"annotators": ["nobody"]}, {"annotators": ["carol", "bob"], "raw": True}],
)  # fmt: skip
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    assert_matches_oracle(project, tmp_path, "csv", write_csv, **options)


def test_the_whole_project_holds_claims_formulas_and_stances(
    project: ProjectStore, tmp_path: Path
) -> None:
    out, _oracle, report, _expected = export_and_oracle(project, tmp_path, "csv", write_csv)
    written = out.read_bytes()
    for piece in (b"'=1+1", b"'@risk", b"'-wire", b"document,en,", b"span,cjk,"):
        assert piece in written
    assert any("discontinuous" in w for w in report.warnings)
    assert any("claim" in w for w in report.warnings) or b"claim" in written


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    assert_broken_span_left_out(project, tmp_path, "csv", write_csv)
