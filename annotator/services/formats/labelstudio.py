# Over 400 lines: the reader and the writer of one format stay together, so its round-trip rules
# sit side by side.
"""Label Studio JSON: a list of tasks, one per document, one annotation per annotator.

Each task is ``{"id": n, "data": {"text", "doc_id", "title", "source", "url",
"published"}, "annotations": [...], "predictions": []}``, one annotation per annotator
with ``completed_by_name`` (the plain name, which our reader prefers). Label Studio
(verified with 1.23.2) accepts ``completed_by`` only absent, as a member id or as
``{"email": ...}`` of an existing member, and refuses anything else (a plain name, an
unknown e-mail) with HTTP 400, importing nothing. So by default (``users="omit"``)
``completed_by`` is left out: the file imports into any project, each annotator's work
stays a separate annotation, credited there to whoever imports it. Label Studio drops
``completed_by_name`` but keeps a region's ``meta``, so each labels region and document
stance also carries ``meta.annotator``: our reader restores the names from a task list
that went through Label Studio. With
``users="email"`` it is ``{"email": "<name>@annotator.invalid"}`` (`annotator_email`:
the name with anything but letters, digits, ".", "_" and "-" replaced, plus a short
hash when it had to be changed; ".invalid" is a reserved domain that never reaches
anyone), which Label Studio maps to the members with those e-mails (create them first)
and our reader turns back into the name. Results:

- a span: ``{"id": <span id>, "from_name": "label", "to_name": "text", "type": "labels",
  "value": {"start", "end", "text", "labels": [label]}}``
- its stance and target, as per-region choices reusing the region id:
  ``from_name`` "stance" / "target", ``type`` "choices", ``value {start, end, choices}``
- its note: ``from_name`` "note", ``type`` "textarea", ``value {start, end, text: [note]}``
- a document-level stance: ``from_name`` "doc_stance", ``type`` "choices",
  ``value {"choices": [stance]}`` without start/end, the target in ``meta.target``.
- a span's claim: ``meta {"claim": id, "claim_text": wording, "claim_value": value}`` on
  its labels region (Label Studio keeps a region's meta); a said-by link: a standard
  relation ``{"type": "relation", "from_id": span, "to_id": source, "direction": "right",
  "labels": ["said_by"]}``. Claims without mentions, claim relations, silent marks and
  derivations ride in the task's ``meta`` (which Label Studio keeps with a task):
  ``{"annotator": {"silent": [...], "derived_from": [...], "claims": [...],
  "claim_relations": [...]}}``, each list as native JSONL writes it, so claims round-trip.

Offsets are code points (Label Studio since 2022). Beside the tasks the export writes
``<stem>.label_config.xml`` (`label_config`), the labelling configuration whose names
and values match every result written, to paste into the project's Labeling Setup.

Read: task lists, a single task object, tasks without "data" (``{"text": ...}``), Label
Studio 0.x ``completions`` (read as annotations) and ``predictions``, each read as the
separate annotator ``model:<model_version>`` so they never mix with people's work. A
document-level choice becomes a stance toward the target in ``meta.target``, else the
result's ``from_name`` ("doc_stance" meaning the target "document"). Relations, other
result types (rectangles, ratings...), per-region results other than stance, target and
note, document-level texts and task data fields other than ours are counted as skipped.
Several labels on one region become one span each; several choices for one target are
refused (the project holds one stance per target).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from json.encoder import encode_basestring as _json_str  # C-accelerated
from pathlib import Path
from typing import Any

from annotator.core.claims.model import Derivation, SilentMark, SpanRelation, SpanRelationKind
from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentStance,
    Scheme,
    Span,
    new_id,
)
from annotator.services.atomic_write import atomic_output

from .claim_records import (
    ClaimGatherer,
    WordingIndex,
    claim_line,
    document_claim_fields,
    relation_line,
)
from .document_collector import DocumentCollector
from .json_input import (
    DEFAULT_ANNOTATOR,
    Where,
    check_offsets,
    default_document_id,
    document_text,
    identifier,
    is_int,
    iter_json_array,
    optional_str,
)
from .report import ExportReport, valid_spans, warn_discontinuous
from .skipped import Skipped

DOCUMENT_TARGET = "document"
DOC_STANCE = "doc_stance"
EMAIL_DOMAIN = "annotator.invalid"
MODEL_PREFIX = "model:"
CONFIG_SUFFIX = ".label_config.xml"
_DATA_FIELDS = ("title", "source", "url", "published")
_OUR_DATA = {"text", "doc_id", *_DATA_FIELDS}
_EMAIL_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Task keys that are Label Studio's bookkeeping, not annotation content.
_TASK_KEYS = {"id", "data", "annotations", "completions", "predictions", "meta"}


def annotator_email(name: str) -> str:
    """The e-mail-shaped id written as ``completed_by``; distinct names give distinct ids."""
    local = _EMAIL_UNSAFE.sub("-", name).strip(".-")[:48] or "annotator"
    if local != name:
        local += "-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{local}@{EMAIL_DOMAIN}"


def label_config(
    scheme: Scheme,
    labels: Iterable[str] = (),
    stances: Iterable[str] = (),
    targets: Iterable[str] = (),
) -> str:
    """The Label Studio labelling configuration for the tasks this module writes: the
    scheme's labels, stance values and targets, then any others the tasks use."""

    def names(items: Iterable[str], more: Iterable[str]) -> list[str]:
        return list(dict.fromkeys([*items, *more]))

    from xml.sax.saxutils import quoteattr  # pulls in urllib and http: only when used

    def options(tag: str, values: Iterable[str]) -> str:
        return "".join(f"<{tag} value={quoteattr(v)}/>" for v in values)

    label_names = names((x.name for x in scheme.labels), labels)
    stance_names = names((x.name for x in scheme.stances), stances)
    target_names = names((x.name for x in scheme.targets), targets)
    # Label Studio refuses a Labels or Choices tag without options; no result can use
    # a control without values, so such a control is left out.
    lines = ["<View>"]
    if label_names:
        lines.append(
            f'  <Labels name="label" toName="text">{options("Label", label_names)}</Labels>'
        )
    lines.append('  <Text name="text" value="$text"/>')
    if stance_names:
        lines.append(
            '  <Choices name="stance" toName="text" perRegion="true">'
            f"{options('Choice', stance_names)}</Choices>"
        )
    if target_names:
        lines.append(
            '  <Choices name="target" toName="text" perRegion="true">'
            f"{options('Choice', target_names)}</Choices>"
        )
    lines.append('  <TextArea name="note" toName="text" perRegion="true"/>')
    if stance_names:
        lines.append(
            f'  <Choices name="{DOC_STANCE}" toName="text">{options("Choice", stance_names)}'
            "</Choices>"
        )
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def config_path(out: Path) -> Path:
    """Where the labelling configuration of an export to `out` is written."""
    return out.with_name(out.stem + CONFIG_SUFFIX)


