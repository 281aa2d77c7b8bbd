"""The native interchange format: one JSON document per line with its spans and stances.

Each line is
``{"id", "title", "source", "url", "published", "text", "sha256",
"spans": [{"id", "start", "end", "text", "label", "annotator", "stance", "target", "note",
"fragments"?}], "stances": [{"annotator", "target", "stance"}]}``
plus ``"format"`` and ``"styles": [[start, end, style], ...]`` for documents that came from
Markdown or HTML. Spans also carry ``"claim"``, ``"claim_text"`` and ``"claim_value"``;
documents may carry ``"said_by"``, ``"silent"`` and ``"derived_from"``; claim and claim
relation lines (``{"type": "claim", ...}``) follow the documents (see claim_records.py).
Offsets are Unicode code points into "text", end exclusive, and each span's "text" is
``text[start:end]``. A discontinuous span (from brat) also has ``"fragments": [[start, end],
...]``, its pieces in order from "start" to "end". The file is UTF-8 without BOM, lines end
in "\\n".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentFormat,
    DocumentStance,
    Scheme,
    Span,
    StyleRun,
    text_sha256,
)
from annotator.services.atomic_write import atomic_output

from .claim_records import (
    CLAIM_TYPE,
    RELATION_TYPE,
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
    document_text,
    identifier,
    iter_json_records,
    optional_str,
)
from .jsonl_spans import read_spans, required_name, span_rows, spans_of_rows
from .report import ExportReport, valid_spans

_DOCUMENT_STRINGS = ("title", "source", "url", "published")
# Legal raw inside JSON strings, but str.splitlines() and older JavaScript treat them as
# line breaks, which would cut a record in two.
_LINE_SEPARATORS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_line(record: Any) -> str:
    """`record` as one JSONL line ending in "\\n": UTF-8 text, no raw line separators."""
    line = json.dumps(record, ensure_ascii=False)
    for raw, escaped in _LINE_SEPARATORS:
        if raw in line:  # str.replace scans fast; translate() would be slow on big lines
            line = line.replace(raw, escaped)
    return line + "\n"


def document_record(
    item: AnnotatedDocument, spans: Iterable[Span], wordings: WordingIndex | None = None
) -> dict[str, Any]:
    """The JSON object for one document (shared with formats that embed it)."""
    wordings = wordings or WordingIndex()
    text = item.document.text
    spans = list(spans)
    records: list[dict[str, Any]] = [
        {
            "id": s.id,
            "start": s.start,
            "end": s.end,
            "text": text[s.start : s.end],
            "label": s.label,
            "annotator": s.annotator,
            "stance": s.stance,
            "target": s.target,
            "note": s.note,
            "claim": s.claim,
            "claim_text": wordings.wording(s.claim),
            "claim_value": s.claim_value,
        }
        for s in spans
    ]
    discontinuous = [(i, s) for i, s in enumerate(spans) if s.fragments]  # rare: brat imports
    for i, span in discontinuous:
        records[i]["fragments"] = [list(piece) for piece in span.fragments]
    return record_with_spans(item, records)


def record_with_spans(item: AnnotatedDocument, spans: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON object for one document whose span objects are made already (`spans`)."""
    doc = item.document
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published,
        "text": doc.text,
        "sha256": doc.sha256,
        "spans": spans,
        "stances": [
            {"annotator": st.annotator, "target": st.target, "stance": st.stance}
            for st in item.stances
        ],
        **document_claim_fields(item),
    }
    if doc.format != DocumentFormat.TEXT:
        record["format"] = doc.format.value
    if doc.styles:  # display-only; plain text can carry guessed headings too
        record["styles"] = [[r.start, r.end, r.style] for r in doc.styles]
    return record


def iter_jsonl_lines(
    docs: Iterable[AnnotatedDocument], report: ExportReport | None = None
) -> Iterator[str]:
    """Each document as one line of native JSONL, ending in "\\n", counted in `report`."""
    report = report if report is not None else ExportReport()
    wordings = WordingIndex()
    for item in docs:
        wordings.take(item)
        spans = valid_spans(item, report)
        report.documents += 1
        report.spans += len(spans)
        yield json_line(document_record(item, spans, wordings))
    for claim in wordings.claims.values():
        yield json_line(claim_line(claim))
    for relation in wordings.relations:
        yield json_line(relation_line(relation))


