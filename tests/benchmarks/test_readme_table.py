"""The README's Performance table is the committed benchmark run, formatted by the script."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import readme_table

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results.json"


def test_the_readme_shows_the_committed_run() -> None:
    rows = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = readme_table.README.read_text(encoding="utf-8")
    assert readme_table.rewrite(readme, rows) == readme, (
        "run: python benchmarks/readme_table.py benchmarks/results.json"
    )


def test_rows_are_formatted_with_their_targets_and_pipes_escaped() -> None:
    rows = [
        {"name": "import", "workload": "a | b", "median_s": 1.5, "baseline_s": 0.75,
         "ratio": 2.0, "target_s": 2.0, "target_ratio": 3.0, "met": True, "unit": "s"},
        {"name": "memory", "workload": "open", "median_s": 120.0, "baseline_s": None,
         "ratio": None, "target_s": 500.0, "target_ratio": None, "met": False, "unit": "MB"},
    ]  # fmt: skip
    text = readme_table.table(rows)
    assert "| import | a \\| b | 1.50 s | 750.0 ms | 2.00 | ≤ 2.00 s, ratio ≤ 3 | yes |" in text
    assert "| memory | open | 120 MB | — | — | ≤ 500 MB | **no** |" in text
    assert text.endswith("1 of 2 targets met in this run.")
    doc = f"intro\n{readme_table.BEGIN}\nold table\n{readme_table.END}\nafter\n"
    assert readme_table.rewrite(doc, rows) == (
        f"intro\n{readme_table.BEGIN}\n{text}\n{readme_table.END}\nafter\n"
    )
