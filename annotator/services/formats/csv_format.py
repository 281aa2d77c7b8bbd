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


_TRIGGER_CHARS = frozenset(FORMULA_TRIGGERS)  # each trigger is one character


class _Names(dict[str, str]):
    """Cells that repeat (ids, names, titles, wordings): each value neutralised once.

    A CSV export of 100,000 spans has 1.4 million text cells; calling neutralise() on
    each was a third of the export (issue #15). `raw` keeps every value as it is."""

    def __init__(self, raw: bool) -> None:
        super().__init__()
        self._raw = raw

    def __missing__(self, value: str) -> str:
        shown = value if self._raw else neutralise(value)
        self[value] = shown
        return shown


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
    names = _Names(raw)
    triggers = frozenset() if raw else _TRIGGER_CHARS  # nothing starts a formula when raw

    with atomic_output(out, "w", encoding="utf-8", newline="") as handle:
        if bom:
            handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        wordings = WordingIndex()
        for item in docs:
            wordings.take(item)
            doc = item.document
            text = doc.text
            report.documents += 1
            doc_id, title, source = names[doc.id], names[doc.title], names[doc.source]
            rows: list[tuple[Any, ...]] = []
            for span in valid_spans(item, report):
                # Unique per span (its text, note, value): the formula check inline.
                passage = text[span.start : span.end]
                note, value = span.note, span.claim_value
                rows.append(
                    (
                        "span",
                        doc_id,
                        title,
                        source,
                        names[span.annotator],
                        names[span.label],
                        names[span.stance or ""],
                        names[span.target or ""],
                        span.start,
                        span.end,
                        "'" + passage if passage[:1] in triggers else passage,
                        "'" + note if note[:1] in triggers else note,
                        source,
                        names[span.claim or ""],
                        names[wordings.wording(span.claim) or ""],
                        "'" + value if value[:1] in triggers else value,
                    )
                )
            report.spans += len(rows)
            for stance in item.stances:
                rows.append(
                    (
                        "document",
                        doc_id,
                        title,
                        source,
                        names[stance.annotator],
                        "",
                        names[stance.stance],
                        names[stance.target],
                        "",
                        "",
                        "",
                        "",
                        source,
                        "",
                        "",
                        "",
                    )
                )
            writer.writerows(rows)
    report.paths.append(Path(out))
    warn_discontinuous(report, "CSV")
    wordings.warn_not_carried(report, "CSV")
    return report