def _span_results(r: tuple[Any, ...], text: str) -> list[str]:
    """The result objects, as JSON text, of a span given as a row (store/table_rows.py
    SPAN_ROW_COLUMNS: id, document, start, end, label, annotator, stance, target, note,
    origin, claim, claim value, fragments, claim wording).

    Written as text with the C string encoder rather than as dicts for json.dumps:
    this runs for every span of a 100,000-span export, and building and encoding
    2-4 nested dicts per span tripled the export time.
    """
    sid = _json_str(r[0])
    where = f'"start": {r[2]}, "end": {r[3]}'
    head = f'{{"id": {sid}, "to_name": "text", '
    # Label Studio keeps a region's meta but drops unknown annotation keys: the name rides
    # here too, so a task list re-exported by Label Studio still says who annotated.
    meta = f', "meta": {{"annotator": {_json_str(r[5])}'
    if r[10] is not None:
        meta += (
            f', "claim": {_json_str(r[10])}, '
            f'"claim_text": {_json_str(r[13] or r[10])}, '
            f'"claim_value": {_json_str(r[11])}'
        )
    meta += "}"
    results = [
        f'{head}"from_name": "label", "type": "labels", "value": {{{where}, '
        f'"text": {_json_str(text[r[2] : r[3]])}, "labels": [{_json_str(r[4])}]}}'
        f"{meta}}}"
    ]
    for name, value in (("stance", r[6]), ("target", r[7])):
        if value:
            results.append(
                f'{head}"from_name": "{name}", "type": "choices", '
                f'"value": {{{where}, "choices": [{_json_str(value)}]}}}}'
            )
    if r[8]:
        results.append(
            f'{head}"from_name": "note", "type": "textarea", '
            f'"value": {{{where}, "text": [{_json_str(r[8])}]}}}}'
        )
    return results


