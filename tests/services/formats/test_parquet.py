import sys

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.errors import AnnotatorError
from annotator.core.model import Scheme
from annotator.services.formats.parquet import write_parquet

from .strategies import corpora

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_missing_pyarrow_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(AnnotatorError, match="pip install"):
        write_parquet([], tmp_path / "x.parquet", Scheme())


@SETTINGS
@given(docs=corpora())
def test_pyarrow_reads_rows_back(tmp_path, docs):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    write_parquet(docs, out, Scheme())
    rows = pq.read_table(out).to_pylist()
    spans = [r for r in rows if r["level"] == "span"]
    assert [
        (r["span_id"], r["start"], r["end"], r["text"], r["annotator"], r["stance"]) for r in spans
    ] == [
        (s.id, s.start, s.end, d.document.text[s.start : s.end], s.annotator, s.stance)
        for d in docs
        for s in d.spans
    ]
    assert len(rows) - len(spans) == sum(len(d.stances) for d in docs)
