"""Our readers on the tools' own sample files (tests/fixtures/interop/SOURCES.md): every
piece is imported, converted or counted as skipped, never dropped unsaid."""

import json
import shutil
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.formats import Skipped, detect_format, read_annotations

FIXTURES = Path(__file__).parents[2] / "fixtures" / "interop"


def _read(kind, path, **options):
    skipped = Skipped()
    docs = read_annotations(kind, path, skipped=skipped, **options)
    return docs, skipped.counts


def test_doccano_relation_export_pretty_printed_keeps_entities_and_counts_relations():
    path = FIXTURES / "doccano" / "export_relation_extraction.jsonl"
    assert detect_format(path) == "doccano"
    [doc], skipped = _read("doccano", path)
    assert [(s.start, s.end, s.label) for s in doc.spans] == [
        (0, 6, "ORG"),
        (22, 39, "DATE"),
        (44, 54, "PERSON"),
        (59, 70, "PERSON"),
    ]
    assert skipped == {"doccano relations": 3}


def test_doccano_intent_export_reads_entities_and_cats():
    [a, _], skipped = _read("doccano", FIXTURES / "doccano" / "export_intent_detection.jsonl")
    assert [(s.start, s.end, s.label) for s in a.spans] == [(0, 26, "City"), (30, 36, "City")]
    assert [(st.target, st.stance) for st in a.stances] == [("document", "flight")]
    assert skipped == {}


def test_doccano_meta_fields_are_reported(tmp_path):
    [doc], skipped = _read("doccano", FIXTURES / "doccano" / "import_overlapping.jsonl")
    assert {(s.start, s.end, s.label) for s in doc.spans} == {(0, 1, "LOC")}  # stored once
    assert skipped == {"doccano metadata fields 'wikiPageID'": 1}


def test_doccano_1_0_annotations_with_users():
    path = FIXTURES / "doccano" / "v1.0_download_sequence_labeling.jsonl"
    assert detect_format(path) == "doccano"
    docs, skipped = _read("doccano", path)
    assert skipped == {}
    assert [(s.start, s.end, s.label, s.annotator) for d in docs for s in d.spans] == [
        (0, 2, "2", "user 1"),
        (0, 15, "1", "user 1"),
        (10, 15, "1", "user 1"),
    ]
    docs, _ = _read("doccano", FIXTURES / "doccano" / "v1.0_download_text_classification.jsonl")
    assert [(st.stance, st.annotator) for d in docs for st in d.stances][:2] == [
        ("1", "user 1"),
        ("2", "user 1"),
    ]


