import re

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import AnnotatedDocument, Document, Scheme, Span
from annotator.services.formats.brat import read_brat
from annotator.services.formats.brat_export import LINE_BREAKS, write_brat

from .strategies import corpora

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) split around line breaks by regex: the oracle for the writer's
    bisection over each text's breaks."""
    pieces = []
    position = start
    for match in LINE_BREAKS.finditer(text, start, end):
        if match.start() > position:
            pieces.append((position, match.start()))
        position = match.end()
    if position < end:
        pieces.append((position, end))
    return pieces


def _expected(item, span):
    pieces = fragments(item.document.text, span.start, span.end)
    if not pieces:
        return None
    note = LINE_BREAKS.sub(" ", span.note)
    return (
        item.document.id,
        pieces[0][0],
        pieces[-1][1],
        re.sub(r"[^\w/-]+", "_", span.label.strip()),  # brat names: letters, digits, _ - /
        span.annotator,
        span.stance or "",
        span.target or "",
        note,
    )


@SETTINGS
@given(docs=corpora())
def test_round_trip(tmp_path, docs):
    out = tmp_path / "brat"
    report = write_brat(docs, out, Scheme())
    multi = len({s.annotator for d in docs for s in d.spans}) > 1
    for item in docs:
        folders = [p for p in out.iterdir() if p.is_dir()] if multi else [out]
        for folder in folders:
            assert (folder / f"{item.document.id}.txt").read_bytes() == item.document.text.encode()
            for line in (
                (folder / f"{item.document.id}.ann").read_text(encoding="utf-8").split("\n")
            ):
                assert len(line.splitlines()) <= 1
    assert (out / "annotation.conf").exists() or multi
    back = read_brat(
        out, default_annotator=next(iter({s.annotator for d in docs for s in d.spans}), "x")
    )
    got = sorted(
        (
            d.document.id,
            s.start,
            s.end,
            s.label,
            s.annotator,
            s.stance or "",
            s.target or "",
            s.note,
        )
        for d in back
        for s in d.spans
    )
    expected = sorted(e for d in docs for s in d.spans if (e := _expected(d, s)) is not None)
    assert got == expected
    assert {d.document.text for d in back} == {d.document.text for d in docs}
    assert report.documents == len(docs)


def test_newline_span_is_fragmented(tmp_path):
    doc = Document(id="d", text="ab\ncd")
    write_brat(
        [AnnotatedDocument(doc, [Span("s", "d", 0, 5, "Claim", "a", "against")])],
        tmp_path / "b",
        Scheme(),
    )
    ann = (tmp_path / "b" / "d.ann").read_text(encoding="utf-8")
    assert ann == "T1\tClaim 0 2;3 5\tab cd\nA1\tStance T1 against\n"
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")
    assert "Stance\tArg:<ENTITY>, Value:against" in conf


def test_export_refuses_foreign_folder(tmp_path):
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(AnnotatorError):
        write_brat([], tmp_path, Scheme())


@pytest.mark.parametrize(
    ("ann", "line", "message"),
    [
        ("T1\tClaim 0 2\tab\nT2\tClaim 0 99\tab\n", 2, "outside"),
        ("T1\tClaim 0 2\tab\n\nT2\tClaim 0 2\txx\n", 3, "does not match"),
        ("T1\tClaim zero 2\tab\n", 1, "bad offsets"),
        ("T1 Claim 0 2 ab\n", 1, "tab-separated"),
        ("T1\tClaim 0 2\tab\nA1\tStance T7 favor\n", 2, "T7"),
        ("Q1\tfoo\n", 1, "unknown"),
    ],
)
def test_bad_ann_names_file_and_line(tmp_path, ann, line, message):
    (tmp_path / "d.txt").write_text("abcdef", encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_brat(tmp_path)
    assert info.value.path == str(tmp_path / "d.ann")
    assert info.value.line == line
    assert message in str(info.value)


def test_missing_txt(tmp_path):
    (tmp_path / "d.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"d\.txt"):
        read_brat(tmp_path)
