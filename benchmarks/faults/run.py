"""Run the fault trials many times and print what each left behind.

    python benchmarks/faults/run.py                   20 trials of each kind
    python benchmarks/faults/run.py --trials 50 --only annotate,migrate
    python benchmarks/faults/run.py --only none --storm 500   a long undo/redo storm only
    python benchmarks/faults/run.py --only none --import-mb 200   peak memory of a big import

Kinds (benchmarks/faults/kill_trials.py): annotate, import, merge, export, brat, migrate,
writers. `--storm N` also runs the undo/redo state machine (tests/gui/test_undo_storm.py)
for N examples of 50 steps. `--import-mb N` also imports an N MB JSONL file in a child
and reports its peak RSS (benchmarks/faults/big_import.py; a problem past its bound).
Exits 1 when any trial finds a problem (lost acknowledged work, a half-done import or
merge, a torn export, a half-migrated file, a damaged database or backup).
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks.faults import big_import  # noqa: E402 (after the path)
from benchmarks.faults.kill_trials import KINDS, Trials  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="trials of each kind (default 20)")
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--documents", type=int, default=1500, help="size of the import/merge/export corpus"
    )
    parser.add_argument(
        "--storm", type=int, default=0, metavar="N", help="also N undo/redo storm examples"
    )
    parser.add_argument(
        "--import-mb", type=float, default=0, metavar="N", help="also import an N MB file"
    )
    args = parser.parse_args()
    kinds = [k for k in args.only.split(",") if k and k != "none"]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="annotator-faults-") as scratch:
        trials = Trials(Path(scratch), documents=args.documents, seed=args.seed)
        for kind in kinds:
            started = time.monotonic()
            outcomes: collections.Counter[str] = collections.Counter()
            acks: list[int] = []
            for number in range(args.trials):
                result = trials.run(kind, number)
                if kind == "annotate":
                    acks.append(int(result.outcome.split()[0]))
                    outcomes["killed"] += 1
                else:
                    outcomes[result.outcome] += 1
                for problem in result.problems:
                    failures += 1
                    print(f"FAIL {kind} #{number} (killed at {result.delay_s:.2f} s): {problem}")
            summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items()))
            if acks:
                summary += f" after {min(acks)}–{max(acks)} acknowledged commands"
            print(
                f"{kind:<9} {args.trials} trials in {time.monotonic() - started:5.1f} s: {summary}",
                flush=True,
            )
        if args.import_mb:
            big = big_import.measure(Path(scratch), args.import_mb)
            print(big.line(), flush=True)
            for problem in big.problems:
                failures += 1
                print(f"FAIL import: {problem}")
    if args.storm:
        failures += _storm(args.storm)
    print("no problems found" if not failures else f"{failures} problems found")
    return 1 if failures else 0


def _storm(examples: int) -> int:
    started = time.monotonic()
    env = {
        **os.environ,
        "ANNOTATOR_STORM_EXAMPLES": str(examples),
        "ANNOTATOR_STORM_STEPS": "50",
        "QT_QPA_PLATFORM": "offscreen",
    }
    test = REPO / "tests" / "gui" / "test_undo_storm.py"
    status = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=REPO,
        env=env,
    ).returncode
    print(
        f"storm     {examples} examples in {time.monotonic() - started:5.1f} s: "
        + ("ok" if status == 0 else "FAILED")
    )
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