def test_doccano_comments_are_counted(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": 7,
                "text": "EU rejects",
                "label": [[0, 2, "ORG"]],
                "Comments": [{"id": 1, "comment": "check"}, {"id": 2, "comment": "ok"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    _, skipped = _read("doccano", path)
    assert skipped == {"doccano comments": 2}


def test_doccano_multi_label_is_refused_not_collapsed(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"text": "Great price.", "label": ["positive", "negative"]}\n', "utf-8")
    with pytest.raises(InputError, match="several values") as info:
        read_annotations("doccano", path)
    assert info.value.line == 1


def test_labelstudio_multi_choice_is_refused(tmp_path):
    path = tmp_path / "t.json"
    result = {
        "from_name": "sentiment",
        "to_name": "text",
        "type": "choices",
        "value": {"choices": ["positive", "negative"]},
    }
    path.write_text(
        json.dumps([{"data": {"text": "abc"}, "annotations": [{"result": [result]}]}]), "utf-8"
    )
    with pytest.raises(InputError, match="several values"):
        read_annotations("labelstudio", path)


def test_labelstudio_predictions_become_model_annotators():
    path = FIXTURES / "labelstudio" / "text_with_2_predictions.json"
    [doc], skipped = _read("labelstudio", path)
    assert sorted((st.annotator, st.target, st.stance) for st in doc.stances) == [
        ("model:model_version_A", "text_class", "class_A"),
        ("model:model_version_B", "text_class", "class_B"),
    ]
    assert skipped == {}


def test_labelstudio_tasks_without_data_and_extra_fields():
    path = FIXTURES / "labelstudio" / "tasks_annotations_predictions.json"
    docs, skipped = _read("labelstudio", path, annotator="ann")
    assert [d.document.text for d in docs] == [
        "Test example phrase 1",
        "x2",
        "yoyo",
        "zzz",
        "vivi",
        "opop",
    ]
    assert ("ann", "text_class", "class_TESTING") in [
        (st.annotator, st.target, st.stance) for st in docs[2].stances
    ]
    assert skipped == {"Label Studio task data fields 'int_field'": 4}


def test_labelstudio_full_export_counts_what_a_text_project_cannot_hold():
    path = FIXTURES / "labelstudio" / "converter_csv_test.json"
    docs, skipped = _read("labelstudio", path)
    assert len(docs) == 2
    tasks = json.loads(path.read_text(encoding="utf-8"))
    rectangles = sum(
        1
        for task in tasks
        for part in task["annotations"] + task["predictions"]
        for result in part["result"]
        if result["type"] == "rectanglelabels"
    )
    assert rectangles > 0
    assert skipped["Label Studio 'rectanglelabels' results"] == rectangles
    assert skipped["Label Studio task data fields 'image'"] == 2
    # completed_by objects carry e-mails: the annotator is the e-mail
    assert detect_format(path) == "labelstudio"


def test_single_pretty_printed_labelstudio_task_is_detected(tmp_path):
    path = tmp_path / "task.json"
    task = {
        "data": {"text": "Over 40 experts"},
        "annotations": [
            {
                "completed_by": {"email": "a@example.com"},
                "result": [
                    {
                        "id": "r1",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 0, "end": 15, "labels": ["Claim"]},
                    }
                ],
            }
        ],
    }
    path.write_text(json.dumps(task, indent=2), encoding="utf-8")
    assert detect_format(path) == "labelstudio"
    [doc] = read_annotations("labelstudio", path)
    assert [(s.label, s.annotator) for s in doc.spans] == [("Claim", "a@example.com")]


def test_labelstudio_0x_completions_and_relations(tmp_path):
    path = tmp_path / "old.json"
    region = {
        "id": "a",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 0, "end": 2, "labels": ["ORG"]},
    }
    relation = {"from_id": "a", "to_id": "a", "type": "relation", "direction": "right"}
    path.write_text(
        json.dumps(
            [{"data": {"text": "EU rejects"}, "completions": [{"result": [region, relation]}]}]
        ),
        encoding="utf-8",
    )
    [doc], skipped = _read("labelstudio", path, annotator="old")
    assert [(s.label, s.annotator) for s in doc.spans] == [("ORG", "old")]
    assert skipped == {"Label Studio relations": 1}


def test_brat_tutorials_are_collections_with_ids_by_path():
    root = FIXTURES / "brat" / "tutorials"
    docs, skipped = _read("brat", root)
    ids = sorted(d.document.id for d in docs)
    assert ids == ["bio/000-introduction", "bio/110-note_annotation", "news/000-introduction"]
    assert {s.annotator for d in docs for s in d.spans} == {"imported"}
    lines = [
        line
        for ann in sorted(root.rglob("*.ann"))
        for line in ann.read_text(encoding="utf-8").splitlines()
    ]

    def count(prefix):
        return sum(1 for line in lines if line.startswith(prefix))

    assert count("R") and count("E") and count("N") and count("A")
    assert skipped["brat relations (R lines)"] == count("R")
    assert skipped["brat events (E lines; their trigger spans are imported)"] == count("E")
    assert skipped["brat normalizations (N lines)"] == count("N")
    assert skipped["brat attributes other than Stance, Target and Claim (A lines)"] == count("A")
    notes_elsewhere = sum(
        1 for line in lines if line.startswith("#") and "\tAnnotatorNotes T" not in line
    )
    assert skipped["brat notes on relations, events or attributes (# lines)"] == notes_elsewhere
    note = next(d for d in docs if d.document.id == "bio/110-note_annotation").spans[0]
    assert note.note == "Check: is this a Protein or a Complex?"


def test_brat_annotator_folders_only_when_asked_or_unambiguous(tmp_path):
    root = tmp_path / "b"
    for name in ("alice", "bob"):
        (root / name).mkdir(parents=True)
        (root / name / "d.txt").write_text("EU rejects", encoding="utf-8")
        (root / name / "d.ann").write_text("T1\tORG 0 2\tEU\n", encoding="utf-8")
    [doc] = read_annotations("brat", root)
    assert sorted(s.annotator for s in doc.spans) == ["alice", "bob"]
    # a different text under the same name: collections, not annotators
    (root / "bob" / "d.txt").write_text("EU rejects it", encoding="utf-8")
    docs = read_annotations("brat", root)
    assert sorted(d.document.id for d in docs) == ["alice/d", "bob/d"]
    with pytest.raises(InputError, match="different text"):
        read_annotations("brat", root, annotator_folders=True)
    shutil.rmtree(root / "bob")
    [doc] = read_annotations("brat", root, annotator_folders=True)
    assert doc.spans[0].annotator == "alice"


def test_brat_discontinuous_span_keeps_its_fragments(tmp_path):
    root = tmp_path / "b"
    root.mkdir()
    (root / "d.txt").write_text("0123 56\n89 X", encoding="utf-8")
    (root / "d.ann").write_text("T2\tToken 5 7;9 10\t56 9\n", encoding="utf-8")
    [doc] = read_annotations("brat", root)
    [span] = doc.spans
    assert (span.start, span.end, span.fragments) == (5, 10, ((5, 7), (9, 10)))


def test_brat_equivalences_lemma_notes_and_attributes(tmp_path):
    root = tmp_path / "b"
    root.mkdir()
    (root / "d.txt").write_text("Env gp120 Delilah", encoding="utf-8")
    (root / "d.ann").write_text(
        "T1\tProtein 0 3\tEnv\nT2\tProtein 4 9\tgp120\n*\tEquiv T1 T2\n"
        "T3\tN 10 17\tDelilah\n#1\tLemma T3\t delilah\nA1\tNUM T3 Sg\nA2\tStance T3 favor\n"
        "M1\tNegation T1\n",
        encoding="utf-8",
    )
    [doc], skipped = _read("brat", root)
    lemma = next(s for s in doc.spans if s.label == "N")
    assert (lemma.note, lemma.stance) == ("Lemma: delilah", "favor")
    assert skipped == {
        "brat equivalences (* lines)": 1,
        "brat attributes other than Stance, Target and Claim (A lines)": 1,
        "brat modifications (M lines)": 1,
    }
