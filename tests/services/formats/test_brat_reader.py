"""bratly (an independent brat standoff reader) on our brat export: every file parses, every
entity's fragments and text agree with the .txt."""

import bratly.annotation_types as bratly_types
import bratly.io.file_read_src as bratly_io
from hypothesis import HealthCheck, assume, given, settings

from annotator.core.model import AnnotatedDocument, Document, Scheme, Span
from annotator.services.formats.brat_export import write_brat
from tests.services.formats.strategies import corpora

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check_folder(folder):
    entities = 0
    for ann in sorted(folder.rglob("*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")  # keep \r\n as is
        collection = bratly_io.parse_ann_file(
            ann.read_bytes().decode("utf-8"),
            str(ann),
            renumerotize=False,
            sorting=False,
            no_duplicates=False,
        )
        for entity in collection.annotations:
            if isinstance(entity, bratly_types.EntityAnnotation):
                entities += 1
                shown = " ".join(text[f.start : f.end] for f in entity.fragments)
                # bratly splits a T line on every tab (brat and we split off two fields
                # only), so a span text holding a tab comes back cut at it
                assert entity.content == shown.split("\t")[0]
    return entities


@SETTINGS
@given(docs=corpora())
def test_brat_reader_parses_our_export(tmp_path_factory, docs):
    # bratly cannot read a T line whose text is empty after splitting on tabs
    # (a span of only tabs); brat and our reader can
    assume(
        all(d.document.text[s.start : s.end].split("\t")[0].strip() for d in docs for s in d.spans)
    )
    out = tmp_path_factory.mktemp("brat") / "out"
    report = write_brat(docs, out, Scheme())
    assert _check_folder(out) == report.spans


def test_discontinuous_fragments_are_what_brat_reads(tmp_path):
    doc = Document(id="d", text="0123 56\n89 X")
    span = Span("s", "d", 5, 10, "Token", "a", fragments=((5, 7), (9, 10)))
    write_brat([AnnotatedDocument(doc, [span])], tmp_path / "out", Scheme())
    ann = tmp_path / "out" / "d.ann"
    [entity] = bratly_io.parse_ann_file(ann.read_text(encoding="utf-8"), str(ann)).annotations
    assert [(f.start, f.end) for f in entity.fragments] == [(5, 7), (9, 10)]
