"""The CSV export of a project written from SQL rows (#15): each span's cells taken from
its row, not from a Span; the same bytes, report and warnings as `write_csv` over
`iter_annotated` (which stays the writer for documents given one by one)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.services.atomic_write import atomic_output

from .claim_records import WordingIndex
from .csv_format import _TRIGGER_CHARS, COLUMNS, _Names
from .report import ExportReport, warn_discontinuous
from .store_rows import documents_with_span_rows

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore


def write_store_csv(
    store: ProjectStore,
    out: Path,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    bom: bool = False,
    raw: bool = False,
) -> ExportReport:
    """The project as `write_csv(iter_annotated(store, ...), bom=, raw=)` writes it, read
    in the caller's snapshot, the spans from one query a document at a time."""
    report = ExportReport()
    names = _Names(raw)
    triggers = frozenset() if raw else _TRIGGER_CHARS  # nothing starts a formula when raw
    wordings = WordingIndex()
    documents = documents_with_span_rows(
        store, report, annotators=annotators, only_done=only_done, progress=progress
    )
    with atomic_output(out, "w", encoding="utf-8", newline="") as handle:
        if bom:
            handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for item, span_rows in documents:
            wordings.take(item)
            wordings.take_mentions(r[10] for r in span_rows)
            doc = item.document
            report.documents += 1
            report.spans += len(span_rows)
            doc_id, title, source = names[doc.id], names[doc.title], names[doc.source]
            rows = _span_cells(span_rows, doc.text, names, triggers, (doc_id, title, source))
            rows += [
                ("document", doc_id, title, source, names[stance.annotator], "",
                 names[stance.stance], names[stance.target], "", "", "", "", source, "", "", "")
                for stance in item.stances
            ]  # fmt: skip
            writer.writerows(rows)
    report.paths.append(Path(out))
    warn_discontinuous(report, "CSV")
    wordings.warn_not_carried(report, "CSV")
    return report


def _span_cells(
    rows: list[tuple[Any, ...]],
    text: str,
    names: _Names,
    triggers: frozenset[str],
    document: tuple[str, str, str],
) -> list[tuple[Any, ...]]:
    """`write_csv`'s span rows from SPAN_ROW_COLUMNS rows: repeated names neutralised once
    (`names`), each passage, note and value checked inline; `document` is the document's
    (id, title, source) cells."""
    doc_id, title, source = document
    return [
        ("span", doc_id, title, source, names[r[5]], names[r[4]], names[r[6] or ""],
         names[r[7] or ""], r[2], r[3],
         "'" + passage if (passage := text[r[2] : r[3]])[:1] in triggers else passage,
         "'" + r[8] if r[8][:1] in triggers else r[8], source, names[r[10] or ""],
         names[r[13] or ""], "'" + r[11] if r[11][:1] in triggers else r[11])
        for r in rows
    ]  # fmt: skip
