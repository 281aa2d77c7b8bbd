"""Export a project's annotations in an interchange format, choosing whose and which documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from annotator.core.model import AnnotatedDocument
from annotator.services.formats import EXPORTERS, ExportReport
from annotator.store.project_store import ProjectStore


def iter_annotated(
    store: ProjectStore,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> Iterator[AnnotatedDocument]:
    """Documents in list order with the chosen annotators' spans and stances.

    Spans are read in one ordered query, not one per document. `progress(done, total)`
    is called per document; returning False stops the export (cancel).
    """
    wanted = list(annotators) if annotators else None
    done_ids = store.documents.done_ids(wanted) if only_done else None
    spans_by_doc: dict[str, list] = {}
    for span in store.annotations.spans(annotators=wanted):
        spans_by_doc.setdefault(span.document_id, []).append(span)
    stances_by_doc: dict[str, list] = {}
    for stance in store.annotations.document_stances(annotators=wanted):
        stances_by_doc.setdefault(stance.document_id, []).append(stance)
    ids = store.documents.ids()
    for index, document_id in enumerate(ids):
        if progress is not None and not progress(index, len(ids)):
            raise ExportCancelledError()
        if done_ids is not None and document_id not in done_ids:
            continue
        yield AnnotatedDocument(
            store.documents.get(document_id),
            spans_by_doc.get(document_id, []),
            stances_by_doc.get(document_id, []),
        )


class ExportCancelledError(Exception):
    """The user cancelled; the atomic writer left no partial file behind."""


def export_project(
    store: ProjectStore,
    format: str,
    out: Path | str,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    **options: object,
) -> ExportReport:
    """Write the project in `format` to `out` (atomically). Raises KeyError for an unknown format."""
    writer = EXPORTERS[format]
    documents = iter_annotated(store, annotators=annotators, only_done=only_done, progress=progress)
    return writer(documents, Path(out), store.scheme.get(), **options)
