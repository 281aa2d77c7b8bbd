"""Export a project's annotations in an interchange format, choosing whose and which documents."""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.claims.model import Derivation, SilentMark, SpanRelation
from annotator.core.errors import ProtectedFileError, StorageFullError
from annotator.core.model import AnnotatedDocument
from annotator.store import project_files
from annotator.store.project_store import ProjectStore

if TYPE_CHECKING:  # the writers (~20 ms of imports) load on the first export, not at start-up
    from annotator.services.formats import ExportReport


def iter_annotated(
    store: ProjectStore,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    with_spans: bool = True,
) -> Iterator[AnnotatedDocument]:
    """Documents in list order with the chosen annotators' spans and stances.

    Spans are read in one ordered query, not one per document. `progress(done, total)`
    is called per document; returning False stops the export (cancel). Each document
    carries its said-by links, silent marks and derivations; the chosen annotators' claims
    and claim relations ride on the first document yielded (see AnnotatedDocument).
    Without `with_spans` the documents carry no spans (a writer reading them from SQL).
    """
    wanted = list(annotators) if annotators else None
    done_ids = store.documents.done_ids(wanted) if only_done else None
    stances_by_doc: dict[str, list] = {}
    for stance in store.annotations.document_stances(annotators=wanted):
        stances_by_doc.setdefault(stance.document_id, []).append(stance)
    claims = store.claims
    said_by: dict[str, list[SpanRelation]] = {}
    for relation in claims.span_relations(annotators=wanted):
        said_by.setdefault(relation.document_id, []).append(relation)
    silences: dict[str, list[SilentMark]] = {}
    for mark in claims.silences(wanted):
        silences.setdefault(mark.document_id, []).append(mark)
    derivations: dict[str, list[Derivation]] = {}
    for derivation in claims.derivations(wanted):
        derivations.setdefault(derivation.document_id, []).append(derivation)
    project_claims = claims.claims(wanted)
    claim_relations = claims.relations(wanted)
    total = store.documents.count()
    # Documents and their spans stream side by side from two queries in the same list
    # order: the spans of the whole project were held at once, and each document read
    # by a query of its own (#15).
    spans = store.annotations.spans_by_document(wanted) if with_spans else iter(())
    group = next(spans, None)
    first = True
    for index, document in enumerate(store.documents.in_list_order()):
        if progress is not None and not progress(index, total):
            raise ExportCancelledError()
        document_spans: list = []
        if group is not None and group[0] == document.id:
            document_spans = group[1]
            group = next(spans, None)
        if done_ids is not None and document.id not in done_ids:
            continue
        yield AnnotatedDocument(
            document,
            document_spans,
            stances_by_doc.get(document.id, []),
            span_relations=said_by.get(document.id, []),
            silences=silences.get(document.id, []),
            derivations=derivations.get(document.id, []),
            claims=project_claims if first else [],
            claim_relations=claim_relations if first else [],
        )
        first = False


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
    """Write the project in `format` to `out` (atomically), from one snapshot of it.

    Raises KeyError for an unknown format; ProtectedFileError when `out` is the project,
    one of its journals, another database, or (a folder) holds the project;
    StorageFullError when the disk fills; OSError when writing fails otherwise. In every
    case nothing is left under `out` but what was there before.
    """
    from annotator.services.formats import EXPORTERS, STORE_EXPORTERS

    writer = EXPORTERS[format]
    out = Path(out)
    refuse_project_target(store, out, what="The export")
    try:
        with store.snapshot():
            store.verify()  # damage is a clear message, never a half-read export
            if format == "parquet" and not options:
                # Rows straight from SQL, a row group at a time: a Span per row cost
                # twice pyarrow's own writing on an archive (#15).
                from annotator.services.formats.parquet import write_store_parquet

                return write_store_parquet(
                    store,
                    out,
                    annotators=annotators,
                    only_done=only_done,
                    on_document=_document_progress(store, progress),
                )
            if format in STORE_EXPORTERS and not set(options) - STORE_EXPORTERS[format][1]:
                # Spans read as rows, not a Span each: a third of these exports (#15).
                return STORE_EXPORTERS[format][0](
                    store,
                    out,
                    annotators=annotators,
                    only_done=only_done,
                    progress=progress,
                    **options,
                )
            documents = iter_annotated(
                store, annotators=annotators, only_done=only_done, progress=progress
            )
            return writer(documents, out, store.scheme.get(), **options)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFullError(
                f"The disk is full: {out} was not written (the project is unchanged)."
            ) from exc
        raise


def _document_progress(
    store: ProjectStore, progress: Callable[[int, int], bool] | None
) -> Callable[[], None] | None:
    """A per-document callback calling `progress(done, total)` as `iter_annotated` does,
    raising ExportCancelledError when it returns False."""
    if progress is None:
        return None
    total = store.documents.count()
    done = [0]

    def on_document() -> None:
        if not progress(min(done[0], total), total):
            raise ExportCancelledError()
        done[0] += 1

    return on_document


def refuse_project_target(store: ProjectStore, out: Path, *, what: str) -> None:
    """Raise ProtectedFileError when writing `out` could replace the open project.

    `out` may be the project or a journal of it (by path, link or hard link), another
    database, or a folder holding any of them (brat writes folders).
    """
    for protected in (store.path, *project_files.companions(store.path)):
        if project_files.same_file(out, protected):
            raise ProtectedFileError(
                f"{what} would replace the open project {store.path.name} (or its journal); "
                "nothing was written. Choose another name."
            )
    project_files.refuse_project_in(out, store.path, what=what)
    project_files.refuse_to_replace(out, what=what)
