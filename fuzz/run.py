"""Run the fuzz targets (fuzz/targets.py) for a set time each, outside the test suite.

    python fuzz/run.py                    every target, 60 s each
    python fuzz/run.py --seconds 2        what `make check` runs: a short pass of each
    python fuzz/run.py --only brat,html   some targets

Each target runs in its own child process with a time-out, so a hang is reported as a
failure instead of stalling the run. Exit status 1 when any target failed; the failing
input is printed (hypothesis shrinks it first).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HANG_MARGIN_S = 60  # on top of the budget: an example running this long is a hang


def _fuzz_one(name: str, seconds: float) -> int:
    """In the child: run target `name` in rounds of fresh random examples until time is up."""
    sys.path.insert(0, str(ROOT))
    from hypothesis import HealthCheck, given, settings

    from fuzz.targets import TARGETS

    target, strategy = TARGETS[name]

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def round_of_examples(data: bytes) -> None:
        target(data)

    stop = time.monotonic() + seconds
    rounds = 0
    while True:
        round_of_examples()
        rounds += 1
        if time.monotonic() >= stop:
            break
    print(f"{name}: {rounds * 200} examples, no failure")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time per target")
    parser.add_argument("--only", default="", help="comma-separated target names")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _fuzz_one(args.child, args.seconds)
    sys.path.insert(0, str(ROOT))
    from fuzz.targets import TARGETS

    names = [n for n in args.only.split(",") if n] or list(TARGETS)
    unknown = sorted(set(names) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)} (known: {', '.join(TARGETS)})")
    failed = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in names:
        command = [sys.executable, __file__, "--child", name, "--seconds", str(args.seconds)]
        try:
            result = subprocess.run(command, env=env, timeout=args.seconds + HANG_MARGIN_S)
        except subprocess.TimeoutExpired:
            print(f"{name}: HUNG (no answer within {args.seconds + HANG_MARGIN_S:.0f} s)")
            failed.append(name)
            continue
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"fuzzing failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
