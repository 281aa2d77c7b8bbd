"""The spans of a native JSONL document (see jsonl.py): read and checked, the common
shape inline in one loop, anything else field by field naming the problem."""

from __future__ import annotations

from typing import Any, cast

from annotator.core.model import Span, SpanRow, new_id, valid_fragments

from .claim_records import ClaimGatherer
from .json_input import Where, check_offsets, identifier, is_int, optional_str


def required_name(obj: dict[str, Any], key: str, where: Where, what: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        where.fail(f"{what} needs a non-empty string {key!r}")
    return value


# The keys of a span of the common shape: with no others, `read_spans` checks it inline.
_PLAIN_KEYS = frozenset(
    ("id", "start", "end", "text", "label", "annotator", "stance", "target", "note")
)
_CLAIM_KEYS = frozenset(("claim", "claim_text", "claim_value"))  # as an export writes them
_WITH_CLAIM_KEYS = _PLAIN_KEYS | _CLAIM_KEYS
_ABSENT = object()


def span_rows(
    spans_raw: list[Any], text: str, annotator: str, override: str | None
) -> list[SpanRow] | None:
    """The document's spans as rows when every one has the common shape (only keys of
    _PLAIN_KEYS, or claim fields naming no claim beside them; strings, one piece), checked
    inline in one loop; None as soon as one has not (`read_spans` then reads them all and
    names any problem). An import of a million spans spent most of its reading time in a
    call and 13 look-ups per span, then a tenth in making a Span of each (#15)."""
    rows: list[SpanRow] = []
    append = rows.append
    length = len(text)
    plain, with_claim, absent = _PLAIN_KEYS, _WITH_CLAIM_KEYS, _ABSENT
    for raw in spans_raw:
        if type(raw) is dict and (
            raw.keys() <= plain or (raw.keys() <= with_claim and _names_no_claim(raw))
        ):
            get = raw.get
            span_id, start, end, label = get("id"), get("start"), get("end"), get("label")
            who, stance, note, given = get("annotator"), get("stance"), get("note"), get("text")
            target = get("target", absent)
            if (
                type(start) is int
                and type(end) is int
                and 0 <= start < end <= length
                and type(span_id) is str
                and span_id
                and type(label) is str
                and label.strip()
                and (who is None or type(who) is str)
                and (stance is None or type(stance) is str)
                and (note is None or type(note) is str)
                and (target is None or target is absent or type(target) is str)
                and (given is None or given == text[start:end])
            ):
                # No "target" beside a stance: "", the project's default target.
                named = ("" if stance else None) if target is absent else target or None
                append(
                    (
                        span_id, start, end, label, override or who or annotator,
                        stance or None, cast("str | None", named), note or "",
                    )
                )  # fmt: skip
                continue
        return None
    return rows


def spans_of_rows(rows: list[SpanRow], doc_id: str) -> list[Span]:
    """`span_rows`' rows as the Spans of document `doc_id`."""
    return [Span(i, doc_id, s, e, lab, who, st, tg, n) for i, s, e, lab, who, st, tg, n in rows]


def read_spans(
    spans_raw: list[Any],
    doc_id: str,
    text: str,
    where: Where,
    annotator: str,
    override: str | None,
    claims: ClaimGatherer,
) -> list[Span]:
    """The document's spans, all checked inline when each has the common shape
    (`span_rows`); otherwise one by one: those of that shape inline, the others by
    `_read_span_checked`, which names any problem."""
    rows = span_rows(spans_raw, text, annotator, override)
    if rows is not None:
        return spans_of_rows(rows, doc_id)
    return [
        spans_of_rows(plain, doc_id)[0]
        if (plain := span_rows([raw], text, annotator, override))
        else _read_span_checked(raw, doc_id, text, where, annotator, override, claims)
        for raw in spans_raw
    ]


def _names_no_claim(raw: dict[str, Any]) -> bool:
    """Whether a span's claim fields (as an export writes them) name no claim, with a
    string value or none."""
    value = raw.get("claim_value")
    return raw.get("claim") is None and (value is None or type(value) is str)


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
        label=required_name(raw, "label", where, "a span"),
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
