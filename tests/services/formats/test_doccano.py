import json

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Scheme, Span
from annotator.services.formats.doccano import read_doccano, write_doccano

from .strategies import corpora

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _expected(docs):
    return [
        (
            d.document.id,
            d.document.text,
            sorted((s.start, s.end, s.label, s.annotator) for s in d.spans),
            sorted((st.target, st.stance, st.annotator) for st in d.stances),
        )
        for d in docs
    ]


def _got(docs):
    return _expected(docs)


@SETTINGS
@given(docs=corpora(one_annotator="alice"))
def test_round_trip_single_annotator(tmp_path, docs):
    for form in ("label", "entities"):
        out = tmp_path / f"{form}.jsonl"
        write_doccano(docs, out, Scheme(), form=form)
        for line in out.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert form in record
        back = read_doccano(out, default_annotator="nobody")
        assert _got(back) == _expected(docs)


@SETTINGS
@given(docs=corpora())
def test_round_trip_per_annotator(tmp_path, docs):
    out = tmp_path / "export.jsonl"
    report = write_doccano(docs, out, Scheme(), per_annotator=True)
    spans = []
    for path in report.paths:
        assert path.parent == tmp_path and path.name.startswith("export.")
        for item in read_doccano(path):
            spans += [(item.document.id, s.start, s.end, s.label, s.annotator) for s in item.spans]
    expected = [
        (d.document.id, s.start, s.end, s.label, s.annotator) for d in docs for s in d.spans
    ]
    assert sorted(spans) == sorted(expected)


def test_mixed_annotators_and_lost_attributes_are_warned(tmp_path):
    doc = Document(id="d", text="abcdef")
    spans = [Span("1", "d", 0, 2, "C", "alice", stance="favor"), Span("2", "d", 2, 4, "C", "bob")]
    report = write_doccano([AnnotatedDocument(doc, spans)], tmp_path / "o.jsonl", Scheme())
    assert len(report.warnings) == 2
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["annotator"] == ""


def test_reads_doccano_shapes(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        {
            "id": 7,
            "text": "EU rejects German call",
            "label": [[0, 2, "ORG"], [11, 17, "MISC"]],
            "Comments": [],
        },
        {"text": "Find a flight", "entities": [[7, 13, "Thing"]], "cats": ["flight"]},
        {
            "text": "x y",
            "entities": [{"id": 0, "start_offset": 2, "end_offset": 3, "label": "L"}],
            "relations": [],
        },
        {"text": "classify me", "label": ["negative", "EU: against"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    docs = read_doccano(path, default_annotator="carol")
    assert docs[0].document.id == "7"
    assert [(s.start, s.end, s.label, s.annotator) for s in docs[0].spans] == [
        (0, 2, "ORG", "carol"),
        (11, 17, "MISC", "carol"),
    ]
    assert docs[1].stances == [DocumentStance(docs[1].document.id, "carol", "document", "flight")]
    assert docs[2].spans[0].label == "L"
    assert [(s.target, s.stance) for s in docs[3].stances] == [
        ("document", "negative"),
        ("EU", "against"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "abc", "label": [[0, 9, "X"]]}', "outside"),
        ('{"text": "abc", "label": [[0, 1]]}', "[start, end, label]"),
        ('{"text": "abc", "label": [[0, 1, ""]]}', "label"),
        (
            '{"text": "abc", "entities": [{"start_offset": true, "end_offset": 1, "label": "X"}]}',
            "integers",
        ),
        ('{"label": []}', "'text'"),
        ("{nope", "malformed"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_doccano(path)
    assert (info.value.path, info.value.line) == (str(path), 2)
    assert message in str(info.value)
