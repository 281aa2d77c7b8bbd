"""label-studio-sdk (Label Studio's own library) on our export: the labelling config we
write beside the tasks is valid, every annotation validates against it, and the SDK's
converter reads the tasks. Needs `make interop-env` (skipped otherwise)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.model import Scheme
from annotator.services.formats.labelstudio import config_path, write_labelstudio
from tests.services.formats.strategies import corpora

label_interface = pytest.importorskip("label_studio_sdk.label_interface")
converter = pytest.importorskip("label_studio_sdk.converter")

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PLAIN_NER = (
    '<View><Labels name="label" toName="text"><Label value="Claim"/></Labels>'
    '<Text name="text" value="$text"/></View>'
)


def _errors(interface, annotation):
    # validate_annotation() only says yes or no; the per-region reasons make a failing
    # test readable.
    return [
        error
        for i, region in enumerate(annotation["result"])
        for error in interface.validate_region(
            region, return_errors=True, region_index=i, context={"result": annotation["result"]}
        )
    ]


@SETTINGS
@given(docs=corpora())
def test_every_exported_annotation_validates_against_the_exported_config(tmp_path, docs):
    out = tmp_path / "tasks.json"
    write_labelstudio(docs, out, Scheme())
    interface = label_interface.LabelInterface(config_path(out).read_text(encoding="utf-8"))
    interface.validate()  # the config itself (schema, names, toName)
    for task in json.loads(out.read_text(encoding="utf-8")):
        # (validate_task itself cannot be used: in 2.1.2 it calls validate_annotation()
        # without its argument.) Every object tag's $variable must be in the task data.
        for obj in interface.objects:
            assert task["data"].get(obj.value_name) is not None
        for annotation in task["annotations"]:
            assert _errors(interface, annotation) == []
            assert interface.validate_annotation(annotation)


def test_a_plain_ner_config_would_refuse_our_attributes(tmp_path):
    """Why the config must travel with the tasks: the issue's 13 errors, in small."""
    from tests.services.formats.test_exports_for_tools import _docs

    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme())
    interface = label_interface.LabelInterface(PLAIN_NER)
    annotations = [a for t in json.loads(out.read_text(encoding="utf-8")) for a in t["annotations"]]
    assert sum(len(_errors(interface, a)) for a in annotations) > 0
    ours = label_interface.LabelInterface(config_path(out).read_text(encoding="utf-8"))
    assert sum(len(_errors(ours, a)) for a in annotations) == 0


def test_the_sdk_converter_reads_our_tasks(tmp_path):
    from tests.services.formats.test_exports_for_tools import _docs

    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme())
    config = config_path(out).read_text(encoding="utf-8")
    conv = converter.Converter(config=config, project_dir=str(tmp_path))
    target = tmp_path / "min"
    conv.convert_to_json_min(str(out), str(target), is_dir=False)
    [produced] = list(target.glob("*.json"))
    rows = json.loads(produced.read_text(encoding="utf-8"))
    spans = [(r["start"], r["end"], r["labels"]) for row in rows for r in row.get("label", [])]
    assert (0, 15, ["Claim"]) in spans and (28, 30, ["Source"]) in spans


def test_the_separate_label_studio_converter_reads_our_tasks(tmp_path):
    """label-studio-converter 0.0.59, the package pipelines used before it joined the SDK."""
    legacy = pytest.importorskip("label_studio_converter")
    from tests.services.formats.test_exports_for_tools import _docs

    out = tmp_path / "tasks.json"
    write_labelstudio(_docs(), out, Scheme())
    conv = legacy.Converter(
        config=config_path(out).read_text(encoding="utf-8"), project_dir=str(tmp_path)
    )
    conv.convert_to_conll2003(str(out), str(tmp_path / "conll"), is_dir=False)
    [produced] = list((tmp_path / "conll").glob("*.conll"))
    tags = [line.split()[-1] for line in produced.read_text("utf-8").splitlines() if " " in line]
    assert "B-Claim" in tags and "B-Source" in tags
