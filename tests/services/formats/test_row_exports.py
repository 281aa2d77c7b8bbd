"""Every export written straight from SQL rows (#15): no file after a Cancel, and no Span
object built per row (a Span per row was a third of an archive's export)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services.export import ExportCancelledError, export_project
from annotator.store.project_store import ProjectStore

SUFFIX = {"csv": "csv", "jsonl": "jsonl", "labelstudio": "json", "parquet": "parquet"}


@pytest.mark.parametrize("format", sorted(SUFFIX))
def test_a_cancelled_export_leaves_no_file(
    rich_project: ProjectStore, tmp_path: Path, format: str
) -> None:
    if format == "parquet":
        pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"x.{SUFFIX[format]}"
    with pytest.raises(ExportCancelledError):
        export_project(rich_project, format, out, progress=lambda done, total: done < 1)
    assert not out.exists()


@pytest.mark.parametrize(
    ("format", "record", "at_least"),
    [("csv", b"\r\n", 4), ("jsonl", b"\n", 3), ("labelstudio", b'"annotations"', 2)],
)
def test_the_export_builds_no_span_objects(
    rich_project: ProjectStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format: str,
    record: bytes,
    at_least: int,
) -> None:
    import annotator.store.annotation_repo as repo

    def refuse(*args: object) -> None:
        raise AssertionError("a Span was built")

    monkeypatch.setattr(repo, "Span", refuse)
    monkeypatch.setattr(repo, "_row_to_span", refuse)
    out = tmp_path / f"x.{SUFFIX[format]}"
    export_project(rich_project, format, out)
    assert out.read_bytes().count(record) >= at_least
