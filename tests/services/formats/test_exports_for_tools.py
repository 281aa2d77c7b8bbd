"""What the real tools demand of our exports (found with Label Studio 1.23.2, doccano 1.8.4,
seqeval and brat; see tests/interop for the tools themselves)."""

import json
from xml.etree import ElementTree

import pytest
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Scheme, Span
from annotator.services.formats import read_annotations
from annotator.services.formats.brat_export import write_brat
from annotator.services.formats.conll import write_conll
from annotator.services.formats.doccano import write_doccano
from annotator.services.formats.jsonl import read_jsonl, write_jsonl
from annotator.services.formats.labelstudio import (
    annotator_email,
    config_path,
    read_labelstudio,
    write_labelstudio,
)

TEXT = "Over 40 experts signed.\nThe EU rejects it."


def _docs():
    doc = Document(id="d1", text=TEXT)
    alone = Document(id="d2", text="Only alice here.")
    return [
        AnnotatedDocument(
            doc,
            [
                Span("s1", "d1", 0, 15, "Claim", "alice", stance="against", target="EU", note="n"),
                Span("s2", "d1", 28, 30, "Source", "bob"),
            ],
            [DocumentStance("d1", "alice", "EU", "favor")],
        ),
        AnnotatedDocument(alone, [Span("s3", "d2", 0, 4, "Claim", "alice")]),
        AnnotatedDocument(Document(id="d3", text="Nobody annotated this.")),
    ]


@pytest.mark.parametrize("project", ["sequence-labeling", "intent", "relation", "classification"])
def test_doccano_lines_all_have_the_same_keys(tmp_path, project):
    # doccano 1.8.4 reads JSONL with pandas: a key missing on some lines becomes NaN in
    # their metadata and the import fails on JSON_VALID("meta").
    out = tmp_path / "d.jsonl"
    write_doccano(_docs(), out, Scheme(), project=project)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len({tuple(sorted(r)) for r in records}) == 1
    assert all(isinstance(r["annotator"], str) for r in records)


def test_doccano_project_types_write_what_each_reads(tmp_path):
    out = tmp_path / "d.jsonl"
    write_doccano(_docs(), out, Scheme(), project="intent")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["entities"] == [[0, 15, "Claim"], [28, 30, "Source"]]
    assert first["cats"] == ["EU: favor"]
    assert "label" not in first
    report = write_doccano(_docs(), out, Scheme(), project="classification")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["label"] == ["EU: favor"] and "entities" not in first
    assert any("classification project holds no spans" in w for w in report.warnings)
    write_doccano(_docs(), out, Scheme(), project="relation")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["entities"][0] == {"id": 0, "start_offset": 0, "end_offset": 15, "label": "Claim"}
    assert first["relations"] == []
    # every form reads back
    for project in ("sequence-labeling", "intent", "relation"):
        write_doccano(_docs(), out, Scheme(), project=project)
        back = read_annotations("doccano", out)
        assert sorted((s.start, s.end) for d in back for s in d.spans) == [
            (0, 4),
            (0, 15),
            (28, 30),
        ]


def test_labelstudio_completed_by_is_absent_by_default(tmp_path):
    # Label Studio 1.23.2 answers HTTP 400 to completed_by="alice" and to an e-mail that
    # is no member's: by default the file must import into any project.
    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme())
    tasks = json.loads(out.read_text(encoding="utf-8"))
    annotations = [a for t in tasks for a in t["annotations"]]
    assert [a["completed_by_name"] for a in annotations] == ["alice", "bob", "alice"]
    assert all("completed_by" not in a for a in annotations)
    assert sorted({s.annotator for d in read_labelstudio(out) for s in d.spans}) == [
        "alice",
        "bob",
    ]


def test_labelstudio_names_survive_a_trip_through_label_studio(tmp_path):
    # Label Studio 1.23.2 re-exports completed_by as its user id and drops
    # completed_by_name, but keeps each region's meta (seen with make interop).
    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme())
    tasks = json.loads(out.read_text(encoding="utf-8"))
    for task in tasks:
        for annotation in task["annotations"]:
            del annotation["completed_by_name"]
            annotation["completed_by"] = 1
    out.write_text(json.dumps(tasks), encoding="utf-8")
    back = read_labelstudio(out)
    assert sorted({s.annotator for d in back for s in d.spans}) == ["alice", "bob"]
    assert [(st.annotator, st.target) for d in back for st in d.stances] == [("alice", "EU")]


def test_labelstudio_completed_by_email_objects_and_names_come_back(tmp_path):
    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme(), users="email")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    people = [a["completed_by"] for t in tasks for a in t["annotations"]]
    alice, bob = {"email": "alice@annotator.invalid"}, {"email": "bob@annotator.invalid"}
    assert people == [alice, bob, alice]
    back = read_labelstudio(out)
    assert sorted({s.annotator for d in back for s in d.spans}) == ["alice", "bob"]
    # An e-mail alone gives the name back too: its local part.
    for task in tasks:
        for annotation in task["annotations"]:
            del annotation["completed_by_name"]
            for result in annotation["result"]:
                result.pop("meta", None)
    out.write_text(json.dumps(tasks), encoding="utf-8")
    assert sorted({s.annotator for d in read_labelstudio(out) for s in d.spans}) == [
        "alice",
        "bob",
    ]