def _span_row(span: Span, wording: str | None) -> tuple[Any, ...]:
    """`span` as the row `_span_results` reads (the fragments column only says whether)."""
    return (
        span.id, span.document_id, span.start, span.end, span.label, span.annotator,
        span.stance, span.target, span.note, span.origin, span.claim, span.claim_value,
        bool(span.fragments), wording,
    )  # fmt: skip


def _with_span_rows(
    docs: Iterable[AnnotatedDocument], report: ExportReport
) -> Iterator[tuple[AnnotatedDocument, list[tuple[Any, ...]]]]:
    wordings = WordingIndex()
    for item in docs:
        wordings.take(item)
        yield item, [_span_row(s, wordings.wording(s.claim)) for s in valid_spans(item, report)]


USERS = ("omit", "email")


def write_labelstudio(
    docs: Iterable[AnnotatedDocument],
    out: Path,
    scheme: Scheme,
    *,
    users: str = "omit",
    **options: Any,
) -> ExportReport:
    """Write a Label Studio task list and its labelling configuration (see the module
    docstring), each atomically; OSError on failure, ValueError for unknown `users`."""
    report = ExportReport()
    return write_tasks(_with_span_rows(docs, report), out, scheme, users=users, report=report)


def write_tasks(
    documents: Iterable[tuple[AnnotatedDocument, list[tuple[Any, ...]]]],
    out: Path,
    scheme: Scheme,
    *,
    users: str,
    report: ExportReport,
) -> ExportReport:
    """`write_labelstudio` of documents given with their spans as rows (see
    `_span_results`), already checked and counted into `report` as `valid_spans` does."""
    if users not in USERS:
        raise ValueError(f"users must be one of {USERS}, not {users!r}")
    out = Path(out)
    annotation_id = 0
    used: dict[str, dict[str, None]] = {"label": {}, "stance": {}, "target": {}}
    labels, stances, targets = used["label"], used["stance"], used["target"]
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("[")
        for task_id, (item, spans) in enumerate(documents, start=1):
            doc = item.document
            report.documents += 1
            report.spans += len(spans)
            results: dict[str, list[str]] = {}
            for r in spans:
                results.setdefault(r[5], []).extend(_span_results(r, doc.text))
                labels[r[4]] = None
                if r[6]:
                    stances[r[6]] = None
                if r[7]:
                    targets[r[7]] = None
            for relation in item.span_relations:
                results.setdefault(relation.annotator, []).append(
                    json.dumps(
                        {
                            "type": "relation",
                            "from_id": relation.span,
                            "to_id": relation.source_span,
                            "direction": "right",
                            "labels": [relation.kind.value],
                        }
                    )
                )
            for n, stance in enumerate(item.stances):
                used["stance"][stance.stance] = None
                results.setdefault(stance.annotator, []).append(
                    json.dumps(
                        {
                            "id": f"doc-{n}",
                            "from_name": DOC_STANCE,
                            "to_name": "text",
                            "type": "choices",
                            "value": {"choices": [stance.stance]},
                            "meta": {"target": stance.target, "annotator": stance.annotator},
                        },
                        ensure_ascii=False,
                    )
                )
            annotations = []
            for annotator in sorted(results):
                annotation_id += 1
                who = ""
                if users == "email":
                    who = f'"completed_by": {{"email": {_json_str(annotator_email(annotator))}}}, '
                annotations.append(
                    f'{{"id": {annotation_id}, {who}'
                    f'"completed_by_name": {_json_str(annotator)}, '
                    f'"was_cancelled": false, "result": [{", ".join(results[annotator])}]}}'
                )
            data = {"text": doc.text, "doc_id": doc.id}
            data.update({key: getattr(doc, key) for key in _DATA_FIELDS})
            records = _task_claim_records(item)
            meta = (
                f', "meta": {json.dumps({"annotator": records}, ensure_ascii=False)}'
                if records
                else ""
            )
            # One task per line: readable, and every piece went through json's C encoder.
            handle.write(
                f'{"" if task_id == 1 else ","}\n{{"id": {task_id}, '
                f'"data": {json.dumps(data, ensure_ascii=False)}, '
                f'"annotations": [{", ".join(annotations)}], "predictions": []{meta}}}'
            )
        handle.write("\n]\n")
    report.paths.append(out)
    config = label_config(scheme, used["label"], used["stance"], used["target"])
    with atomic_output(config_path(out), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(config)
    report.paths.append(config_path(out))
    warn_discontinuous(report, "Label Studio")
    return report


def _task_claim_records(item: AnnotatedDocument) -> dict[str, Any]:
    """The task's `meta.annotator`: its silent marks and derivations and the claims and
    claim relations riding on it, in native JSONL's shapes."""
    records = {k: v for k, v in document_claim_fields(item).items() if k != "said_by"}
    if item.claims:
        records["claims"] = [claim_line(c) for c in item.claims]
    if item.claim_relations:
        records["claim_relations"] = [relation_line(r) for r in item.claim_relations]
    return records


def _from_email(email: str) -> str:
    local, _, domain = email.rpartition("@")
    return local if domain == EMAIL_DOMAIN and local else email


def _annotator_name(annotation: dict[str, Any], default: str) -> str:
    name = annotation.get("completed_by_name")
    if isinstance(name, str) and name.strip():
        return name
    for result in annotation.get("result") or []:  # our regions' meta (see _span_results)
        meta = result.get("meta") if isinstance(result, dict) else None
        who = meta.get("annotator") if isinstance(meta, dict) else None
        if isinstance(who, str) and who.strip():
            return who
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        for key in ("email", "username", "id"):
            if isinstance(who.get(key), str | int) and str(who[key]).strip():
                return _from_email(str(who[key])) if key == "email" else str(who[key])
    elif isinstance(who, str) and who.strip():
        return _from_email(who)
    elif is_int(who):
        return f"user {who}"
    return default


def _model_name(prediction: dict[str, Any]) -> str:
    version = prediction.get("model_version")
    if isinstance(version, str | int) and str(version).strip():
        return f"{MODEL_PREFIX}{version}"
    return f"{MODEL_PREFIX}prediction"


def _region_value(result: dict[str, Any], where: Where) -> dict[str, Any]:
    value = result.get("value")
    if not isinstance(value, dict):
        where.fail(f"result {result.get('id')!r} needs an object 'value'")
    return value


def _names(value: dict[str, Any], key: str, where: Where) -> list[str]:
    names = value.get(key)
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        where.fail(f"{key!r} must be a list of non-empty strings")
    return names


def _read_annotation(
    annotation: Any,
    doc_id: str,
    text: str,
    where: Where,
    annotator: str,
    claims: ClaimGatherer,
    skipped: Skipped,
) -> tuple[list[Span], list[DocumentStance], list[SpanRelation]]:
    if not isinstance(annotation, dict):
        where.fail("each annotation must be an object")
    results = annotation.get("result") or []
    if not isinstance(results, list):
        where.fail("'result' must be a list")
    regions: dict[str, list[Span]] = {}
    attributes: list[tuple[str, str, Any, dict[str, Any]]] = []  # region, name, type, value
    stances: list[DocumentStance] = []
    links: list[tuple[str, str]] = []
    for result in results:
        if not isinstance(result, dict):
            where.fail("each result must be an object")
        kind = result.get("type")
        if kind == "relation":
            labels = result.get("labels")
            source, target = result.get("from_id"), result.get("to_id")
            if (
                isinstance(labels, list)
                and SpanRelationKind.SAID_BY.value in labels
                and isinstance(source, str)
                and isinstance(target, str)
            ):
                links.append((source, target))
            else:
                # our model has no generic typed relation between spans (only said_by)
                skipped.add("Label Studio relations", where.path, where.line)
            continue
        if kind not in ("labels", "choices", "textarea"):
            skipped.add(f"Label Studio {kind!r} results", where.path, where.line)
            continue
        value = _region_value(result, where)
        region = identifier(result.get("id"), where, "result") or new_id()
        if kind == "labels":
            start, end = value.get("start"), value.get("end")
            start, end = check_offsets(start, end, text, where, "region")
            given = value.get("text")
            if given is not None and given != text[start:end]:
                where.fail(f"region text {given!r} does not match the text at {start}..{end}")
            labels = _names(value, "labels", where)
            if not labels:  # it would vanish without a trace
                where.fail(f"region {region!r} at {start}..{end} has an empty 'labels' list")
            meta = result.get("meta")
            claim, claim_value = (
                claims.span_claim(meta, annotator, where) if isinstance(meta, dict) else (None, "")
            )
            regions[region] = [
                Span(
                    region if len(labels) == 1 else f"{region}-{i}",
                    doc_id,
                    start,
                    end,
                    label,
                    annotator,
                    claim=claim if i == 0 else None,  # one span per claim link
                    claim_value=claim_value if i == 0 else "",
                )
                for i, label in enumerate(labels)
            ]
        elif "start" in value:
            attributes.append((region, str(result.get("from_name")), kind, value))
        elif kind == "choices":
            stances += _document_choices(result, value, doc_id, annotator, where)
        else:
            skipped.add("Label Studio document-level texts", where.path, where.line)
    for region, name, kind, value in attributes:
        if region not in regions:
            where.fail(f"result {region!r} ({name}) refers to no labelled region")
        if name in ("stance", "target") and kind == "choices":
            choice = _names(value, "choices", where)
            if len(choice) > 1:
                where.fail(
                    f"region {region!r} has several {name} choices {choice!r}; a span holds "
                    f"one {name}, so importing would lose all but one"
                )
            changes = {name: choice[0] if choice else None}
        elif name == "note" and kind == "textarea":
            note = value.get("text")
            lines = note if isinstance(note, list) else [note]
            changes = {"note": "\n".join(str(x) for x in lines if x is not None)}
        else:
            skipped.add(f"Label Studio per-region {kind} {name!r}", where.path, where.line)
            continue
        regions[region] = [_replace(span, **changes) for span in regions[region]]
    said_by = [
        SpanRelation(
            new_id(),
            SpanRelationKind.SAID_BY,
            regions[source][0].id,
            regions[target][0].id,
            annotator,
            document_id=doc_id,
        )
        for source, target in links
        if source in regions and target in regions and source != target
    ]
    return [span for group in regions.values() for span in group], stances, said_by


def _document_choices(
    result: dict[str, Any], value: dict[str, Any], doc_id: str, annotator: str, where: Where
) -> list[DocumentStance]:
    meta = result.get("meta")
    target = meta.get("target") if isinstance(meta, dict) else None
    if not isinstance(target, str) or not target.strip():
        name = result.get("from_name")
        target = name if isinstance(name, str) and name.strip() else DOC_STANCE
        if target == DOC_STANCE:
            target = DOCUMENT_TARGET
    # Several choices for one target reach the collector, which refuses them clearly.
    return [
        DocumentStance(doc_id, annotator, target, choice)
        for choice in _names(value, "choices", where)
    ]


def _replace(span: Span, **changes: Any) -> Span:
    return replace(span, **changes)


def _read_task(
    task: Any,
    where: Where,
    default: str,
    override: str | None,
    claims: ClaimGatherer,
    skipped: Skipped,
) -> AnnotatedDocument:
    if not isinstance(task, dict):
        where.fail("each task must be an object")
    data = task.get("data")
    if data is None and isinstance(task.get("text"), str):
        # Label Studio also imports bare tasks: every key but its own is data.
        data = {k: v for k, v in task.items() if k not in _TASK_KEYS}
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        where.fail("a task needs 'data' with a string 'text'")
    for key in data:
        if key not in _OUR_DATA:
            skipped.add(f"Label Studio task data fields {key!r}", where.path, where.line)
    text = document_text(data, "text", where, "a task's 'data'")
    doc_id = identifier(data.get("doc_id"), where, "document") or default_document_id(text)
    fields = {key: optional_str(data, key, where, "task data") or "" for key in _DATA_FIELDS}
    spans: list[Span] = []
    stances: list[DocumentStance] = []
    said_by: list[SpanRelation] = []
    # Label Studio 0.x called annotations "completions".
    key = "annotations" if "annotations" in task else "completions"
    annotations = task.get(key) or []
    predictions = task.get("predictions") or []
    if not isinstance(annotations, list) or not isinstance(predictions, list):
        where.fail(f"{key!r} and 'predictions' must be lists")
    for annotation in annotations:
        if isinstance(annotation, dict) and annotation.get("was_cancelled"):
            continue
        name = override or _annotator_name(
            annotation if isinstance(annotation, dict) else {}, default
        )
        more_spans, more_stances, more_links = _read_annotation(
            annotation, doc_id, text, where, name, claims, skipped
        )
        spans += more_spans
        stances += more_stances
        said_by += more_links
    for prediction in predictions:
        # A model's output is never anyone's annotation: always its own annotator.
        name = _model_name(prediction if isinstance(prediction, dict) else {})
        more_spans, more_stances, _ = _read_annotation(
            prediction, doc_id, text, where, name, claims, skipped
        )
        spans += [replace(span, id=f"{span.id}@{name}") for span in more_spans]
        stances += more_stances
    silent, derived = _read_task_claim_records(task, doc_id, where, claims, skipped)
    return AnnotatedDocument(
        Document(
            id=doc_id,
            text=text,
            title=fields["title"],
            source=fields["source"],
            url=fields["url"],
            published=fields["published"],
        ),
        spans,
        stances,
        span_relations=said_by,
        silences=silent,
        derivations=derived,
    )


def _read_task_claim_records(
    task: dict[str, Any], doc_id: str, where: Where, claims: ClaimGatherer, skipped: Skipped
) -> tuple[list[SilentMark], list[Derivation]]:
    """Our `meta.annotator` records (see _task_claim_records); other task meta is skipped."""
    meta = task.get("meta")
    if meta is None or meta == {}:
        return [], []
    if not isinstance(meta, dict):
        where.fail("a task's 'meta' must be an object")
    for key in meta:
        if key != "annotator":
            skipped.add(f"Label Studio task meta fields {key!r}", where.path, where.line)
    records = meta.get("annotator")
    if records is None:
        return [], []
    if not isinstance(records, dict):
        where.fail("a task's 'meta.annotator' must be an object")
    for key in ("claims", "claim_relations"):
        if not isinstance(records.get(key) or [], list):
            where.fail(f"'meta.annotator.{key}' must be a list")
    for raw in records.get("claims") or []:
        if not isinstance(raw, dict):
            where.fail("each claim must be a JSON object")
        claims.claim_record(raw, where)
    for raw in records.get("claim_relations") or []:
        if not isinstance(raw, dict):
            where.fail("each claim relation must be a JSON object")
        claims.relation_record(raw, where)
    _, silent, derived = claims.document_records(
        {k: records[k] for k in ("silent", "derived_from") if k in records}, doc_id, where
    )
    return silent, derived


def read_labelstudio(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    skipped: Skipped | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read a Label Studio JSON export (see the module docstring), all or nothing.

    The annotator is ``completed_by_name``, else the ``meta.annotator`` of its first
    region that has one, else ``completed_by`` (a name, an object
    with an e-mail, or a user number, read as "user N"; our ``@annotator.invalid``
    e-mails give back the name part), else `default_annotator`; `override_annotator`
    replaces them all, but never a prediction's ``model:<version>``. Cancelled
    annotations are left out; said_by relations are read; what the project cannot hold
    is counted into `skipped`. InputError names the file and the line where the task
    starts.
    """
    path = Path(path)
    skipped = skipped if skipped is not None else Skipped()
    collector = DocumentCollector()
    claims = ClaimGatherer(default_annotator, override_annotator)
    for line, task in iter_json_array(path):
        where = Where(path, line)
        collector.add(
            _read_task(task, where, default_annotator, override_annotator, claims, skipped),
            where,
        )
    documents = collector.documents()
    claims.finish(documents)
    return documents
