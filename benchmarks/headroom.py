"""Do the targets hold with headroom across several full runs? (issue #15: "every target
holds with a 25 % margin in three consecutive full runs").

    python benchmarks/run.py --json run1.json    # three times, on an idle machine
    python benchmarks/headroom.py run1.json run2.json run3.json [--margin 0.25]

A row holds with margin m when its median x (1 + m) is within its time target and its
ratio x (1 + m) within its ratio target. Prints one line per measurement with the worst
figure of the runs and exits 1 when any row of any run misses (quick runs are refused:
their sizes prove nothing).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def holds(row: dict[str, Any], margin: float) -> bool:
    """True when the row's median and ratio are within their targets with `margin` spare."""
    factor = 1 + margin
    value, ratio = row["median_s"], row.get("ratio")
    if row.get("target_s") is not None and value * factor > row["target_s"]:
        return False
    return not (
        row.get("target_ratio") is not None
        and ratio is not None
        and ratio * factor > row["target_ratio"]
    )


def _spare(row: dict[str, Any]) -> float:
    """How many times over the row could grow and still meet its targets (1.25 = 25 %)."""
    spares = []
    if row.get("target_s") is not None and row["median_s"]:
        spares.append(row["target_s"] / row["median_s"])
    if row.get("target_ratio") is not None and row.get("ratio"):
        spares.append(row["target_ratio"] / row["ratio"])
    return min(spares) if spares else float("inf")


def report(runs: list[list[dict[str, Any]]], margin: float) -> tuple[list[str], bool]:
    names = [row["name"] for row in runs[0]]
    by_run = [{row["name"]: row for row in run} for run in runs]
    lines, ok = [], True
    for name in names:
        rows = [run[name] for run in by_run if name in run]
        missing = len(rows) < len(runs)
        worst = min(rows, key=_spare)
        good = not missing and all(holds(row, margin) for row in rows)
        ok = ok and good
        spare = _spare(worst)
        shown = "no target" if spare == float("inf") else f"worst spare {spare:.2f}x"
        lines.append(
            f"{'ok  ' if good else 'MISS'} {name:28} {shown}"
            + (" (missing from a run)" if missing else "")
        )
    return lines, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="--json outputs of full runs")
    parser.add_argument("--margin", type=float, default=0.25)
    args = parser.parse_args(argv)
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in args.runs]
    if any(row.get("met") is None for run in runs for row in run):
        print("a --quick run proves nothing about headroom: use full runs", file=sys.stderr)
        return 2
    lines, ok = report(runs, args.margin)
    print("\n".join(lines))
    held = sum(line.startswith("ok") for line in lines)
    print(
        f"{held} of {len(lines)} rows hold with a {args.margin:.0%} margin in all {len(runs)} runs"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
