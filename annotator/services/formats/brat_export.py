"""The brat export (the layout brat.py describes), from documents given one by one
(`write_brat`) or from a project's span rows read straight from SQL (`write_store_brat`,
#15): the same files, report and warnings either way.

Written document-major, each document's text once: with several annotators their
folders' copies of a text are hard links to one file (the same bytes; brat and our
reader never write a .txt), so 1,000 documents by three annotators create 4,000 files,
not 6,000, and sync 2,000 texts less; where the filesystem refuses links, they are
copies. annotation.conf is written last, from the names the .ann files used.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.claims.model import SpanRelation, SpanRelationKind
from annotator.core.model import AnnotatedDocument, Scheme, Span
from annotator.core.plural import counted
from annotator.services.atomic_write import atomic_directory
from annotator.services.synced_writer import SyncedWriter
from annotator.store.annotation_repo import fragments_from_sql, fragments_to_sql
from annotator.store.table_rows import span_annotators

from .claim_records import WordingIndex
from .file_names import UniqueNames
from .report import ExportReport, valid_spans
from .store_rows import documents_with_span_rows

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

# Every break str.splitlines() knows: brat's own reader splits on these.
LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# brat readers take type and attribute-value names of letters, digits, "_", "-" and "/"
# (bratly refuses a T line with anything else); other runs become "_".
_NOT_NAME = re.compile(r"[^\w/-]+")

Documents = Generator[tuple[AnnotatedDocument, list[tuple[Any, ...]]], None, None]


def write_brat(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write a brat folder (see brat.py) at `out`, atomically.

    An existing `out` is replaced only if it is empty or an earlier export
    (AnnotatorError otherwise); OSError when writing fails.
    """
    report = ExportReport()
    items = list(docs)  # the annotators decide the layout before anything is written
    spans_of = [valid_spans(item, report) for item in items]
    annotators = sorted({s.annotator for spans in spans_of for s in spans})
    wordings = WordingIndex()

    def documents() -> Documents:
        for item, spans in zip(items, spans_of, strict=True):
            wordings.take(item)  # a document's claims ride on it or on an earlier one
            yield item, [_row(span, wordings) for span in spans]

    _write_tree(documents(), Path(out), scheme, annotators, report)
    wordings.warn_not_carried(report, "brat")
    return report


