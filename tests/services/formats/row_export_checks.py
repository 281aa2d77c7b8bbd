"""Shared by the tests of the exports written straight from SQL rows (#15): the report
must be the Span-by-Span writer's (the oracle's), and a broken span is left out with the
oracle's warning. What needs no oracle is in test_row_exports.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.services.export import export_project, iter_annotated
from annotator.services.formats.report import ExportReport
from annotator.store.project_store import ProjectStore

# What chooses the documents and spans (iter_annotated's); the rest is the writer's.
_CHOOSING = ("annotators", "only_done")
_SUFFIX = {"labelstudio": "json"}
# The choices of documents and spans each row export is checked against its oracle with.
CHOOSING_OPTIONS: list[dict[str, Any]] = [
    {}, {"annotators": ["alice"]}, {"annotators": ["bob"], "only_done": True},
    {"only_done": True}, {"annotators": ["nobody"]}, {"annotators": ["carol", "bob"]},
]  # fmt: skip


def assert_same_report(report: ExportReport, expected: ExportReport) -> None:
    assert (report.documents, report.spans, report.warnings, report.discontinuous) == (
        expected.documents,
        expected.spans,
        expected.warnings,
        expected.discontinuous,
    )


def break_a_span(project: ProjectStore) -> None:
    """Span 'frag' ends past its text: what a damaged or hand-edited file could hold."""
    with project.write() as conn:
        conn.execute("""UPDATE spans SET "end" = 100000 WHERE id = 'frag'""")


def export_and_oracle(
    project: ProjectStore,
    tmp_path: Path,
    fmt: str,
    oracle_writer: Callable[..., ExportReport],
    **options: Any,
) -> tuple[Path, Path, ExportReport, ExportReport]:
    """(the export's file, the oracle's file, their reports): `fmt` exported from the
    project, and `oracle_writer` over `iter_annotated` in one snapshot, with `options`."""
    suffix = _SUFFIX.get(fmt, fmt)
    out, oracle = tmp_path / f"store.{suffix}", tmp_path / f"oracle.{suffix}"
    report = export_project(project, fmt, out, **options)
    chosen = {k: v for k, v in options.items() if k in _CHOOSING}
    with project.snapshot():
        expected = oracle_writer(
            iter_annotated(project, **chosen),
            oracle,
            project.scheme.get(),
            **{k: v for k, v in options.items() if k not in chosen},
        )
    return out, oracle, report, expected


def assert_matches_oracle(
    project: ProjectStore,
    tmp_path: Path,
    fmt: str,
    oracle_writer: Callable[..., ExportReport],
    **options: Any,
) -> bytes:
    """The export's bytes and report are the oracle's; returns the bytes."""
    out, oracle, report, expected = export_and_oracle(
        project, tmp_path, fmt, oracle_writer, **options
    )
    assert out.read_bytes() == oracle.read_bytes()
    assert_same_report(report, expected)
    return out.read_bytes()


def assert_broken_span_left_out(
    project: ProjectStore, tmp_path: Path, fmt: str, oracle_writer: Callable[..., ExportReport]
) -> None:
    """A span past its text is left out, with the oracle's bytes and warning."""
    break_a_span(project)
    out, oracle, report, expected = export_and_oracle(project, tmp_path, fmt, oracle_writer)
    assert out.read_bytes() == oracle.read_bytes()
    assert report.warnings == expected.warnings and "frag" in report.warnings[0]
    assert (report.spans, report.discontinuous) == (expected.spans, expected.discontinuous)
