"""Apache Parquet for data analysis: one row per span, plus one per document-level stance.

Columns as in the CSV export (level, document_id, title, source, url, published,
annotator, span_id, label, stance, target, start, end, text, note, outlet, claim,
claim_text, claim_value), typed: start and
end are int64 (null on document rows), the rest strings (null where absent). Nothing
is neutralised: Parquet is not opened by spreadsheets as formulas.

pyarrow is optional: ``pip install 'outlet-annotator[parquet]'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator import install_hint
from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotatedDocument, Scheme
from annotator.services.atomic_write import atomic_output

from .claim_records import WordingIndex
from .report import ExportReport, valid_spans, warn_discontinuous

MISSING = f"pyarrow is not installed: {install_hint('parquet')}"
STRING_COLUMNS = (
    "level",
    "document_id",
    "title",
    "source",
    "url",
    "published",
    "annotator",
    "span_id",
    "label",
    "stance",
    "target",
    "text",
    "note",
    "outlet",
    "claim",
    "claim_text",
    "claim_value",
)
COLUMNS = (*STRING_COLUMNS[:11], "start", "end", *STRING_COLUMNS[11:])


def write_parquet(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write the Parquet table atomically; AnnotatorError when pyarrow is missing."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise AnnotatorError(MISSING) from None
    report = ExportReport()
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}

    def add(**row: Any) -> None:
        for name in COLUMNS:
            columns[name].append(row.get(name))

    wordings = WordingIndex()
    for item in docs:
        wordings.take(item)
        doc = item.document
        report.documents += 1
        head = {
            "document_id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "outlet": doc.source,
            "url": doc.url,
            "published": doc.published,
        }
        for span in valid_spans(item, report):
            report.spans += 1
            add(
                level="span",
                **head,
                annotator=span.annotator,
                span_id=span.id,
                label=span.label,
                stance=span.stance,
                target=span.target,
                start=span.start,
                end=span.end,
                text=doc.text[span.start : span.end],
                note=span.note,
                claim=span.claim,
                claim_text=wordings.wording(span.claim),
                claim_value=span.claim_value if span.claim else None,
            )
        for stance in item.stances:
            add(
                level="document",
                **head,
                annotator=stance.annotator,
                stance=stance.stance,
                target=stance.target,
            )
    schema = pa.schema(
        [(name, pa.int64() if name in ("start", "end") else pa.string()) for name in COLUMNS]
    )
    table = pa.Table.from_pydict(columns, schema=schema)
    with atomic_output(out, "wb") as handle:
        pq.write_table(table, handle)
    report.paths.append(Path(out))
    warn_discontinuous(report, "Parquet")
    wordings.warn_not_carried(report, "Parquet")
    return report
