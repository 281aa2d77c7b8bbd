"""Apache Parquet for data analysis: one row per span, plus one per document-level stance.

Columns as in the CSV export (level, document_id, title, source, url, published,
annotator, span_id, label, stance, target, start, end, text, note, outlet, claim,
claim_text, claim_value), typed: start and
end are int64 (null on document rows), the rest strings (null where absent). Nothing
is neutralised: Parquet is not opened by spreadsheets as formulas.

Streamed (#15): rows go to a ParquetWriter a row group (ROW_GROUP rows) at a time, never
one table of the whole project. A project export (`write_store_parquet`) reads its rows
straight from SQL (store/table_rows.py) instead of building a Span per row.

pyarrow is optional: ``pip install 'outlet-annotator[parquet]'``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import install_hint
from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotatedDocument, Scheme
from annotator.services.atomic_write import atomic_output
from annotator.store.table_rows import (
    TABLE_COLUMNS,
    discontinuous_count,
    misplaced_spans,
    table_rows,
)

from .claim_records import WordingIndex
from .report import ExportReport, valid_spans, warn_discontinuous

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

MISSING = f"pyarrow is not installed: {install_hint('parquet')}"
COLUMNS = TABLE_COLUMNS
ROW_GROUP = 65_536  # rows per row group: memory bounded by one group's columns


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise AnnotatorError(MISSING) from None
    return pa, pq


def write_rows(rows: Iterable[tuple[object, ...]], out: Path) -> None:
    """Write `rows` (tuples in COLUMNS order) to `out` atomically, a row group at a time."""
    pa, pq = _pyarrow()
    schema = pa.schema(
        [(name, pa.int64() if name in ("start", "end") else pa.string()) for name in COLUMNS]
    )
    rows = iter(rows)
    with atomic_output(out, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:
        while batch := list(itertools.islice(rows, ROW_GROUP)):
            columns = zip(*batch, strict=True)
            arrays = [
                pa.array(column, type=field.type)
                for column, field in zip(columns, schema, strict=True)
            ]
            writer.write_batch(pa.record_batch(arrays, schema=schema))


def write_parquet(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write the Parquet table atomically; AnnotatorError when pyarrow is missing."""
    _pyarrow()
    report = ExportReport()
    wordings = WordingIndex()
    write_rows(_document_rows(docs, report, wordings), Path(out))
    report.paths.append(Path(out))
    warn_discontinuous(report, "Parquet")
    wordings.warn_not_carried(report, "Parquet")
    return report


def _document_rows(
    docs: Iterable[AnnotatedDocument], report: ExportReport, wordings: WordingIndex
) -> Iterator[tuple[object, ...]]:
    for item in docs:
        wordings.take(item)
        doc = item.document
        report.documents += 1
        head = (doc.id, doc.title, doc.source, doc.url, doc.published)
        for span in valid_spans(item, report):
            report.spans += 1
            yield (
                "span", *head, span.annotator, span.id, span.label, span.stance, span.target,
                span.start, span.end, doc.text[span.start : span.end], span.note, doc.source,
                span.claim, wordings.wording(span.claim),
                span.claim_value if span.claim else None,
            )  # fmt: skip
        for stance in item.stances:
            yield (
                "document", *head, stance.annotator, None, None, stance.stance, stance.target,
                None, None, None, None, doc.source, None, None, None,
            )  # fmt: skip


def write_store_parquet(
    store: ProjectStore,
    out: Path,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    on_document: Callable[[], None] | None = None,
) -> ExportReport:
    """The project's table, as `write_parquet` writes it from `iter_annotated(store, ...)`
    (same rows, report and warnings), read from SQL in the caller's snapshot."""
    _pyarrow()
    wanted = list(annotators) if annotators else None
    conn = store.conn
    report = ExportReport()
    misplaced = misplaced_spans(conn, wanted, only_done=only_done)
    for document_id, span_id, start, end, length in misplaced:
        report.warn(
            f"document {document_id}: span {span_id} has offsets "
            f"{start}..{end} outside the text ({length} characters); not exported"
        )

    def counted(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
        for row in rows:
            if row[0] == "span":
                report.spans += 1
            yield row

    skip = {span_id for _document, span_id, *_rest in misplaced}
    rows = table_rows(conn, wanted, only_done=only_done, on_document=on_document, skip=skip)
    write_rows(counted(rows), out)
    report.paths.append(Path(out))
    document_ids = store.documents.ids()
    if only_done:
        done = store.documents.done_ids(wanted)
        document_ids = [d for d in document_ids if d in done]
    report.documents = len(document_ids)
    report.discontinuous = discontinuous_count(conn, wanted, only_done=only_done, skip=skip)
    warn_discontinuous(report, "Parquet")
    if document_ids:
        _warn_claims_not_carried(store, wanted, set(document_ids), report)
    return report


def _warn_claims_not_carried(
    store: ProjectStore, wanted: list[str] | None, documents: set[str], report: ExportReport
) -> None:
    """`WordingIndex.warn_not_carried` as `write_parquet` would reach it: the claims layer
    of the exported documents, counted from the store (it is small beside the spans)."""
    claims = store.claims
    wordings = WordingIndex()
    wordings.take(
        AnnotatedDocument(
            store.documents.get(next(iter(documents))),
            [s for s in store.annotations.spans(annotators=wanted, claim_linked=True)
             if s.document_id in documents],
            silences=[m for m in claims.silences(wanted) if m.document_id in documents],
            derivations=[d for d in claims.derivations(wanted) if d.document_id in documents],
            claims=claims.claims(wanted),
            claim_relations=claims.relations(wanted),
        )
    )  # fmt: skip
    wordings.warn_not_carried(report, "Parquet")
