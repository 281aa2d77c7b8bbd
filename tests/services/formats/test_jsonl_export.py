"""The native JSONL export of a project is written from SQL rows (#15): the file, report
and warnings are those of `write_jsonl` over `iter_annotated` (kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.formats.jsonl import write_jsonl
from annotator.store.project_store import ProjectStore
from tests.services.formats.row_export_checks import (
    CHOOSING_OPTIONS,
    assert_broken_span_left_out,
    assert_matches_oracle,
    export_and_oracle,
)


@pytest.fixture
def project(rich_project: ProjectStore) -> ProjectStore:
    return rich_project


@pytest.mark.parametrize("options", CHOOSING_OPTIONS)
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    assert_matches_oracle(project, tmp_path, "jsonl", write_jsonl, **options)


def test_the_whole_project_holds_claims_fragments_and_styles(
    project: ProjectStore, tmp_path: Path
) -> None:
    out, _oracle, report, _expected = export_and_oracle(project, tmp_path, "jsonl", write_jsonl)
    written = out.read_bytes()
    for piece in (b'"fragments": [[0, 3], [6, 12]]', b'"claim_text": "', b'"type": "claim"',
                  b'"styles": [[0, 5, "h1"]]', b'"format": "markdown"', b'"note": "n"'):  # fmt: skip
        assert piece in written
    assert report.discontinuous == 1


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    assert_broken_span_left_out(project, tmp_path, "jsonl", write_jsonl)
