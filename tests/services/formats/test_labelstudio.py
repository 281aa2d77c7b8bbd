import json
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import InputError
from annotator.core.model import Scheme, SchemeItem, SchemeKind
from annotator.services.formats.labelstudio import (
    label_config,
    read_labelstudio,
    write_labelstudio,
)

from .strategies import corpora

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(docs=corpora())
def test_round_trip(tmp_path, docs):
    out = tmp_path / "tasks.json"
    write_labelstudio(docs, out, Scheme())
    tasks = json.loads(out.read_text(encoding="utf-8"))
    for task in tasks:
        for annotation in task["annotations"]:
            # Label Studio refuses a plain name or an unknown e-mail (HTTP 400): absent.
            assert "completed_by" not in annotation
            assert isinstance(annotation["completed_by_name"], str)
            for result in annotation["result"]:
                value = result["value"]
                if result["type"] == "labels":
                    assert value["text"] == task["data"]["text"][value["start"] : value["end"]]
    back = read_labelstudio(out)
    assert [d.document for d in back] == [d.document for d in docs]
    for got, item in zip(back, docs, strict=True):
        assert sorted(got.spans, key=lambda s: s.id) == sorted(item.spans, key=lambda s: s.id)
        assert sorted(got.stances, key=repr) == sorted(item.stances, key=repr)


def test_completed_by_forms(tmp_path):
    tasks = [
        {
            "id": 1,
            "data": {"text": "abc"},
            "annotations": [
                {
                    "completed_by": 3,
                    "result": [
                        {
                            "id": "r",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {"start": 0, "end": 1, "labels": ["C"]},
                        }
                    ],
                },
                {
                    "completed_by": {"id": 4, "email": "e@x.org"},
                    "result": [
                        {
                            "id": "q",
                            "from_name": "sentiment",
                            "to_name": "text",
                            "type": "choices",
                            "value": {"choices": ["against"]},
                        }
                    ],
                },
                {"was_cancelled": True, "result": [{"type": "labels"}]},
            ],
        },
    ]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    [item] = read_labelstudio(path)
    assert item.spans[0].annotator == "user 3"
    assert (item.stances[0].annotator, item.stances[0].target) == ("e@x.org", "sentiment")


def test_bad_region_names_the_task_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(
        '[\n {"data": {"text": "ok"}},\n {"data": {"text": "abc"}, "annotations": [{"result": '
        '[{"id": "r", "type": "labels", "value": {"start": 0, "end": 9, "labels": ["C"]}}]}]}\n]',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_labelstudio(path)
    assert (info.value.path, info.value.line) == (str(path), 3)


def test_utf16_offsets_from_old_exports_are_rejected(tmp_path):
    path = tmp_path / "in.json"
    result = {
        "id": "r",
        "type": "labels",
        "value": {"start": 2, "end": 4, "text": "ab", "labels": ["C"]},
    }  # UTF-16 units
    path.write_text(
        json.dumps([{"data": {"text": "😀abc"}, "annotations": [{"result": [result]}]}]),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="does not match"):
        read_labelstudio(path)


def test_label_config_names_scheme_items():
    scheme = Scheme(labels=(SchemeItem(SchemeKind.LABEL, 'Claim "x"'),))
    root = ElementTree.fromstring(label_config(scheme))
    assert [e.get("value") for e in root.iter("Label")] == ['Claim "x"']