def write_store_brat(
    store: ProjectStore,
    out: Path,
    *,
    annotators: Sequence[str] | None = None,
    only_done: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportReport:
    """The project as `write_brat(iter_annotated(store, ...))` writes it, read in the
    caller's snapshot, the spans from one query a document at a time."""
    report = ExportReport()
    wanted = list(annotators) if annotators else None
    folders = span_annotators(store.conn, wanted, only_done=only_done)
    wordings = WordingIndex()

    def documents() -> Documents:
        for item, rows in documents_with_span_rows(
            store, report, annotators=annotators, only_done=only_done, progress=progress
        ):
            wordings.take(item)
            wordings.take_mentions(r[10] for r in rows)
            yield item, rows

    _write_tree(documents(), Path(out), store.scheme.get(), folders, report)
    wordings.warn_not_carried(report, "brat")
    return report


def _row(span: Span, wordings: WordingIndex) -> tuple[Any, ...]:
    """A Span as the row store/table_rows.py SPAN_ROW_COLUMNS describes."""
    return (
        span.id, span.document_id, span.start, span.end, span.label, span.annotator,
        span.stance, span.target, span.note, span.origin, span.claim,
        span.claim_value or "", fragments_to_sql(span.fragments), wordings.wording(span.claim),
    )  # fmt: skip


def _write_tree(
    documents: Documents, out: Path, scheme: Scheme, annotators: list[str], report: ExportReport
) -> None:
    """Write every document's .txt and its .ann per annotator folder (one folder per
    annotator when there are several, else the root), then annotation.conf; count and
    warn into `report` in the order the annotator-major writer did: the span checks as
    documents come, then each folder's line-break warnings, then renamed names and
    dropped stances."""
    names = ConfNames()
    renamed: set[str] = set()
    warnings: dict[str | None, list[str]] = {}
    dropped = 0
    stems: list[str] = []
    file_names = UniqueNames()
    writer = SyncedWriter()
    with atomic_directory(out, already_synced=writer.synced) as root:
        base = os.path.join(root, "")  # str paths: pathlib cost 0.3 s on 6,000 files
        folders: list[tuple[str, str | None]] = [(base, None)]
        if len(annotators) > 1:
            folder_names = UniqueNames()
            folders = [(base + folder_names(name) + os.sep, name) for name in annotators]
            for folder, _ in folders:
                os.mkdir(folder)
        for _, annotator in folders:
            warnings[annotator] = []
        # closing: a failed write (ENOSPC) must not leave the queries open, holding the
        # project's -wal and -shm until the traceback is collected.
        with writer, closing(documents):
            for item, rows in documents:
                doc = item.document
                report.documents += 1
                dropped += len(item.stances)
                stem = file_names(doc.id)
                stems.append(stem)
                writer.write(folders[0][0] + stem + ".txt", doc.text.encode("utf-8"))
                breaks = line_breaks(doc.text)
                by_annotator: dict[str | None, list[tuple[Any, ...]]] = {None: rows}
                if len(folders) > 1:
                    by_annotator = {}
                    for r in rows:
                        by_annotator.setdefault(r[5], []).append(r)
                for folder, annotator in folders:
                    text, count = ann_text(
                        doc.text, breaks, by_annotator.get(annotator, []), doc.id,
                        item.span_relations, names, warnings[annotator], renamed,
                    )  # fmt: skip
                    report.spans += count
                    writer.write(folder + stem + ".ann", text.encode("utf-8"))
            conf = names.conf(scheme).encode("utf-8")
            for folder, _ in folders:
                writer.write(folder + "annotation.conf", conf)
        _share_texts(folders[0][0], [folder for folder, _ in folders[1:]], stems, writer.synced)
    report.paths.append(out)
    for _, annotator in folders:
        report.warnings.extend(warnings[annotator])
    if renamed:
        report.warn(
            "brat names hold only letters, digits, _, - and /; written with '_': "
            + ", ".join(sorted(renamed))
        )
    if dropped:
        report.warn(
            f"brat has no document-level annotation: {counted(dropped, 'document stance')} dropped"
        )


def _share_texts(first: str, others: list[str], stems: list[str], synced: set[str]) -> None:
    """Give each of `others` the texts written into `first`: hard links (the written
    file is already synced; the folders are synced after), copies where links fail."""
    copies: list[tuple[str, str]] = []
    for folder in others:
        for stem in stems:
            source, target = first + stem + ".txt", folder + stem + ".txt"
            try:
                os.link(source, target)
            except OSError:  # no hard links here (some network and FAT filesystems)
                copies.append((source, target))
            else:
                synced.add(target)
    if copies:
        with SyncedWriter() as copier:
            for source, target in copies:
                with open(source, "rb") as handle:
                    copier.write(target, handle.read())
        synced |= copier.synced


@functools.lru_cache(maxsize=65536)
def type_name(name: str) -> str:
    """`name` as a brat type or attribute value: runs of anything else than letters,
    digits, "_", "-" and "/" become "_"."""
    # Cached: a few labels and values name 100,000 spans (one regex each cost 0.4 s).
    return _NOT_NAME.sub("_", name.strip()) or "_"


def _one_line(text: str) -> str:
    return LINE_BREAKS.sub(" ", text)


def line_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where `text`'s runs of line breaks start and end, in order: found once per text,
    not by a regex per span (a million spans, #15)."""
    starts: list[int] = []
    ends: list[int] = []
    for match in LINE_BREAKS.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def _pieces(start: int, end: int, breaks: tuple[list[int], list[int]]) -> list[tuple[int, int]]:
    """[start, end) split around the text's `line_breaks`, empty pieces left out."""
    starts, ends = breaks
    i = bisect.bisect_right(ends, start)  # the first run ending after `start`
    if i == len(starts) or starts[i] >= end:  # nearly every span: one piece
        return [(start, end)] if start < end else []
    pieces = []
    position = start
    while i < len(starts) and starts[i] < end:
        if starts[i] > position:
            pieces.append((position, starts[i]))
        position = ends[i]
        i += 1
    if position < end:
        pieces.append((position, end))
    return pieces


class ConfNames:
    """The names an export's .ann files used, for its annotation.conf and its warning
    about renamed names."""

    def __init__(self) -> None:
        self.labels: set[str] = set()
        self.stances: set[str] = set()
        self.targets: set[str] = set()
        self.claims: set[str] = set()

    def conf(self, scheme: Scheme) -> str:
        labels = {type_name(i.name) for i in scheme.labels} | self.labels
        stances = {type_name(i.name) for i in scheme.stances} | self.stances
        targets = {type_name(i.name) for i in scheme.targets} | self.targets
        return conf_text(labels, stances, targets, self.claims)


def ann_text(
    text: str,
    breaks: tuple[list[int], list[int]],
    rows: list[tuple[Any, ...]],
    doc_id: str,
    said_by: Iterable[SpanRelation],
    names: ConfNames,
    warnings: list[str],
    renamed: set[str],
) -> tuple[str, int]:
    """One .ann file's text and how many spans it holds, from span rows
    (store/table_rows.py SPAN_ROW_COLUMNS; the claim's wording in the last column).
    `breaks` are the text's `line_breaks`; names used are added to `names`, those
    written otherwise to `renamed`, sentences to show the user to `warnings`."""
    lines: list[str] = []
    attributes = notes = 0
    numbers: dict[str, int] = {}
    for number, r in enumerate(rows, start=1):
        if r[12]:  # rare: a discontinuous span from brat
            pieces = [p for s, e in fragments_from_sql(r[12]) for p in _pieces(s, e, breaks)]
        else:
            pieces = _pieces(r[2], r[3], breaks)
        if not pieces:
            warnings.append(f"document {doc_id}: span {r[0]} holds only line breaks; not exported")
            continue
        if pieces[0][0] != r[2] or pieces[-1][1] != r[3]:
            warnings.append(
                f"document {doc_id}: span {r[0]} starts or ends with a line break, "
                "which brat cannot hold; it is trimmed"
            )
        label = type_name(r[4])
        names.labels.add(label)
        if label != r[4]:
            renamed.add(r[4])
        if len(pieces) == 1:
            s, e = pieces[0]
            lines.append(f"T{number}\t{label} {s} {e}\t{text[s:e]}\n")
        else:
            where = ";".join(f"{s} {e}" for s, e in pieces)
            shown = " ".join(text[s:e] for s, e in pieces)
            lines.append(f"T{number}\t{label} {where}\t{shown}\n")
        for name, value, used in (("Stance", r[6], names.stances), ("Target", r[7], names.targets)):
            if value:
                attributes += 1
                written = type_name(value)
                used.add(written)
                if written != value:
                    renamed.add(value)
                lines.append(f"A{attributes}\t{name} T{number} {written}\n")
        if r[8]:
            notes += 1
            lines.append(f"#{notes}\tAnnotatorNotes T{number}\t{_one_line(r[8])}\n")
        numbers[r[0]] = number
        if r[10] is not None:
            attributes += 1
            claim = type_name(r[10])
            names.claims.add(claim)
            lines.append(f"A{attributes}\tClaim T{number} {claim}\n")
            for kind, value in (("ClaimText", r[13]), ("ClaimValue", r[11])):
                if value:
                    notes += 1
                    lines.append(f"#{notes}\t{kind} T{number}\t{_one_line(value)}\n")
    relations = 0
    for relation in said_by:
        if relation.span in numbers and relation.source_span in numbers:
            relations += 1
            lines.append(
                f"R{relations}\t{relation.kind.value} Arg1:T{numbers[relation.span]}"
                f" Arg2:T{numbers[relation.source_span]}\n"
            )
    return "".join(lines), len(numbers)


def conf_text(labels: set[str], stances: set[str], targets: set[str], claims: set[str]) -> str:
    """annotation.conf declaring these (brat) names."""
    lines = [
        "[entities]",
        *sorted(labels),
        "",
        "[relations]",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        f"{SpanRelationKind.SAID_BY.value}\tArg1:<ENTITY>, Arg2:<ENTITY>",
        "",
        "[events]",
        "",
        "[attributes]",
    ]
    for name, values in (("Stance", stances), ("Target", targets), ("Claim", claims)):
        if values:
            lines.append(f"{name}\tArg:<ENTITY>, Value:{'|'.join(sorted(values))}")
    return "\n".join(lines) + "\n"
