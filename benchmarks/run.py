"""Run the benchmark suite and print medians against raw baselines and targets.

    python benchmarks/run.py                  full sizes (several minutes)
    python benchmarks/run.py --quick          about 1/20 of the sizes, seconds; CI runs this
    python benchmarks/run.py --only search    one area (or one measurement) only
    python benchmarks/run.py --json OUT.json  also write the rows as JSON
    python benchmarks/run.py --workload F.jsonl   document-level measurements on a real file

Exits 0 whatever the timings (a missed target is reported, not failed); non-zero only
when a benchmark crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import (
    bench_agreement,
    bench_archive,
    bench_bulkio,
    bench_claims,
    bench_gui_edit,
    bench_gui_open,
    bench_hub,
    bench_import_growth,
    bench_io,
    bench_memory,
    bench_merge,
    bench_search,
    bench_startup,
)
from benchmarks.context import Context
from benchmarks.timing import Row

AREAS = (
    bench_startup,
    bench_gui_open,
    bench_gui_edit,
    bench_io,
    bench_import_growth,
    bench_agreement,
    bench_search,
    bench_claims,
    bench_memory,
    bench_archive,
    bench_bulkio,
    bench_merge,
    bench_hub,
)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


QUICK_MET = "n/a (quick)"  # the targets are for the full sizes; a quick run meets or misses none


def format_table(rows: list[Row], *, quick: bool = False) -> str:
    header = ("measurement", "workload", "median", "baseline", "ratio", "target", "met")
    lines = [header]
    for row in rows:
        target = " & ".join(
            part
            for part in (
                f"≤ {_fmt(row.target_s, row.unit)}" if row.target_s is not None else "",
                f"ratio ≤ {row.target_ratio:g}" if row.target_ratio is not None else "",
            )
            if part
        )
        lines.append(
            (
                row.name,
                row.workload,
                _fmt(row.median_s, row.unit),
                _fmt(row.baseline_s, row.unit),
                "—" if row.ratio is None else f"{row.ratio:.2f}",
                target or "—",
                QUICK_MET if quick else "yes" if row.met else "NO",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines
    ]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the rows as JSON")
    parser.add_argument("--workload", type=Path, metavar="FILE.jsonl", help="native JSONL file")
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="area or measurement"
    )
    args = parser.parse_args(argv)
    if args.workload is not None and not args.workload.is_file():
        parser.error(f"no such file: {args.workload}")
    only = {name for value in args.only for name in value.split(",") if name}
    known = {a.AREA for a in AREAS} | {n for a in AREAS for n in a.NAMES}
    if only - known:
        parser.error(f"unknown --only {sorted(only - known)}; known: {sorted(known)}")

    rows: list[Row] = []
    crashed = []
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as scratch:
        ctx = Context(args.quick, Path(scratch), args.workload, only)
        for area in AREAS:
            if only and area.AREA not in only and not only & set(area.NAMES):
                continue
            started = time.perf_counter()
            try:
                new_rows = area.run(ctx)
            except Exception:
                traceback.print_exc()
                crashed.append(area.AREA)
                continue
            rows.extend(new_rows)
            elapsed = time.perf_counter() - started
            print(f"[{area.AREA}: {len(new_rows)} row(s) in {elapsed:.1f} s]", file=sys.stderr)
    print(format_table(rows, quick=args.quick))
    if args.json is not None:
        records = [dict(row.as_json(), met=None) if args.quick else row.as_json() for row in rows]
        args.json.write_text(json.dumps(records, indent=2) + "\n")
    if crashed:
        print(f"crashed: {', '.join(crashed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
