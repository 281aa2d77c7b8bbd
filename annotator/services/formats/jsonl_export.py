"""Native JSONL written from SQL (#15): each span's object made straight from its row,
not from a Span; the same bytes, report and warnings as `write_jsonl` over
`iter_annotated` (which stays the writer for documents given one by one)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.services.atomic_write import atomic_output

from .claim_records import WordingIndex, claim_line, relation_line
from .jsonl import json_line, record_with_spans
from .report import ExportReport
from .store_rows import documents_with_span_rows

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def write_store_jsonl(
    store: ProjectStore,
    out: Path,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportReport:
    """The project as `write_jsonl(iter_annotated(store, ...))` writes it, read in the
    caller's snapshot: documents, stances and the claims layer as there, the spans from
    one query in list order, a document at a time."""
    report = ExportReport()
    wordings = WordingIndex()
    documents = documents_with_span_rows(
        store, report, annotators=annotators, only_done=only_done, progress=progress
    )
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        for item, rows in documents:
            wordings.take(item)
            spans = _span_records(rows, item.document.text, report)
            report.documents += 1
            report.spans += len(spans)
            handle.write(json_line(record_with_spans(item, spans)))
        for claim in wordings.claims.values():
            handle.write(json_line(claim_line(claim)))
        for relation in wordings.relations:
            handle.write(json_line(relation_line(relation)))
    report.paths.append(Path(out))
    return report


def _span_records(
    rows: list[tuple[Any, ...]], text: str, report: ExportReport
) -> list[dict[str, Any]]:
    """The span objects of `document_record`, in its key order, from SPAN_ROW_COLUMNS rows."""
    records = [
        {
            "id": r[0], "start": r[2], "end": r[3], "text": text[r[2] : r[3]], "label": r[4],
            "annotator": r[5], "stance": r[6], "target": r[7], "note": r[8], "claim": r[10],
            "claim_text": r[13], "claim_value": r[11],
        }
        for r in rows
    ]  # fmt: skip
    if report.discontinuous and any(r[12] for r in rows):  # rare: brat's discontinuous spans
        for record, row in zip(records, rows, strict=True):
            if row[12]:
                record["fragments"] = [[int(a), int(b)] for a, b in json.loads(row[12])]
    return records
