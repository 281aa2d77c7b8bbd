"""A project's documents for an export, each with its spans as rows straight from SQL
(store/table_rows.py SPAN_ROW_COLUMNS), no Span per row (#15): what the writers of
native JSONL, CSV and Label Studio read when they export a project."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import AnnotatedDocument
from annotator.services.export import iter_annotated
from annotator.store.table_rows import span_rows_by_document

from .report import ExportReport, valid_span_rows

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def documents_with_span_rows(
    store: ProjectStore,
    report: ExportReport,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[AnnotatedDocument, list[tuple[Any, ...]]]]:
    """(document as `iter_annotated` gives it but without spans, its span rows) in list
    order, the rows checked and counted into `report` as `valid_spans` does. Two
    queries stream side by side, in the caller's snapshot."""
    wanted = list(annotators) if annotators else None
    groups = span_rows_by_document(store.conn, wanted, only_done=only_done)
    group = next(groups, None)
    documents = iter_annotated(
        store, annotators=annotators, only_done=only_done, progress=progress, with_spans=False
    )
    for item in documents:
        rows: list[tuple[Any, ...]] = []
        if group is not None and group[0] == item.document.id:
            rows = valid_span_rows(group[1], item.document, report)
            group = next(groups, None)
        yield item, rows