def write_jsonl(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write `docs` to `out` as native JSONL, atomically (the old file stays on failure).

    `scheme` is unused: the format names labels directly. Raises OSError when the
    file cannot be written.
    """
    report = ExportReport()
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(iter_jsonl_lines(docs, report))
    report.paths.append(Path(out))
    return report


def _read_stance(
    raw: Any, doc_id: str, where: Where, annotator: str, override: str | None
) -> DocumentStance:
    if not isinstance(raw, dict):
        where.fail("each document stance must be a JSON object")
    stance_annotator = optional_str(raw, "annotator", where, "document stance") or annotator
    return DocumentStance(
        document_id=doc_id,
        annotator=override or stance_annotator,
        # None or "" (or absent): the project's default target, resolved on import.
        target=optional_str(raw, "target", where, "document stance") or "",
        stance=required_name(raw, "stance", where, "a document stance"),
    )


def _read_styles(record: dict[str, Any], text: str, where: Where) -> tuple[StyleRun, ...]:
    raw = record.get("styles")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        where.fail("'styles' must be a list")
    runs = []
    for run in raw:
        if not (isinstance(run, list) and len(run) == 3 and isinstance(run[2], str)):
            where.fail("each style must be [start, end, style]")
        check_offsets(run[0], run[1], text, where, "style")
        runs.append(StyleRun(run[0], run[1], run[2]))
    return tuple(runs)


def parse_document(
    record: Any,
    where: Where,
    default_annotator: str,
    override_annotator: str | None,
    claims: ClaimGatherer | None = None,
    *,
    rows: bool = False,
) -> AnnotatedDocument:
    """One native JSONL record as an AnnotatedDocument; InputError at `where` if invalid.

    Claim references are gathered in `claims` (the caller calls its `finish`). With
    `rows` (for `ingest` only), spans that all have the common shape come as `span_rows`."""
    claims = claims or ClaimGatherer(default_annotator, override_annotator)
    if not isinstance(record, dict):
        where.fail("each line must be a JSON object")
    text = document_text(record, "text", where, "a document")
    sha = record.get("sha256")
    digest = text_sha256(text)  # once: the check, the default id and the Document share it
    if sha is not None and sha != "":
        if not isinstance(sha, str):
            where.fail("'sha256' must be a string")
        if sha.lower() != digest:
            where.fail("'sha256' does not match the text (the text was changed)")
    doc_id = identifier(record.get("id"), where, "document") or digest[:16]
    fields = {key: optional_str(record, key, where, "document") or "" for key in _DOCUMENT_STRINGS}
    fmt = record.get("format", DocumentFormat.TEXT.value)
    if fmt not in {f.value for f in DocumentFormat}:
        where.fail(f"unknown document format {fmt!r}")
    document = Document(
        id=doc_id,
        text=text,
        format=DocumentFormat(fmt),
        styles=_read_styles(record, text, where),
        sha256=digest,
        **fields,
    )
    spans_raw = record.get("spans") or []
    stances_raw = record.get("stances") or []
    if not isinstance(spans_raw, list) or not isinstance(stances_raw, list):
        where.fail("'spans' and 'stances' must be lists")
    plain = span_rows(spans_raw, text, default_annotator, override_annotator) if rows else None
    spans = (
        []
        if plain is not None
        else read_spans(
            spans_raw, doc_id, text, where, default_annotator, override_annotator, claims
        )
    )
    stances = [
        _read_stance(raw, doc_id, where, default_annotator, override_annotator)
        for raw in stances_raw
    ]
    said_by, silent, derived = claims.document_records(record, doc_id, where)
    if plain is not None and said_by:  # said-by links are stored by their spans (claim_ingest)
        spans, plain = spans_of_rows(plain, doc_id), None
    return AnnotatedDocument(
        document,
        spans,
        stances,
        span_relations=said_by,
        silences=silent,
        derivations=derived,
        span_rows=plain or [],
    )


def read_record(
    record: Any,
    where: Where,
    default_annotator: str,
    override_annotator: str | None,
    claims: ClaimGatherer,
    *,
    rows: bool = False,
) -> AnnotatedDocument | None:
    """One line, for both readers: a document, or None (a claim or relation, kept in
    `claims`); `rows`: see `parse_document`."""
    kind = record.get("type") if isinstance(record, dict) else None
    if kind == CLAIM_TYPE:
        claims.claim_record(record, where)
    elif kind == RELATION_TYPE:
        claims.relation_record(record, where)
    elif kind is not None:
        where.fail(f"unknown record type {kind!r}")
    else:
        return parse_document(
            record, where, default_annotator, override_annotator, claims, rows=rows
        )
    return None


def read_jsonl(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read native JSONL, all or nothing.

    Only "text" is required per line. The document id defaults to the first 16 hex
    digits of the text's SHA-256, a span id to a new uuid, and a span's or stance's
    annotator to `default_annotator`; `override_annotator`, when given, replaces every
    annotator. A stance without a target (of a document, or of a span) is about the
    project's default target: it is read with an empty target, which the import
    resolves and reports. Lines repeating a document id with the same text are merged.
    Blank lines are skipped. Raises InputError (with the file and 1-based line) at
    the first problem: malformed JSON, NaN, lone surrogates, too-deep nesting, a
    non-object line, missing text, a wrong sha256, bad offsets or a span text that
    does not match.
    """
    path = Path(path)
    collector = DocumentCollector()
    claims = ClaimGatherer(default_annotator, override_annotator)
    for number, record in iter_json_records(path):
        where = Where(path, number)
        document = read_record(record, where, default_annotator, override_annotator, claims)
        if document is not None:
            collector.add(document, where)
    documents = collector.documents()
    claims.finish(documents)
    return documents
