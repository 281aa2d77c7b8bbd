"""doccano JSONL, as doccano imports and exports it.

Written, one object per line (the form doccano's "Intent detection and slot filling"
project reads whole; a "Sequence labeling" project reads "text" and "label" and keeps
other keys as metadata):

- default ``form="label"``: ``{"id", "text", "label": [[start, end, "Label"], ...],
  "cats": ["target: stance", ...], "annotator"?}``
- ``form="entities"`` (projects with relations): ``{"id", "text", "entities":
  [{"id", "start_offset", "end_offset", "label"}], "relations": [], "cats", "annotator"?}``

Document-level stances become classification labels in "cats", each
``"<target>: <stance>"``. doccano exports carry no annotator (doccano issue #2329), so
"annotator" is written only when every annotation of the document is by one person;
``per_annotator=True`` instead writes ``<stem>.<annotator><suffix>`` beside `out`, one
file per annotator, each with every document. doccano has no place for a span's
stance, target or note: they are dropped, with a warning.

Read: both forms, also ``"labels"``, entities as lists or objects, "label" as a list
of category strings (classification), and "cats". Category strings without ": "
become stances toward the target "document".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentStance,
    Scheme,
    Span,
    new_id,
)
from annotator.services.atomic_write import atomic_output

from .document_collector import DocumentCollector
from .file_names import UniqueNames
from .json_input import (
    DEFAULT_ANNOTATOR,
    Where,
    check_offsets,
    default_document_id,
    document_text,
    identifier,
    iter_json_lines,
    optional_str,
)
from .jsonl import json_line
from .report import ExportReport, valid_spans

DOCUMENT_TARGET = "document"
FORMS = ("label", "entities")


def _record(item: AnnotatedDocument, spans: list[Span], form: str) -> dict[str, Any]:
    doc = item.document
    record: dict[str, Any] = {"id": doc.id, "text": doc.text}
    if form == "entities":
        record["entities"] = [
            {"id": i, "start_offset": s.start, "end_offset": s.end, "label": s.label}
            for i, s in enumerate(spans)
        ]
        record["relations"] = []
    else:
        record["label"] = [[s.start, s.end, s.label] for s in spans]
    record["cats"] = [f"{st.target}: {st.stance}" for st in item.stances]
    annotators = {s.annotator for s in spans} | {st.annotator for st in item.stances}
    if len(annotators) == 1:
        record["annotator"] = annotators.pop()
    return record


def _write_file(
    docs: Iterable[AnnotatedDocument], out: Path, form: str, report: ExportReport
) -> tuple[int, int]:
    """Returns (documents mixing annotators, spans whose stance/target/note were dropped)."""
    mixed = dropped = 0
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        for item in docs:
            spans = valid_spans(item, report)
            report.documents += 1
            report.spans += len(spans)
            dropped += sum(1 for s in spans if s.stance or s.target or s.note)
            record = _record(item, spans, form)
            if "annotator" not in record and (spans or item.stances):
                mixed += 1
            handle.write(json_line(record))
    report.paths.append(Path(out))
    return mixed, dropped


def write_doccano(
    docs: Iterable[AnnotatedDocument],
    out: Path,
    scheme: Scheme,
    *,
    form: str = "label",
    per_annotator: bool = False,
    **options: Any,
) -> ExportReport:
    """Write doccano JSONL (see the module docstring) atomically; OSError on failure."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    out = Path(out)
    report = ExportReport()
    if not per_annotator:
        mixed, dropped = _write_file(docs, out, form, report)
        if mixed:
            report.warn(
                f"{mixed} document(s) hold annotations by several annotators, merged into one "
                "list (doccano has no annotator field); use one file per annotator to keep them "
                "apart"
            )
    else:
        items = list(docs)
        names = sorted(
            {s.annotator for d in items for s in d.spans}
            | {st.annotator for d in items for st in d.stances}
        )
        unique = UniqueNames()
        dropped = 0
        for name in names:
            only = [
                AnnotatedDocument(
                    d.document,
                    [s for s in d.spans if s.annotator == name],
                    [st for st in d.stances if st.annotator == name],
                )
                for d in items
            ]
            target = out.with_name(f"{out.stem}.{unique(name)}{out.suffix}")
            dropped += _write_file(only, target, form, report)[1]
        report.documents = len(items)
    if dropped:
        report.warn(
            f"doccano cannot hold a span's stance, target or note: dropped from {dropped} span(s)"
        )
    return report


def _category(value: Any, doc_id: str, annotator: str, where: Where) -> DocumentStance:
    if not isinstance(value, str) or not value.strip():
        where.fail(f"a category must be a non-empty string, got {value!r}")
    target, sep, stance = value.rpartition(": ")
    if not sep or not target.strip() or not stance.strip():
        target, stance = DOCUMENT_TARGET, value
    return DocumentStance(doc_id, annotator, target, stance)


def _entity(raw: Any, where: Where) -> tuple[Any, Any, Any]:
    if isinstance(raw, list) and len(raw) == 3:
        return raw[0], raw[1], raw[2]
    if isinstance(raw, dict):
        return raw.get("start_offset"), raw.get("end_offset"), raw.get("label")
    where.fail(f"a span must be [start, end, label] or an entity object, got {raw!r}")


def _parse(record: Any, where: Where, default: str, override: str | None) -> AnnotatedDocument:
    if not isinstance(record, dict):
        where.fail("each line must be a JSON object")
    text = document_text(record, "text", where, "a document")
    doc_id = identifier(record.get("id"), where, "document") or default_document_id(text)
    annotator = override or optional_str(record, "annotator", where, "document") or default
    spans: list[Span] = []
    stances: list[DocumentStance] = []
    for key in ("label", "labels", "entities", "cats"):
        values = record.get(key)
        if values is None:
            continue
        if not isinstance(values, list):
            where.fail(f"{key!r} must be a list")
        for raw in values:
            if key == "cats" or isinstance(raw, str):
                stances.append(_category(raw, doc_id, annotator, where))
                continue
            start, end, label = _entity(raw, where)
            start, end = check_offsets(start, end, text, where)
            if not isinstance(label, str) or not label.strip():
                where.fail(f"a span label must be a non-empty string, got {label!r}")
            spans.append(Span(new_id(), doc_id, start, end, label, annotator))
    return AnnotatedDocument(Document(id=doc_id, text=text), spans, stances)


def read_doccano(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read doccano JSONL (both forms), all or nothing.

    Spans get new ids; their annotator is the line's "annotator", else
    `default_annotator`; `override_annotator` replaces both. Raises InputError naming
    the file and line, with the same strictness as the native reader.
    """
    path = Path(path)
    collector = DocumentCollector()
    for number, record in iter_json_lines(path):
        where = Where(path, number)
        collector.add(_parse(record, where, default_annotator, override_annotator), where)
    return collector.documents()
