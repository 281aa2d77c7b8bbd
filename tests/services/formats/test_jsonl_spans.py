"""Span reading of native JSONL: the inline check of the common shape agrees with the
field-by-field reader and lets no bad span through (#15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.formats.claim_records import ClaimGatherer
from annotator.services.formats.json_input import Where
from annotator.services.formats.jsonl_spans import _read_span_checked, read_spans

_TEXT = "Officials said the letter warned of risks."
_SPAN_SHAPES = [
    {"id": "a", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None, "note": ""},
    {"id": "b", "start": 0, "end": 9, "text": None, "label": "Claim", "annotator": None,
     "stance": "favor", "target": "", "note": None},
    {"id": "c", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": "favor", "target": "T", "note": "n", "claim": None, "claim_text": "w",
     "claim_value": ""},
    {"id": "d", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None, "note": "", "claim": "c1", "claim_text": "Risks",
     "claim_value": "more than 3"},
    {"id": "e", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None, "note": "", "fragments": [[0, 3], [5, 9]]},
    {"id": "f", "start": 0, "end": 9, "label": "Claim", "stance": "against"},
    {"id": "g", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None, "note": "", "other tool's": {"x": 1}},
    {"id": "h", "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None},
    {"id": "i", "start": 0, "end": 9, "label": "Claim", "stance": "favor", "target": ""},
    {"id": "j", "start": 0, "end": 9, "label": "Claim", "stance": "favor"},
    {"id": "k", "start": 0, "end": 9, "label": "Claim", "stance": "", "target": "T"},
    {"id": "l", "start": 0, "end": 9, "label": "Claim", "claim": None},
    {"id": 7, "start": 0, "end": 9, "text": "Officials", "label": "Claim", "annotator": "x",
     "stance": None, "target": None, "note": ""},
]  # fmt: skip


@pytest.mark.parametrize("raw", _SPAN_SHAPES, ids=lambda raw: str(raw["id"]))
def test_the_inline_span_check_reads_what_the_checked_reader_reads(raw: dict) -> None:
    # Spans of the common shape are checked in one loop (#15); whatever their shape,
    # they must come out as the field-by-field reader makes them.

    where = Where(Path("in.jsonl"), 1)
    fast = read_spans([raw], "doc", _TEXT, where, "imported", None, ClaimGatherer("imported", None))
    checked = _read_span_checked(
        raw, "doc", _TEXT, where, "imported", None, ClaimGatherer("i", None)
    )
    assert fast == [checked]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": 99}, "outside the text"),
        ({"start": True}, "must be integers"),
        ({"text": "Officialz"}, "does not match"),
        ({"label": " "}, "non-empty string 'label'"),
        ({"annotator": 3}, "'annotator' must be a string"),
        ({"claim_value": 3}, "'claim_value' must be a string"),
    ],
)
def test_the_inline_span_check_lets_no_bad_span_through(change: dict, message: str) -> None:

    raw = {**_SPAN_SHAPES[2], **change}
    with pytest.raises(InputError, match=message):
        read_spans(
            [raw], "doc", _TEXT, Where(Path("in.jsonl"), 1), "imported", None,
            ClaimGatherer("imported", None),
        )  # fmt: skip


def test_spans_of_the_common_shapes_are_read_without_the_checked_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An archive's spans lack "note" (and other files' lack more): each went through the
    # field-by-field reader, a call and 13 look-ups per span (#15).
    from annotator.services.formats import jsonl_spans

    def refuse(*args: object) -> None:
        raise AssertionError("read field by field")

    monkeypatch.setattr(jsonl_spans, "_read_span_checked", refuse)
    common = [raw for raw in _SPAN_SHAPES if raw["id"] in ("a", "b", "c", "f", "h", "i", "j", "l")]
    where = Where(Path("in.jsonl"), 1)
    spans = read_spans(common, "doc", _TEXT, where, "imported", None, ClaimGatherer("i", None))
    assert [span.id for span in spans] == ["a", "b", "c", "f", "h", "i", "j", "l"]
