"""CSV for spreadsheets: one row per span, plus one row per document-level stance.

Columns: level ("span" or "document"), document_id, title, source, annotator, label,
stance, target, start, end, text, note, outlet, claim, claim_text, claim_value. Document
rows leave label, start, end, text, note and the claim columns empty. `outlet` repeats
the document's source, so per-outlet pivots need no join; `claim` is the id of the claim
the span mentions, `claim_text` its wording, `claim_value` the mention's value. Offsets are code points, end exclusive. RFC 4180 quoting, "\\r\\n"
row ends; line breaks inside cells are kept (quoted).

Options: `bom=True` starts the file with a UTF-8 byte order mark (Excel then reads it
as UTF-8). Spreadsheet-safe by default: a text cell starting with = + - @ TAB or CR,
which a spreadsheet may run as a formula (OWASP "CSV injection"), gets a leading
single quote; start and end are written as numbers and never changed. `raw=True`
writes cells exactly as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatedDocument, Scheme
from annotator.services.atomic_write import atomic_output

from .claim_records import WordingIndex
from .report import ExportReport, valid_spans, warn_discontinuous

COLUMNS = (
    "level",
    "document_id",
    "title",
    "source",
    "annotator",
    "label",
    "stance",
    "target",
    "start",
    "end",
    "text",
    "note",
    "outlet",
    "claim",
    "claim_text",
    "claim_value",
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell` made inert for spreadsheets: a leading quote if it starts a formula."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def write_csv(
    docs: Iterable[AnnotatedDocument],
    out: Path,
    scheme: Scheme,
    *,
    bom: bool = False,
    raw: bool = False,
    **options: Any,
) -> ExportReport:
    """Write the CSV described in the module docstring atomically; OSError on failure."""
    report = ExportReport()

    def cells(values: list[Any]) -> list[Any]:
        if raw:
            return values
        return [neutralise(v) if isinstance(v, str) else v for v in values]

    with atomic_output(out, "w", encoding="utf-8", newline="") as handle:
        if bom:
            handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        wordings = WordingIndex()
        for item in docs:
            wordings.take(item)
            doc = item.document
            report.documents += 1
            head = [doc.id, doc.title, doc.source]
            for span in valid_spans(item, report):
                report.spans += 1
                writer.writerow(
                    cells(
                        [
                            "span",
                            *head,
                            span.annotator,
                            span.label,
                            span.stance or "",
                            span.target or "",
                            span.start,
                            span.end,
                            doc.text[span.start : span.end],
                            span.note,
                            doc.source,
                            span.claim or "",
                            wordings.wording(span.claim) or "",
                            span.claim_value,
                        ]
                    )
                )
            for stance in item.stances:
                writer.writerow(
                    cells(
                        [
                            "document",
                            *head,
                            stance.annotator,
                            "",
                            stance.stance,
                            stance.target,
                            "",
                            "",
                            "",
                            "",
                            doc.source,
                            "",
                            "",
                            "",
                        ]
                    )
                )
    report.paths.append(Path(out))
    warn_discontinuous(report, "CSV")
    wordings.warn_not_carried(report, "CSV")
    return report
