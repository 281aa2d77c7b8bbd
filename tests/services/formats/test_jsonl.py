import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import InputError
from annotator.core.model import (
    AnnotatedDocument,
    Document,
    DocumentFormat,
    Scheme,
    Span,
    StyleRun,
    text_sha256,
)
from annotator.services.formats.jsonl import iter_jsonl_lines, read_jsonl, write_jsonl

from .strategies import corpora

SCHEME = Scheme()
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@SETTINGS
@given(docs=corpora())
def test_round_trip_keeps_everything(tmp_path, docs):
    out = tmp_path / "out.jsonl"
    report = write_jsonl(docs, out, SCHEME)
    assert report.documents == len(docs)
    assert report.spans == sum(len(d.spans) for d in docs)
    assert report.paths == [out]

    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").split("\n")
    assert len(raw.decode("utf-8").splitlines()) == len(docs)
    assert lines[-1] == ""
    for line, item in zip(lines[:-1], docs, strict=True):
        record = json.loads(line)  # a real consumer reads every line
        assert record["text"] == item.document.text
        for span in record["spans"]:
            assert span["text"] == record["text"][span["start"] : span["end"]]

    back = read_jsonl(out)
    assert back == docs


def test_minimal_line_gets_defaults(tmp_path):
    path = _write_lines(
        tmp_path,
        json.dumps({"text": "Über 40 Experten", "spans": [{"start": 0, "end": 4, "label": "C"}]}),
    )
    [item] = read_jsonl(path, default_annotator="carol")
    assert item.document.id == text_sha256("Über 40 Experten")[:16]
    [span] = item.spans
    assert (span.annotator, span.label, span.document_id) == ("carol", "C", item.document.id)
    assert len(span.id) == 32


def test_override_annotator_replaces_given_ones(tmp_path):
    record = {
        "text": "abc",
        "spans": [{"start": 0, "end": 1, "label": "C", "annotator": "alice"}],
        "stances": [{"annotator": "alice", "target": "EU", "stance": "favor"}],
    }
    [item] = read_jsonl(_write_lines(tmp_path, json.dumps(record)), override_annotator="dave")
    assert item.spans[0].annotator == "dave"
    assert item.stances[0].annotator == "dave"


def test_text_is_kept_exactly(tmp_path):
    text = "a\r\nb\rc\u2028d\u2029 e\u0301 \ufeff👩\u200d👩\u200d👧 \x01\x7f"
    out = tmp_path / "x.jsonl"
    doc = AnnotatedDocument(Document(id="x", text=text))
    write_jsonl([doc], out, SCHEME)
    assert read_jsonl(out)[0].document.text == text


def test_blank_lines_and_bom_are_skipped(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf\n  \r\n{"text": "a"}\n\n{"text": "b"}\r\n')
    assert [d.document.text for d in read_jsonl(path)] == ["a", "b"]


def test_markdown_documents_keep_format_and_styles(tmp_path):
    doc = Document(
        id="m", text="Title\nbody", format=DocumentFormat.MARKDOWN, styles=(StyleRun(0, 5, "h1"),)
    )
    out = tmp_path / "m.jsonl"
    write_jsonl([AnnotatedDocument(doc)], out, SCHEME)
    assert read_jsonl(out)[0].document == doc


def test_repeated_document_is_merged(tmp_path):
    a = {"id": "d", "text": "abc", "spans": [{"id": "s1", "start": 0, "end": 1, "label": "C"}]}
    b = {"id": "d", "text": "abc", "spans": [{"id": "s2", "start": 1, "end": 2, "label": "C"}]}
    [item] = read_jsonl(_write_lines(tmp_path, json.dumps(a), json.dumps(b), json.dumps(a)))
    assert [s.id for s in item.spans] == ["s1", "s2"]


def test_iter_lines_streams_one_line_per_document():
    docs = [AnnotatedDocument(Document(id=str(i), text=f"t{i}\n")) for i in range(3)]
    lines = list(iter_jsonl_lines(docs))
    assert len(lines) == 3
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)


def test_span_outside_text_is_not_exported_but_reported(tmp_path):
    bad = Span(id="s", document_id="d", start=2, end=9, label="C", annotator="a")
    report = write_jsonl(
        [AnnotatedDocument(Document(id="d", text="abc"), [bad])], tmp_path / "o.jsonl", SCHEME
    )
    assert report.spans == 0
    assert "span s" in report.warnings[0]


GOOD = '{"text": "ok"}'
BAD_LINES = {
    "malformed": ('{"text": "abc"', "malformed JSON"),
    "not object": ('["abc"]', "JSON object"),
    "no text": ('{"title": "x"}', "'text'"),
    "text not string": ('{"text": 5}', "'text'"),
    "nan": ('{"text": "a", "spans": [{"start": NaN, "end": 1, "label": "C"}]}', "NaN"),
    "infinity": ('{"text": "a", "x": -Infinity}', "Infinity"),
    "lone surrogate": ('{"text": "a\\ud800b"}', "surrogate"),
    "surrogate in label": (
        '{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "\\udc00"}]}',
        "surrogate",
    ),
    "deep": ('{"text": "a", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep"),
    "huge int": ('{"text": "a", "x": ' + "9" * 5000 + "}", "digits"),
    "duplicate key": ('{"text": "a", "text": "b"}', "duplicate key"),
    "sha mismatch": ('{"text": "a", "sha256": "' + "0" * 64 + '"}', "sha256"),
    "span text mismatch": (
        '{"text": "abc", "spans": [{"start": 0, "end": 2, "text": "ab ", "label": "C"}]}',
        "does not match",
    ),
    "end past text": (
        '{"text": "abc", "spans": [{"start": 1, "end": 4, "label": "C"}]}',
        "outside",
    ),
    "negative start": (
        '{"text": "abc", "spans": [{"start": -1, "end": 2, "label": "C"}]}',
        "outside",
    ),
    "empty span": ('{"text": "abc", "spans": [{"start": 2, "end": 2, "label": "C"}]}', "empty"),
    "reversed": ('{"text": "abc", "spans": [{"start": 2, "end": 1, "label": "C"}]}', "outside"),
    "float offset": (
        '{"text": "abc", "spans": [{"start": 0.0, "end": 1, "label": "C"}]}',
        "integers",
    ),
    "bool offset": (
        '{"text": "abc", "spans": [{"start": false, "end": true, "label": "C"}]}',
        "integers",
    ),
    "string offset": (
        '{"text": "abc", "spans": [{"start": "0", "end": 1, "label": "C"}]}',
        "integers",
    ),
    "missing label": ('{"text": "abc", "spans": [{"start": 0, "end": 1}]}', "label"),
    "span not object": ('{"text": "abc", "spans": [[0, 1, "C"]]}', "object"),
    "stance without stance": (
        '{"text": "abc", "stances": [{"target": "EU"}]}',
        "stance",
    ),
    "id conflict": ('{"id": "x", "text": "other"}', "different text"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_bad_line_names_file_and_line(tmp_path, case):
    line, message = BAD_LINES[case]
    path = _write_lines(tmp_path, '{"id": "x", "text": "ok"}', "", line, GOOD)
    with pytest.raises(InputError) as info:
        read_jsonl(path)
    assert info.value.path == str(path)
    assert info.value.line == 3
    assert message in str(info.value)
    assert f"{path}, line 3" in str(info.value)


def test_invalid_utf8_names_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n{"text": "\xff"}\n')
    with pytest.raises(InputError) as info:
        read_jsonl(path)
    assert (info.value.line, info.value.path) == (2, str(path))


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_jsonl(tmp_path / "nope.jsonl")
