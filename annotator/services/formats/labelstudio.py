"""Label Studio JSON: a list of tasks, one per document, one annotation per annotator.

Each task is ``{"id": n, "data": {"text", "doc_id", "title", "source", "url",
"published"}, "annotations": [...], "predictions": []}``. An annotation carries
``completed_by`` and ``completed_by_name`` (both the annotator's name) and results:

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
  derivations have no place in a task and are not written (use native JSONL for those).

Offsets are code points (Label Studio since 2022). `label_config(scheme)` gives a
matching labelling configuration to paste into the project settings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring as _json_str  # C-accelerated
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.claims.model import SpanRelation, SpanRelationKind
from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentStance,
    Scheme,
    Span,
    new_id,
)
from annotator.services.atomic_write import atomic_output

from .claim_records import ClaimGatherer, WordingIndex
from .document_collector import DocumentCollector
from .json_input import (
    DEFAULT_ANNOTATOR,
    Where,
    check_offsets,
    default_document_id,
    identifier,
    is_int,
    iter_json_array,
    optional_str,
)
from .report import ExportReport, valid_spans

DOCUMENT_TARGET = "document"
_DATA_FIELDS = ("title", "source", "url", "published")


def label_config(scheme: Scheme) -> str:
    """A Label Studio labelling configuration with the names this module writes."""

    def options(tag: str, names: Iterable[str]) -> str:
        return "".join(f"<{tag} value={quoteattr(n)}/>" for n in names)

    stances = [s.name for s in scheme.stances]
    targets = [t.name for t in scheme.targets]
    return (
        "<View>"
        f'<Labels name="label" toName="text">{options("Label", [x.name for x in scheme.labels])}'
        "</Labels>"
        '<Text name="text" value="$text"/>'
        '<Choices name="stance" toName="text" perRegion="true">'
        f"{options('Choice', stances)}</Choices>"
        '<Choices name="target" toName="text" perRegion="true">'
        f"{options('Choice', targets)}</Choices>"
        '<TextArea name="note" toName="text" perRegion="true"/>'
        f'<Choices name="doc_stance" toName="text">{options("Choice", stances)}</Choices>'
        "</View>"
    )


def _span_results(span: Span, text: str, wording: str | None = None) -> list[str]:
    """The span's result objects as JSON text.

    Written as text with the C string encoder rather than as dicts for json.dumps:
    this runs for every span of a 100,000-span export, and building and encoding
    2-4 nested dicts per span tripled the export time.
    """
    sid = _json_str(span.id)
    where = f'"start": {span.start}, "end": {span.end}'
    head = f'{{"id": {sid}, "to_name": "text", '
    meta = ""
    if span.claim is not None:
        meta = (
            f', "meta": {{"claim": {_json_str(span.claim)}, '
            f'"claim_text": {_json_str(wording or span.claim)}, '
            f'"claim_value": {_json_str(span.claim_value)}}}'
        )
    results = [
        f'{head}"from_name": "label", "type": "labels", "value": {{{where}, '
        f'"text": {_json_str(text[span.start : span.end])}, "labels": [{_json_str(span.label)}]}}'
        f"{meta}}}"
    ]
    for name, value in (("stance", span.stance), ("target", span.target)):
        if value:
            results.append(
                f'{head}"from_name": "{name}", "type": "choices", '
                f'"value": {{{where}, "choices": [{_json_str(value)}]}}}}'
            )
    if span.note:
        results.append(
            f'{head}"from_name": "note", "type": "textarea", '
            f'"value": {{{where}, "text": [{_json_str(span.note)}]}}}}'
        )
    return results


def write_labelstudio(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write a Label Studio task list (see the module docstring) atomically."""
    report = ExportReport()
    annotation_id = 0
    wordings = WordingIndex()
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("[")
        for task_id, item in enumerate(docs, start=1):
            wordings.take(item)
            doc = item.document
            spans = valid_spans(item, report)
            report.documents += 1
            report.spans += len(spans)
            results: dict[str, list[str]] = {}
            for span in spans:
                results.setdefault(span.annotator, []).extend(
                    _span_results(span, doc.text, wordings.wording(span.claim))
                )
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
                results.setdefault(stance.annotator, []).append(
                    json.dumps(
                        {
                            "id": f"doc-{n}",
                            "from_name": "doc_stance",
                            "to_name": "text",
                            "type": "choices",
                            "value": {"choices": [stance.stance]},
                            "meta": {"target": stance.target},
                        },
                        ensure_ascii=False,
                    )
                )
            annotations = []
            for annotator in sorted(results):
                annotation_id += 1
                name = _json_str(annotator)
                annotations.append(
                    f'{{"id": {annotation_id}, "completed_by": {name}, "completed_by_name": {name}, '
                    f'"was_cancelled": false, "result": [{", ".join(results[annotator])}]}}'
                )
            data = {"text": doc.text, "doc_id": doc.id}
            data.update({key: getattr(doc, key) for key in _DATA_FIELDS})
            # One task per line: readable, and every piece went through json's C encoder.
            handle.write(
                f'{"" if task_id == 1 else ","}\n{{"id": {task_id}, '
                f'"data": {json.dumps(data, ensure_ascii=False)}, '
                f'"annotations": [{", ".join(annotations)}], "predictions": []}}'
            )
        handle.write("\n]\n")
    report.paths.append(Path(out))
    return report


