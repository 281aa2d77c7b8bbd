"""The Parquet export is streamed (#15): row groups of ROW_GROUP rows through one
ParquetWriter, and a project's rows read from SQL; the file, report and warnings are
those of the Span-by-Span writer (kept as the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Span
from annotator.services.export import export_project, iter_annotated
from annotator.services.formats import parquet
from annotator.store.project_store import ProjectStore
from tests.services.claim_project import add_claims
from tests.services.formats.row_export_checks import break_a_span

pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def project(store: ProjectStore) -> ProjectStore:
    add_claims(store)
    store.annotations.add_span(
        Span("frag", "en", 0, 12, "Evidence", "carol", fragments=((0, 3), (6, 12)))
    )
    store.annotations.set_document_stance("en", "alice", store.settings.default_target(), "favor")
    store.annotations.set_document_stance("cjk", "bob", store.settings.default_target(), "against")
    store.documents.set_done("cjk", "bob", True)
    return store


@pytest.mark.parametrize(
    "options",
    [{}, {"annotators": ["alice"]}, {"annotators": ["bob"], "only_done": True},
     {"only_done": True}, {"annotators": ["nobody"]}],
)  # fmt: skip
def test_project_export_matches_the_span_by_span_writer(
    project: ProjectStore, tmp_path: Path, options: dict
) -> None:
    out, oracle = tmp_path / "store.parquet", tmp_path / "oracle.parquet"
    report = export_project(project, "parquet", out, **options)
    expected = parquet.write_parquet(
        iter_annotated(project, **options), oracle, project.scheme.get()
    )
    assert pq.read_table(out).to_pylist() == pq.read_table(oracle).to_pylist()
    assert (report.documents, report.spans, report.warnings) == (
        expected.documents,
        expected.spans,
        expected.warnings,
    )


def test_rows_go_out_a_row_group_at_a_time(
    project: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parquet, "ROW_GROUP", 3)
    out = tmp_path / "x.parquet"
    export_project(project, "parquet", out)
    rows = pq.read_table(out).num_rows
    assert rows > 6
    assert pq.ParquetFile(out).num_row_groups == -(-rows // 3)  # one table was one group


def test_a_span_outside_its_text_is_left_out_with_the_same_warning(
    project: ProjectStore, tmp_path: Path
) -> None:
    break_a_span(project)
    out, oracle = tmp_path / "store.parquet", tmp_path / "oracle.parquet"
    report = export_project(project, "parquet", out)
    expected = parquet.write_parquet(iter_annotated(project), oracle, project.scheme.get())
    assert pq.read_table(out).to_pylist() == pq.read_table(oracle).to_pylist()
    assert report.warnings == expected.warnings and "frag" in report.warnings[0]
    assert report.spans == expected.spans
