"""The Label Studio export of a project written from SQL rows (#15): each span's results
made from its row, not from a Span; the same bytes, report and warnings as
`write_labelstudio` over `iter_annotated` (which stays the writer for documents given
one by one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .labelstudio import write_tasks
from .report import ExportReport
from .store_rows import documents_with_span_rows

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def write_store_labelstudio(
    store: ProjectStore,
    out: Path,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    users: str = "omit",
) -> ExportReport:
    """The project as `write_labelstudio(iter_annotated(store, ...), users=)` writes it,
    read in the caller's snapshot."""
    report = ExportReport()
    documents = documents_with_span_rows(
        store, report, annotators=annotators, only_done=only_done, progress=progress
    )
    return write_tasks(documents, out, store.scheme.get(), users=users, report=report)
