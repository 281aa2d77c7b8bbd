import itertools
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotatedDocument, Document, Scheme, Span
from annotator.services.formats.spacy_docbin import write_spacy

from .strategies import corpora

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_missing_spacy_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(AnnotatorError, match="pip install"):
        write_spacy([], tmp_path / "x.spacy", Scheme())
    assert not (tmp_path / "x.spacy").exists()


@SETTINGS
@given(docs=corpora())
def test_spacy_reads_the_docbin(tmp_path, docs):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "out.spacy"
    report = write_spacy(docs, out, Scheme())
    nlp = spacy.blank("xx")
    back = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert [d.text for d in back] == [d.document.text for d in docs]
    for sdoc, item in zip(back, docs, strict=True):
        meta = sdoc.user_data["annotator"]
        assert meta["document_id"] == item.document.id
        spans = {s.id: s for s in item.spans}
        for made, (span_id, annotator, *_rest) in zip(sdoc.spans["sc"], meta["spans"], strict=True):
            original = spans[span_id]
            assert made.label_ == original.label and annotator == original.annotator
            # widened to whole tokens: covers every non-space character of the original
            piece = item.document.text[original.start : original.end]
            first = original.start + len(piece) - len(piece.lstrip())
            last = original.start + len(piece.rstrip())
            assert made.start_char <= first and made.end_char >= last
            strict = sdoc.char_span(original.start, original.end)
            if strict is not None:
                assert strict.text == item.document.text[original.start : original.end]
                assert (made.start_char, made.end_char) == (original.start, original.end)
        ents = list(sdoc.ents)
        assert all(a.end <= b.start for a, b in itertools.pairwise(ents))
    assert report.documents == len(docs)


def test_aligned_spans_recovered_exactly(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    text = "EU rejects German call 👍🏽 today"
    doc = Document(id="d", text=text)
    spans = [
        Span("a", "d", 0, 2, "ORG", "x"),
        Span("b", "d", 11, 22, "Claim", "x"),
        Span("c", "d", 3, 22, "Claim", "y"),
    ]
    write_spacy([AnnotatedDocument(doc, spans)], tmp_path / "o.spacy", Scheme())
    [sdoc] = DocBin().from_disk(tmp_path / "o.spacy").get_docs(spacy.blank("xx").vocab)
    assert [s.text for s in sdoc.spans["sc"]] == ["EU", "German call", "rejects German call"]
    assert [(e.text, e.label_) for e in sdoc.ents] == [
        ("EU", "ORG"),
        ("rejects German call", "Claim"),
    ]
