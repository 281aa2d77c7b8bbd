import json

import pytest

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document, Scheme, Span
from annotator.services.formats import (
    EXPORTERS,
    IMPORTERS,
    detect_format,
    read_annotations,
)

DOCS = [AnnotatedDocument(Document(id="d", text="EU rejects"), [Span("s", "d", 0, 2, "ORG", "a")])]


@pytest.mark.parametrize(
    ("kind", "name"),
    [("jsonl", "x.jsonl"), ("doccano", "x.jsonl"), ("labelstudio", "x.json"), ("brat", "folder")],
)
def test_exports_are_detected_and_read_back(tmp_path, kind, name):
    out = tmp_path / name
    EXPORTERS[kind](DOCS, out, Scheme())
    assert detect_format(out) == kind
    [item] = read_annotations(kind, out, annotator="z")
    assert item.document.text == "EU rejects"
    assert [(s.start, s.end, s.label) for s in item.spans] == [(0, 2, "ORG")]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.HTML", "html"),
        ("a.htm", "html"),
    ],
)
def test_plain_kinds(tmp_path, name, kind):
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    assert detect_format(path) == kind


def test_minimal_jsonl_is_native(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    assert detect_format(path) == "jsonl"


def test_unknown_is_input_error(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError):
        detect_format(path)
    with pytest.raises(InputError):
        read_annotations("conll", path)


def test_every_exporter_is_registered():
    assert set(EXPORTERS) == {
        "jsonl",
        "csv",
        "doccano",
        "labelstudio",
        "brat",
        "conll",
        "spacy",
        "parquet",
    }
    assert set(IMPORTERS) <= set(EXPORTERS)
