"""Write the README's Performance table from one `benchmarks/run.py --json` run.

    python benchmarks/run.py --json benchmarks/results.json
    python benchmarks/readme_table.py benchmarks/results.json     # rewrites README.md
    python benchmarks/readme_table.py benchmarks/results.json --check   # exit 1 if stale

The table sits between two marker comments in README.md; everything else is left alone.
The JSON is committed beside it, and tests/benchmarks/test_readme_table.py checks that the
README shows exactly that run, so the two cannot drift apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- performance table: benchmarks/readme_table.py writes it from one --json run -->"
END = "<!-- end of performance table -->"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    if value < 0.001:
        return f"{value * 1000:.2f} ms"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _target(row: dict[str, Any]) -> str:
    parts = []
    if row.get("target_s") is not None:
        parts.append(f"≤ {_value(row['target_s'], row.get('unit', 's'))}")
    if row.get("target_ratio") is not None:
        parts.append(f"ratio ≤ {row['target_ratio']:g}")
    return ", ".join(parts) or "—"


def _met(row: dict[str, Any]) -> str:
    if row.get("met") is None:
        return "n/a"
    return "yes" if row["met"] else "**no**"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table, in the order the suite ran them."""
    lines = [
        "| measurement | workload | median | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        unit = row.get("unit", "s")
        ratio = "—" if row.get("ratio") is None else f"{row['ratio']:.2f}"
        cells = (
            row["name"], row["workload"], _value(row["median_s"], unit),
            _value(row.get("baseline_s"), unit), ratio, _target(row), _met(row),
        )  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    met = sum(1 for row in rows if row.get("met"))
    judged = sum(1 for row in rows if row.get("met") is not None)
    lines.append("")
    lines.append(f"{met} of {judged} targets met in this run.")
    return "\n".join(lines)


def rewrite(readme: str, rows: list[dict[str, Any]]) -> str:
    """`readme` with the text between the markers replaced by the table of `rows`."""
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + table(rows) + "\n" + readme[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", type=Path, help="the JSON written by run.py --json")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    rows = json.loads(args.results.read_text(encoding="utf-8"))
    before = args.readme.read_text(encoding="utf-8")
    after = rewrite(before, rows)
    if args.check:
        if after != before:
            print(f"{args.readme} does not show {args.results}; run {Path(__file__).name}")
            return 1
        return 0
    args.readme.write_text(after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
