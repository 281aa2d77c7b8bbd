import csv

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Scheme, Span
from annotator.services.formats.csv_format import COLUMNS, FORMULA_TRIGGERS, write_csv

from .strategies import corpora

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
csv.field_size_limit(10_000_000)


def _rows(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


@SETTINGS
@given(docs=corpora())
def test_raw_csv_reads_back(tmp_path, docs):
    out = tmp_path / "out.csv"
    report = write_csv(docs, out, Scheme(), raw=True)
    rows = _rows(out)
    span_rows = [r for r in rows if r["level"] == "span"]
    doc_rows = [r for r in rows if r["level"] == "document"]
    assert len(span_rows) == report.spans == sum(len(d.spans) for d in docs)
    assert len(doc_rows) == sum(len(d.stances) for d in docs)
    expected = [
        (
            d.document.id,
            s.annotator,
            s.label,
            s.stance or "",
            s.target or "",
            str(s.start),
            str(s.end),
            d.document.text[s.start : s.end],
            s.note,
        )
        for d in docs
        for s in d.spans
    ]
    got = [
        (
            r["document_id"],
            r["annotator"],
            r["label"],
            r["stance"],
            r["target"],
            r["start"],
            r["end"],
            r["text"],
            r["note"],
        )
        for r in span_rows
    ]
    assert got == expected
    for r in doc_rows:
        assert r["label"] == "" and r["start"] == ""


injected = st.tuples(st.sampled_from(FORMULA_TRIGGERS), st.text(max_size=20)).map("".join)


@SETTINGS
@given(label=injected, note=injected, text_start=injected, title=injected)
def test_no_cell_starts_a_formula_in_safe_mode(tmp_path, label, note, text_start, title):
    text = text_start + " rest"
    doc = Document(id="=1+1", text=text, title=title, source="@src")
    spans = [Span("s", doc.id, 0, len(text_start), label, "-ann", "+st", "=t", note)]
    stances = [DocumentStance(doc.id, "@bob", "=EU", "-favor")]
    out = tmp_path / "safe.csv"
    write_csv([AnnotatedDocument(doc, spans, stances)], out, Scheme())
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), row
    span_row = dict(zip(COLUMNS, rows[1], strict=True))
    assert span_row["start"] == "0"
    assert span_row["text"] == "'" + text_start


def test_bom_option(tmp_path):
    out = tmp_path / "bom.csv"
    doc = Document(id="d", text="Ça")
    write_csv([AnnotatedDocument(doc, [Span("s", "d", 0, 2, "C", "a")])], out, Scheme(), bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _rows(out, encoding="utf-8-sig")[0]["text"] == "Ça"


def test_negative_looking_text_is_quoted_but_numbers_are_not(tmp_path):
    out = tmp_path / "n.csv"
    doc = Document(id="d", text="-5 degrees")
    write_csv([AnnotatedDocument(doc, [Span("s", "d", 0, 2, "C", "a")])], out, Scheme())
    row = _rows(out)[0]
    assert (row["text"], row["start"], row["end"]) == ("'-5", "0", "2")
    assert out.read_bytes().endswith(b"'-5,,,,,\r\n")  # note, outlet, claim columns empty
