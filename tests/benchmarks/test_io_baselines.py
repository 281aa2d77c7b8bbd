"""The io baselines do the export's work: the same rows, the plainest way (issue #15).

A baseline that writes less than the export (fewer columns, no stances) would flatter
the ratio; one that writes more would hide a slow export. The csv baseline must write
byte for byte what the export writes when it changes no cell (raw=True).
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Span
from annotator.services.export import export_project
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.bench_io import _raw_csv


def test_the_csv_baseline_writes_the_rows_the_export_writes(tmp_path: Path) -> None:
    items = workloads.corpus(20, 800, 300, seed=4)
    first = items[0]
    text = first.document.text
    first.spans.append(  # a note, a formula-like passage and a line break in the passage
        Span("odd", first.document.id, 0, min(len(text), 40), "Claim", "alice", note="=1+1")
    )
    project = workloads.build_project(tmp_path / "p.annotator", items)
    with ProjectStore.open(project) as store:
        assert store.conn.execute("SELECT count(*) FROM document_stances").fetchone()[0] > 0
        _raw_csv(store, tmp_path / "raw.csv")
        export_project(store, "csv", tmp_path / "export.csv", raw=True)
    raw = (tmp_path / "raw.csv").read_bytes()
    assert raw.count(b"\r\n") > 300
    assert raw == (tmp_path / "export.csv").read_bytes()