def _annotator_name(annotation: dict[str, Any], default: str) -> str:
    name = annotation.get("completed_by_name")
    if isinstance(name, str) and name.strip():
        return name
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        for key in ("email", "username", "id"):
            if isinstance(who.get(key), str | int) and str(who[key]).strip():
                return str(who[key])
    elif isinstance(who, str) and who.strip():
        return who
    elif is_int(who):
        return f"user {who}"
    return default


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
    annotation: Any, doc_id: str, text: str, where: Where, annotator: str, claims: ClaimGatherer
) -> tuple[list[Span], list[DocumentStance], list[SpanRelation]]:
    if not isinstance(annotation, dict):
        where.fail("each annotation must be an object")
    results = annotation.get("result") or []
    if not isinstance(results, list):
        where.fail("'result' must be a list")
    regions: dict[str, list[Span]] = {}
    attributes: list[tuple[str, str, Any]] = []
    stances: list[DocumentStance] = []
    links: list[tuple[str, str]] = []
    for result in results:
        if not isinstance(result, dict):
            where.fail("each result must be an object")
        kind = result.get("type")
        if kind == "relation":
            labels = result.get("labels")
            if isinstance(labels, list) and SpanRelationKind.SAID_BY.value in labels:
                source, target = result.get("from_id"), result.get("to_id")
                if isinstance(source, str) and isinstance(target, str):
                    links.append((source, target))
            continue
        value = _region_value(result, where) if kind in ("labels", "choices", "textarea") else {}
        region = identifier(result.get("id"), where, "result") or new_id()
        if kind == "labels":
            start, end = value.get("start"), value.get("end")
            start, end = check_offsets(start, end, text, where, "region")
            given = value.get("text")
            if given is not None and given != text[start:end]:
                where.fail(f"region text {given!r} does not match the text at {start}..{end}")
            labels = _names(value, "labels", where)
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
        elif kind in ("choices", "textarea") and "start" in value:
            attributes.append((region, str(result.get("from_name")), value))
        elif kind == "choices":
            meta = result.get("meta")
            target = meta.get("target") if isinstance(meta, dict) else None
            if not isinstance(target, str) or not target.strip():
                target = DOCUMENT_TARGET
            stances += [
                DocumentStance(doc_id, annotator, target, choice)
                for choice in _names(value, "choices", where)
            ]
    for region, name, value in attributes:
        if region not in regions:
            where.fail(f"result {region!r} ({name}) refers to no labelled region")
        if name in ("stance", "target"):
            choice = _names(value, "choices", where)
            changes = {name: choice[0] if choice else None}
        elif name == "note":
            note = value.get("text")
            lines = note if isinstance(note, list) else [note]
            changes = {"note": "\n".join(str(x) for x in lines if x is not None)}
        else:
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


def _replace(span: Span, **changes: Any) -> Span:
    from dataclasses import replace

    return replace(span, **changes)


def _read_task(
    task: Any, where: Where, default: str, override: str | None, claims: ClaimGatherer
) -> AnnotatedDocument:
    if not isinstance(task, dict):
        where.fail("each task must be an object")
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        where.fail("a task needs 'data' with a string 'text'")
    text = data["text"]
    doc_id = identifier(data.get("doc_id"), where, "document") or default_document_id(text)
    fields = {key: optional_str(data, key, where, "task data") or "" for key in _DATA_FIELDS}
    spans: list[Span] = []
    stances: list[DocumentStance] = []
    said_by: list[SpanRelation] = []
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        where.fail("'annotations' must be a list")
    for annotation in annotations:
        if isinstance(annotation, dict) and annotation.get("was_cancelled"):
            continue
        name = override or _annotator_name(
            annotation if isinstance(annotation, dict) else {}, default
        )
        more_spans, more_stances, more_links = _read_annotation(
            annotation, doc_id, text, where, name, claims
        )
        spans += more_spans
        stances += more_stances
        said_by += more_links
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
    )


def read_labelstudio(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read a Label Studio JSON export (a task list, or one task), all or nothing.

    The annotator is ``completed_by_name``, else ``completed_by`` (a name, an object
    with an e-mail, or a user number, read as "user N"), else `default_annotator`;
    `override_annotator` replaces them all. Cancelled annotations, predictions and
    relations other than said_by are skipped. InputError names the file and the line where the task
    starts.
    """
    path = Path(path)
    collector = DocumentCollector()
    claims = ClaimGatherer(default_annotator, override_annotator)
    for line, task in iter_json_array(path):
        where = Where(path, line)
        collector.add(_read_task(task, where, default_annotator, override_annotator, claims), where)
    documents = collector.documents()
    claims.finish(documents)
    return documents
