"""What an export did: counts, warnings about what the format could not carry, files written."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.core.plural import counted


@dataclass(slots=True)
class ExportReport:
    """Returned by every `write_*`; `warnings` are sentences to show the user."""

    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    discontinuous: int = 0  # spans with fragments seen by valid_spans

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def summary(self) -> str:
        text = f"{counted(self.documents, 'document')} and {counted(self.spans, 'span')} exported"
        if self.warnings:
            text += f"; {counted(len(self.warnings), 'warning')}"
        return text + "."


def valid_spans(item: AnnotatedDocument, report: ExportReport) -> list[Span]:
    """The spans of `item` whose offsets fit its text; each other one becomes a warning.

    The store never holds such spans, so this only guards against writing a file
    that our own importer would reject.
    """
    length = len(item.document.text)
    kept = []
    for span in item.spans:
        if (
            isinstance(span.start, int)
            and isinstance(span.end, int)
            and 0 <= span.start < span.end <= length
        ):
            kept.append(span)
            if span.fragments:
                report.discontinuous += 1
        else:
            report.warn(
                f"document {item.document.id}: span {span.id} has offsets "
                f"{span.start}..{span.end} outside the text ({length} characters); not exported"
            )
    return kept


_END, _FRAGMENTS = operator.itemgetter(3), operator.itemgetter(12)


def valid_span_rows(
    rows: list[tuple[Any, ...]], document: Document, report: ExportReport
) -> list[tuple[Any, ...]]:
    """`valid_spans` for a document's spans read as rows (store/table_rows.py
    SPAN_ROW_COLUMNS): the same warnings and count of discontinuous spans. The schema
    holds 0 <= start < end, so only an end can lie outside the text."""
    length = len(document.text)
    if rows and max(map(_END, rows)) > length:  # a damaged file: never written by the store
        for r in rows:
            if r[3] > length:
                report.warn(
                    f"document {document.id}: span {r[0]} has offsets "
                    f"{r[2]}..{r[3]} outside the text ({length} characters); not exported"
                )
        rows = [r for r in rows if r[3] <= length]
    if any(map(_FRAGMENTS, rows)):  # rare: discontinuous spans from brat
        report.discontinuous += sum(1 for r in rows if r[12])
    return rows


def warn_discontinuous(report: ExportReport, format_name: str) -> None:
    """For formats without fragments: warn that the discontinuous spans `valid_spans`
    saw were written as their whole extent."""
    if report.discontinuous:
        report.warn(
            f"{format_name} has no discontinuous spans: {counted(report.discontinuous, 'span')} with "
            "several fragments written as their whole extent (start..end)"
        )
