"""Shared by the tests of the exports written straight from SQL rows (#15): the report
must be the Span-by-Span writer's (the oracle's), and a broken span is left out with the
oracle's warning. What needs no oracle is in test_row_exports.py."""

from __future__ import annotations

from annotator.services.formats.report import ExportReport
from annotator.store.project_store import ProjectStore


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
