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
    new_id,
    text_sha256,
    valid_fragments,
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
    default_document_id,
    document_text,
    identifier,
    is_int,
    iter_json_records,
    optional_str,
)
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
    doc = item.document
    text = doc.text
    spans = list(spans)
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published,
        "text": text,
        "sha256": doc.sha256,
        "spans": [
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
        ],
        "stances": [
            {"annotator": st.annotator, "target": st.target, "stance": st.stance}
            for st in item.stances
        ],
        **document_claim_fields(item),
    }
    discontinuous = [(i, s) for i, s in enumerate(spans) if s.fragments]  # rare: brat imports
    for i, span in discontinuous:
        record["spans"][i]["fragments"] = [list(piece) for piece in span.fragments]
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


def _required_name(obj: dict[str, Any], key: str, where: Where, what: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        where.fail(f"{what} needs a non-empty string {key!r}")
    return value


def _read_span(
    raw: Any,
    doc_id: str,
    text: str,
    where: Where,
    annotator: str,
    override: str | None,
    claims: ClaimGatherer,
) -> Span:
    """One span; the common shape (string id, label and names, no claim, one piece) is
    checked inline, anything else by `_read_span_checked`, which names the problem. An
    import of a million spans spent a third of its time in the per-field helpers."""
    if type(raw) is dict:
        get = raw.get
        start, end, span_id, label = get("start"), get("end"), get("id"), get("label")
        who, stance, note, given = get("annotator"), get("stance"), get("note"), get("text")
        target = get("target", "" if stance else None)
        if (
            type(start) is int
            and type(end) is int
            and 0 <= start < end <= len(text)
            and type(span_id) is str
            and span_id
            and type(label) is str
            and label.strip()
            and (who is None or type(who) is str)
            and (stance is None or type(stance) is str)
            and (note is None or type(note) is str)
            and (target is None or type(target) is str)
            and get("claim") is None
            and (get("claim_value") is None or type(get("claim_value")) is str)
            and get("fragments") in (None, [])
            and (given is None or given == text[start:end])
        ):
            return Span(
                span_id, doc_id, start, end, label, override or who or annotator,
                stance or None, "" if target == "" and "target" not in raw else target or None,
                note or "",
            )  # fmt: skip
    return _read_span_checked(raw, doc_id, text, where, annotator, override, claims)


def _read_span_checked(
    raw: Any,
    doc_id: str,
    text: str,
    where: Where,
    annotator: str,
    override: str | None,
    claims: ClaimGatherer,
) -> Span:
    if not isinstance(raw, dict):
        where.fail("each span must be a JSON object")
    start, end = raw.get("start"), raw.get("end")
    start, end = check_offsets(start, end, text, where)
    given = raw.get("text")
    if given is not None and given != text[start:end]:
        where.fail(
            f"span text {given!r} does not match the document text at {start}..{end} "
            f"({text[start:end]!r})"
        )
    span_annotator = override or optional_str(raw, "annotator", where, "span") or annotator
    claim, claim_value = claims.span_claim(raw, span_annotator, where)
    fragments = _read_fragments(raw.get("fragments"), start, end, where)
    return Span(
        id=identifier(raw.get("id"), where, "span") or new_id(),
        document_id=doc_id,
        start=start,
        end=end,
        label=_required_name(raw, "label", where, "a span"),
        annotator=span_annotator,
        stance=optional_str(raw, "stance", where, "span") or None,
        target=_span_target(raw, where),
        note=optional_str(raw, "note", where, "span") or "",
        fragments=fragments,
        claim=claim,
        claim_value=claim_value,
    )


def _read_fragments(raw: Any, start: int, end: int, where: Where) -> tuple[tuple[int, int], ...]:
    if raw is None or raw == []:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(is_int(x) for x in p) for p in raw
    ):
        where.fail("'fragments' must be a list of [start, end] pairs of integers")
    fragments = tuple((p[0], p[1]) for p in raw)
    if not valid_fragments(start, end, fragments):
        where.fail(
            f"'fragments' {raw!r} must be two or more pieces in order, not touching, "
            f"from the span's start {start} to its end {end}"
        )
    return fragments


def _span_target(raw: dict[str, Any], where: Where) -> str | None:
    """The span's target; "" (the project's default target, resolved on import) when the
    span has a stance and no "target" key at all. An explicit null is kept: that is how
    an exported span without a target looks, and a round trip must not add one."""
    if "target" not in raw:
        return "" if raw.get("stance") else None
    return optional_str(raw, "target", where, "span") or None


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
        stance=_required_name(raw, "stance", where, "a document stance"),
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
) -> AnnotatedDocument:
    """One native JSONL record as an AnnotatedDocument; InputError at `where` if invalid.

    Claim references are gathered in `claims` (the caller calls its `finish`)."""
    claims = claims or ClaimGatherer(default_annotator, override_annotator)
    if not isinstance(record, dict):
        where.fail("each line must be a JSON object")
    text = document_text(record, "text", where, "a document")
    sha = record.get("sha256")
    if sha is not None and sha != "":
        if not isinstance(sha, str):
            where.fail("'sha256' must be a string")
        if sha.lower() != text_sha256(text):
            where.fail("'sha256' does not match the text (the text was changed)")
    doc_id = identifier(record.get("id"), where, "document") or default_document_id(text)
    fields = {key: optional_str(record, key, where, "document") or "" for key in _DOCUMENT_STRINGS}
    fmt = record.get("format", DocumentFormat.TEXT.value)
    if fmt not in {f.value for f in DocumentFormat}:
        where.fail(f"unknown document format {fmt!r}")
    document = Document(
        id=doc_id,
        text=text,
        format=DocumentFormat(fmt),
        styles=_read_styles(record, text, where),
        **fields,
    )
    spans_raw = record.get("spans") or []
    stances_raw = record.get("stances") or []
    if not isinstance(spans_raw, list) or not isinstance(stances_raw, list):
        where.fail("'spans' and 'stances' must be lists")
    spans = [
        _read_span(raw, doc_id, text, where, default_annotator, override_annotator, claims)
        for raw in spans_raw
    ]
    stances = [
        _read_stance(raw, doc_id, where, default_annotator, override_annotator)
        for raw in stances_raw
    ]
    said_by, silent, derived = claims.document_records(record, doc_id, where)
    return AnnotatedDocument(
        document, spans, stances, span_relations=said_by, silences=silent, derivations=derived
    )


def read_record(
    record: Any,
    where: Where,
    default_annotator: str,
    override_annotator: str | None,
    claims: ClaimGatherer,
) -> AnnotatedDocument | None:
    """One line, for both readers: a document, or None (a claim or relation, kept in `claims`)."""
    kind = record.get("type") if isinstance(record, dict) else None
    if kind == CLAIM_TYPE:
        claims.claim_record(record, where)
    elif kind == RELATION_TYPE:
        claims.relation_record(record, where)
    elif kind is not None:
        where.fail(f"unknown record type {kind!r}")
    else:
        return parse_document(record, where, default_annotator, override_annotator, claims)
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