def test_annotator_email_is_valid_and_distinct():
    assert annotator_email("alice") == "alice@annotator.invalid"
    odd = [annotator_email(name) for name in ("Anna Müller", "anna müller", "", "a@b", "ü")]
    assert len(set(odd)) == len(odd)
    for email in odd:
        local, _, domain = email.partition("@")
        assert (
            domain == "annotator.invalid"
            and local
            and all(c.isascii() and (c.isalnum() or c in "._-") for c in local)
        )


def test_labelstudio_config_beside_the_tasks_names_every_result(tmp_path):
    out = tmp_path / "tasks.json"
    report = write_labelstudio(_docs(), out, Scheme())
    assert config_path(out) in report.paths and config_path(out).is_file()
    root = ElementTree.fromstring(config_path(out).read_text(encoding="utf-8"))
    controls = {e.get("name"): e for e in root if e.get("toName") == "text"}
    tasks = json.loads(out.read_text(encoding="utf-8"))
    for task in tasks:
        for annotation in task["annotations"]:
            for result in annotation["result"]:
                control = controls[result["from_name"]]
                values = {e.get("value") for e in control}
                for key in ("labels", "choices"):
                    for value in result["value"].get(key, []):
                        assert value in values, (result["from_name"], value)


def test_conll_span_across_a_line_break_stays_valid_iob2(tmp_path):
    doc = Document(id="d", text="The EU\nrejects it")
    item = AnnotatedDocument(doc, [Span("s", "d", 4, 14, "ORG", "a")])
    out = tmp_path / "o.conll"
    report = write_conll([item], out, Scheme())
    sentences, tags = [], []
    for line in out.read_text(encoding="utf-8").splitlines()[2:]:
        if not line:
            if tags:
                sentences.append(tags)
            tags = []
        else:
            tags.append(line.split("\t")[1])
    assert sentences == [["O", "B-ORG"], ["B-ORG", "O"]]
    # seqeval's strict IOB2 mode: no entity may start with I-
    for tags in sentences:
        strict = Entities([tags], scheme=IOB2).entities[0]
        assert len(strict) == len(get_entities(tags))
    assert any("line break" in w for w in report.warnings)


def test_brat_discontinuous_span_is_written_back_exactly(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "d.txt").write_text("0123 56\n89 X", encoding="utf-8")
    (root / "d.ann").write_text("T2\tToken 5 7;9 10\t56 9\n", encoding="utf-8")
    docs = read_annotations("brat", root)
    out = tmp_path / "out"
    write_brat(docs, out, Scheme())
    assert (out / "d.ann").read_text(encoding="utf-8") == "T1\tToken 5 7;9 10\t56 9\n"
    # and through native JSONL
    jsonl = tmp_path / "d.jsonl"
    write_jsonl(docs, jsonl, Scheme())
    assert json.loads(jsonl.read_text(encoding="utf-8"))["spans"][0]["fragments"] == [
        [5, 7],
        [9, 10],
    ]
    [back] = read_jsonl(jsonl)
    assert back.spans[0].fragments == ((5, 7), (9, 10))
    report = write_doccano(docs, tmp_path / "x.jsonl", Scheme())
    assert any("discontinuous" in w for w in report.warnings)


def test_doccano_intent_export_keeps_one_layer_and_says_so(tmp_path):
    # doccano intent projects have no "allow overlapping": doccano drops the overlap silently
    doc = Document(id="d", text="The EU rejects it")
    spans = [Span("a", "d", 0, 17, "Claim", "x"), Span("b", "d", 4, 6, "Source", "x")]
    out = tmp_path / "i.jsonl"
    report = write_doccano([AnnotatedDocument(doc, spans)], out, Scheme(), project="intent")
    assert json.loads(out.read_text(encoding="utf-8"))["entities"] == [[0, 17, "Claim"]]
    assert any("cannot hold overlapping spans: 1 span " in w for w in report.warnings)


def test_doccano_relation_project_carries_said_by_both_ways(tmp_path):
    from annotator.core.claims.model import SpanRelation, SpanRelationKind

    doc = Document(id="d", text="The EU rejects it, says Brussels.")
    claim = Span("c", "d", 0, 17, "Claim", "alice")
    source = Span("s", "d", 24, 32, "Source", "alice")
    link = SpanRelation("r", SpanRelationKind.SAID_BY, "c", "s", "alice", document_id="d")
    item = AnnotatedDocument(doc, [claim, source], span_relations=[link])
    out = tmp_path / "r.jsonl"
    write_doccano([item], out, Scheme(), project="relation")
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["relations"] == [{"id": 0, "from_id": 0, "to_id": 1, "type": "said_by"}]
    record["relations"].append({"id": 1, "from_id": 1, "to_id": 0, "type": "contradicts"})
    out.write_text(json.dumps(record) + "\n", encoding="utf-8")
    from annotator.services.formats import Skipped

    skipped = Skipped()
    [back] = read_annotations("doccano", out, skipped=skipped)
    [relation] = back.span_relations
    by_id = {s.id: s for s in back.spans}
    assert (by_id[relation.span].label, by_id[relation.source_span].label) == ("Claim", "Source")
    assert skipped.counts == {"doccano relations": 1}
