"""doccano JSONL, as doccano (1.x) imports and exports it.

Written, one object per line, in the shape the chosen doccano project type reads
(``project=``; doccano keeps keys it does not read as the example's metadata):

- ``"sequence-labeling"`` (default; "Sequence labeling" projects read "text" and
  "label"): ``{"id", "text", "label": [[start, end, "Label"], ...], "cats", "annotator"}``
- ``"intent"`` ("Intent detection and slot filling" projects read spans from "entities"
  and classes from "cats"): ``{"id", "text", "entities": [[start, end, "Label"], ...],
  "cats", "annotator"}``; these projects cannot hold overlapping spans, so only one
  layer is written (the earliest, then longest, span wins; the others are warned)
- ``"relation"`` (sequence labelling with relations): ``{"id", "text", "entities":
  [{"id", "start_offset", "end_offset", "label"}], "relations": [{"id", "from_id",
  "to_id", "type": "said_by"}], "cats", "annotator"}`` (a span said by a Source span)
- ``"classification"`` ("Text classification" projects read "label" as a list of
  classes): ``{"id", "text", "label": ["target: stance", ...], "annotator"}``; spans
  have no place there and are dropped (warned).

Document-level stances become classes, each ``"<target>: <stance>"``. Every line has
the same keys: doccano 1.8.4's pandas reader fills NaN into a key some lines lack,
and the import then fails on ``JSON_VALID("meta")``. doccano exports carry no
annotator (doccano issue #2329), so "annotator" is the document's one annotator, or
"" when it has none or several; ``per_annotator=True`` instead writes
``<stem>.<annotator><suffix>`` beside `out`, one file per annotator, each with every
document. doccano has no place for a span's stance, target or note: they are dropped,
with a warning. The older ``form="label"`` / ``"entities"`` mean "sequence-labeling"
and "relation".

Read: every shape above, also ``"labels"``, entities as lists or objects, and
doccano 1.0's ``"annotations": [{"label", "start_offset", "end_offset", "user"}]``
(annotator "user N"). Classes without ": " become stances toward the target
"document". Metadata keys "title", "source", "url" and "published" (top level or in
"meta") fill the document's fields; "said_by" relations between two entities become
said-by links. Other relations, "Comments" and other metadata have no place in a
project: they are counted as skipped. A pretty-printed single object or a
JSON array (as some of doccano's own examples ship) is read too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.claims.model import SpanRelation, SpanRelationKind
from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentStance,
    Scheme,
    Span,
    new_id,
)
from annotator.core.plural import counted
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
    iter_json_records,
    optional_str,
)
from .jsonl import json_line
from .report import ExportReport, valid_spans, warn_discontinuous
from .skipped import Skipped
from .span_layers import single_layer

DOCUMENT_TARGET = "document"
PROJECTS = ("sequence-labeling", "intent", "relation", "classification")
FORMS = {"label": "sequence-labeling", "entities": "relation"}  # the older option's names
_DOCUMENT_FIELDS = ("title", "source", "url", "published")
# Keys of doccano's own exports and of ours that are not metadata.
_KNOWN_KEYS = {"id", "text", "label", "labels", "entities", "cats", "relations"}
_KNOWN_KEYS |= {"annotator", "annotations", "meta", "Comments", *_DOCUMENT_FIELDS}


def _record(item: AnnotatedDocument, spans: list[Span], project: str) -> dict[str, Any]:
    doc = item.document
    record: dict[str, Any] = {"id": doc.id, "text": doc.text}
    cats = [f"{st.target}: {st.stance}" for st in item.stances]
    if project == "relation":
        record["entities"] = [
            {"id": i, "start_offset": s.start, "end_offset": s.end, "label": s.label}
            for i, s in enumerate(spans)
        ]
        index = {s.id: i for i, s in enumerate(spans)}
        record["relations"] = [
            {"id": n, "from_id": index[r.span], "to_id": index[r.source_span], "type": r.kind.value}
            for n, r in enumerate(
                r for r in item.span_relations if r.span in index and r.source_span in index
            )
        ]
    elif project == "intent":
        record["entities"] = [[s.start, s.end, s.label] for s in spans]
    elif project == "sequence-labeling":
        record["label"] = [[s.start, s.end, s.label] for s in spans]
    if project == "classification":
        record["label"] = cats
    else:
        record["cats"] = cats
    annotators = {s.annotator for s in spans} | {st.annotator for st in item.stances}
    # Always present, always a string: see the module docstring (doccano's NaN).
    record["annotator"] = annotators.pop() if len(annotators) == 1 else ""
    return record


def _write_file(
    docs: Iterable[AnnotatedDocument], out: Path, project: str, report: ExportReport
) -> tuple[int, int, int]:
    """(documents mixing annotators, spans whose stance/target/note were dropped,
    spans dropped whole)."""
    mixed = dropped = lost = lost_overlaps = 0
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        for item in docs:
            spans = valid_spans(item, report)
            report.documents += 1
            if project == "classification":
                lost += len(spans)
                spans = []
            elif project == "intent":
                # Intent projects have no "allow overlapping" setting: doccano 1.8.4 drops
                # an overlapping span on import without a word. Drop it here, warned.
                kept, overlapping = single_layer([(s.start, s.end, s) for s in spans])
                spans = [s for _, _, s in kept]
                lost_overlaps += len(overlapping)
            report.spans += len(spans)
            dropped += sum(1 for s in spans if s.stance or s.target or s.note)
            record = _record(item, spans, project)
            if not record["annotator"] and (spans or item.stances):
                mixed += 1
            handle.write(json_line(record))
    report.paths.append(Path(out))
    if lost_overlaps:
        report.warn(
            f"a doccano intent project cannot hold overlapping spans: {counted(lost_overlaps, 'span')} "
            "overlapping an earlier, longer one not exported (a sequence-labeling project with "
            "'allow overlapping' keeps them)"
        )
    return mixed, dropped, lost


def write_doccano(
    docs: Iterable[AnnotatedDocument],
    out: Path,
    scheme: Scheme,
    *,
    project: str | None = None,
    form: str | None = None,
    per_annotator: bool = False,
    **options: Any,
) -> ExportReport:
    """Write doccano JSONL (see the module docstring) atomically; OSError on failure.

    ValueError for an unknown `project` or `form`.
    """
    if form is not None and form not in FORMS:
        raise ValueError(f"form must be one of {tuple(FORMS)}, not {form!r}")
    project = project or FORMS.get(form or "label", "sequence-labeling")
    if project not in PROJECTS:
        raise ValueError(f"project must be one of {PROJECTS}, not {project!r}")
    out = Path(out)
    report = ExportReport()
    if not per_annotator:
        mixed, dropped, lost = _write_file(docs, out, project, report)
        if mixed:
            report.warn(
                f"{counted(mixed, 'document')} hold annotations by several annotators, merged into one "
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
        dropped = lost = 0
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
            _, more_dropped, more_lost = _write_file(only, target, project, report)
            dropped += more_dropped
            lost += more_lost
        report.documents = len(items)
    if dropped:
        report.warn(
            f"doccano cannot hold a span's stance, target or note: dropped from {counted(dropped, 'span')}"
        )
    if lost:
        report.warn(
            f"a doccano classification project holds no spans: {counted(lost, 'span')} not exported "
            "(choose the sequence-labeling, intent or relation project type to keep them)"
        )
    warn_discontinuous(report, "doccano")
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


def _label_name(label: Any, where: Where) -> str:
    # doccano 1.0 exported label ids (numbers) rather than names.
    if isinstance(label, int) and not isinstance(label, bool):
        return str(label)
    if not isinstance(label, str) or not label.strip():
        where.fail(f"a span label must be a non-empty string, got {label!r}")
    return label


def _v1_annotations(
    values: Any, doc_id: str, text: str, where: Where, override: str | None
) -> tuple[list[Span], list[DocumentStance]]:
    """doccano 1.0: ``[{"label", "start_offset"?, "end_offset"?, "user"}]``."""
    if not isinstance(values, list):
        where.fail("'annotations' must be a list")
    spans: list[Span] = []
    stances: list[DocumentStance] = []
    for raw in values:
        if not isinstance(raw, dict):
            where.fail("each doccano annotation must be an object")
        user = raw.get("user")
        annotator = override or (f"user {user}" if user is not None else DEFAULT_ANNOTATOR)
        label = _label_name(raw.get("label"), where)
        if "start_offset" in raw or "end_offset" in raw:
            start, end = check_offsets(raw.get("start_offset"), raw.get("end_offset"), text, where)
            spans.append(Span(new_id(), doc_id, start, end, label, annotator))
        else:
            stances.append(_category(label, doc_id, annotator, where))
    return spans, stances


def _metadata(record: dict[str, Any], where: Where, skipped: Skipped) -> dict[str, str]:
    """The document fields found among the metadata; every other metadata key is skipped."""
    fields: dict[str, str] = {}
    meta = record.get("meta")
    pools = [record] + ([meta] if isinstance(meta, dict) else [])
    if meta is not None and not isinstance(meta, dict):
        skipped.add("doccano 'meta' values that are not objects", where.path, where.line)
    for pool in pools:
        for key, value in pool.items():
            if pool is record and key in _KNOWN_KEYS:
                continue
            if key in _DOCUMENT_FIELDS and isinstance(value, str):
                fields[key] = value
            elif value not in (None, "", [], {}):
                skipped.add(f"doccano metadata fields {key!r}", where.path, where.line)
    for key in _DOCUMENT_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            fields[key] = value
    return fields


def _parse(
    record: Any, where: Where, default: str, override: str | None, skipped: Skipped
) -> AnnotatedDocument:
    if not isinstance(record, dict):
        where.fail("each line must be a JSON object")
    text = document_text(record, "text", where, "a document")
    doc_id = identifier(record.get("id"), where, "document") or default_document_id(text)
    annotator = override or optional_str(record, "annotator", where, "document") or default
    spans: list[Span] = []
    stances: list[DocumentStance] = []
    entity_ids: dict[Any, str] = {}  # doccano's entity id -> our span id
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
            span = Span(new_id(), doc_id, start, end, _label_name(label, where), annotator)
            spans.append(span)
            if isinstance(raw, dict) and raw.get("id") is not None:
                entity_ids[raw["id"]] = span.id
    if "annotations" in record:
        more_spans, more_stances = _v1_annotations(
            record["annotations"], doc_id, text, where, override
        )
        spans += more_spans
        stances += more_stances
    said_by = _said_by(record.get("relations"), entity_ids, doc_id, annotator)
    relations = record.get("relations")
    if isinstance(relations, list):
        # our model has no generic typed relation between spans (only said_by)
        skipped.add("doccano relations", where.path, where.line, len(relations) - len(said_by))
    comments = record.get("Comments")
    if isinstance(comments, list):
        skipped.add("doccano comments", where.path, where.line, len(comments))
    fields = _metadata(record, where, skipped)
    document = Document(
        id=doc_id,
        text=text,
        title=fields.get("title", ""),
        source=fields.get("source", ""),
        url=fields.get("url", ""),
        published=fields.get("published", ""),
    )
    return AnnotatedDocument(document, spans, stances, span_relations=said_by)


def _said_by(
    relations: Any, entity_ids: dict[Any, str], doc_id: str, annotator: str
) -> list[SpanRelation]:
    """The relations of type said_by between two of the line's entities."""
    if not isinstance(relations, list):
        return []
    found = []
    for raw in relations:
        if not isinstance(raw, dict) or raw.get("type") != SpanRelationKind.SAID_BY.value:
            continue
        span, source = entity_ids.get(raw.get("from_id")), entity_ids.get(raw.get("to_id"))
        if span is not None and source is not None and span != source:
            found.append(
                SpanRelation(
                    new_id(), SpanRelationKind.SAID_BY, span, source, annotator, document_id=doc_id
                )
            )
    return found


def read_doccano(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    skipped: Skipped | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read doccano JSONL (every shape in the module docstring), all or nothing.

    Spans get new ids; their annotator is the line's "annotator" (doccano 1.0: "user
    N"), else `default_annotator`; `override_annotator` replaces both. What the project
    cannot hold is counted into `skipped`. Raises InputError naming the file and line,
    with the same strictness as the native reader, also for several classes given to
    one target (a multi-label classification: the project holds one per target).
    """
    path = Path(path)
    skipped = skipped if skipped is not None else Skipped()
    collector = DocumentCollector()
    for number, record in iter_json_records(path):
        where = Where(path, number)
        collector.add(_parse(record, where, default_annotator, override_annotator, skipped), where)
    return collector.documents()
