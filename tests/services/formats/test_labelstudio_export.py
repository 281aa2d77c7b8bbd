"""The Label Studio export of a project is written from SQL rows (#15): the task list,
its labelling configuration, the report and warnings are those of `write_labelstudio`
over `iter_annotated` (kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.export import export_project
from annotator.services.formats.labelstudio import config_path, write_labelstudio
from annotator.store.project_store import ProjectStore
from tests.services.formats.row_export_checks import (
    assert_broken_span_left_out,
    assert_same_report,
    export_and_oracle,
)


@pytest.fixture
def project(rich_project: ProjectStore) -> ProjectStore:
    return rich_project


def _both(project: ProjectStore, tmp_path: Path, **options: object) -> tuple:
    out, oracle, report, expected = export_and_oracle(
        project, tmp_path, "labelstudio", write_labelstudio, **options
    )
    assert config_path(out).read_bytes() == config_path(oracle).read_bytes()
    return out.read_bytes(), oracle.read_bytes(), report, expected


@pytest.mark.parametrize(
    "options",
    [{}, {"users": "email"}, {"annotators": ["alice"]},
     {"annotators": ["bob"], "only_done": True}, {"only_done": True},
     {"annotators": ["nobody"]}, {"annotators": ["carol", "bob"], "users": "email"}],
)  # fmt: skip
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    written, oracle, report, expected = _both(project, tmp_path, **options)
    assert written == oracle
    assert_same_report(report, expected)


def test_the_whole_project_holds_claims_stances_and_notes(
    project: ProjectStore, tmp_path: Path
) -> None:
    written, _oracle, report, _expected = _both(project, tmp_path)
    for piece in (b'"claim_text": "', b'"from_name": "doc_stance"', b'"from_name": "note"',
                  b'"type": "relation"', b'"from_name": "stance"'):  # fmt: skip
        assert piece in written
    assert any("discontinuous" in w for w in report.warnings)


def test_an_unknown_users_option_is_refused_before_writing(
    project: ProjectStore, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="users must be one of"):
        export_project(project, "labelstudio", tmp_path / "x.json", users="names")
    assert not (tmp_path / "x.json").exists()


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    assert_broken_span_left_out(project, tmp_path, "labelstudio", write_labelstudio)
