from hypothesis import HealthCheck, given, settings

from annotator.core.model import AnnotatedDocument, Document, Scheme, Span
from annotator.services.formats.conll import tokenize, write_conll

from .strategies import corpora

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _parse(path):
    docs, sentence = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == "-DOCSTART-\tO":
            docs.append([])
        elif line == "":
            sentence = None
        else:
            token, tag = line.split("\t")
            if sentence is None:
                sentence = []
                docs[-1].append(sentence)
            sentence.append((token, tag))
    return docs


@SETTINGS
@given(docs=corpora())
def test_tokens_and_tags_are_consistent(tmp_path, docs):
    out = tmp_path / "out.conll"
    report = write_conll(docs, out, Scheme())
    parsed = _parse(out)
    assert len(parsed) == len(docs)
    for sentences, item in zip(parsed, docs, strict=True):
        text = item.document.text
        tokens = [text[s:e] for s, e in tokenize(text)]
        assert [t for sentence in sentences for t, _ in sentence] == tokens
        tags = [tag for sentence in sentences for _, tag in sentence]
        for i, tag in enumerate(tags):
            assert tag == "O" or tag[:2] in ("B-", "I-")
            if tag.startswith("I-"):
                assert tags[i - 1][2:] == tag[2:] and tags[i - 1] != "O"
        lines = [line for line in text.split("\n") if tokenize(line)]
        assert len(sentences) == len(lines)
    assert report.spans == sum(tag.startswith("B-") for doc in parsed for s in doc for _, tag in s)


def test_token_aligned_spans_and_overlap_warning(tmp_path):
    text = "EU rejects German call.\nMerkel, 64, replies"
    doc = Document(id="d", text=text)
    spans = [
        Span("a", "d", 0, 2, "ORG", "x"),
        Span("b", "d", 11, 22, "Claim", "x"),
        Span("c", "d", 18, 22, "Thing", "x"),  # inside b: dropped
        Span("d", "d", 24, 30, "Person", "x"),
    ]
    out = tmp_path / "o.conll"
    report = write_conll([AnnotatedDocument(doc, spans)], out, Scheme())
    assert out.read_text(encoding="utf-8") == (
        "-DOCSTART-\tO\n\n"
        "EU\tB-ORG\nrejects\tO\nGerman\tB-Claim\ncall\tI-Claim\n.\tO\n\n"
        "Merkel\tB-Person\n,\tO\n64\tO\n,\tO\nreplies\tO\n\n"
    )
    assert report.spans == 3
    assert any("span c" in w and "dropped" in w for w in report.warnings)
