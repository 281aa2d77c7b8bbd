"""The benchmark runner works end to end and writes rows of the documented shape (no timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks import bench_io

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
KEYS = {
    "name": str,
    "workload": str,
    "median_s": float,
    "baseline_s": (float, type(None)),
    "ratio": (float, type(None)),
    "target_s": (float, type(None)),
    "target_ratio": (float, type(None)),
    "met": (bool, type(None)),
}


def test_quick_run_writes_rows_of_the_documented_shape(tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--only", "search", "--json", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.read_text())
    assert isinstance(rows, list) and rows
    for row in rows:
        assert KEYS.keys() <= row.keys()
        for key, kind in KEYS.items():
            assert isinstance(row[key], kind), (key, row[key])
    assert {row["name"] for row in rows} == {"search_rare", "search_common"}
    assert "search_rare" in result.stdout  # the table is printed too
    # Quick sizes have no targets: neither met nor missed.
    assert all(row["met"] is None for row in rows)
    table_rows = [line for line in result.stdout.splitlines() if line.startswith("search_")]
    assert len(table_rows) == 2
    assert all(line.rstrip().endswith("n/a (quick)") for line in table_rows)


def test_unknown_only_name_is_refused() -> None:
    result = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--only", "no_such_benchmark"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "no_such_benchmark" in result.stderr


def test_a_workload_whose_labels_the_default_scheme_lacks_runs(tmp_path: Path) -> None:
    # A user's own file: labels like code_07, a stance value and a target the default
    # scheme lacks. The raw baseline used to look them up in the default scheme and
    # crash with KeyError; every row measured on the workload (the io area: the import
    # and every export with their baselines) must run on it.
    record = {
        "id": "a1",
        "title": "An article",
        "text": "Officials said the letter warned of risks to national security.",
        "spans": [
            {"start": 0, "end": 9, "label": "code_07", "annotator": "ann"},
            {"start": 10, "end": 14, "label": "code_11", "annotator": "ann", "stance": "pro",
             "target": "topic_3"},
        ],
        "stances": [{"annotator": "ann", "target": "topic_3", "stance": "contra"}],
    }  # fmt: skip
    workload = tmp_path / "codes.jsonl"
    workload.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "rows.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            *(sys.executable, str(RUNNER), "--quick", "--workload", str(workload)),
            *("--only", "io", "--json", str(out)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(out.read_text())}
    assert set(rows) == {"import", *(f"export_{fmt}" for fmt in bench_io.EXPORT_FORMATS)}
    assert rows["import"]["workload"] == "1 × 0 KB, 2 spans"
    assert all(row["baseline_s"] is not None for row in rows.values())
