"""Memory of the app with 1,000 articles and 100,000 spans open, in a fresh process.

The child opens the project in the main window as the app does (two columns, docks,
annotation list), shows and paints it, and reports its peak resident set size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from benchmarks.bench_io import articles, articles_project, describe
from benchmarks.bench_startup import OPEN_AND_PAINT
from benchmarks.context import Context
from benchmarks.timing import Row, make_row

AREA = "memory"
NAMES = ("memory",)
TARGET_MB = 400

_CHILD = (
    OPEN_AND_PAINT
    + """
status = dict(
    line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
)
rss_kb = int(status.get("VmRSS", "0 kB").split()[0])
# Not ru_maxrss: Linux carries it over from the parent across fork + exec, so it would
# report the benchmark runner's own peak. VmHWM is this process's.
peak_kb = int(status["VmHWM"].split()[0]) if "VmHWM" in status else (
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
)
print(json.dumps({"rss_mb": rss_kb / 1024, "peak_mb": peak_kb / 1024}), flush=True)
os._exit(0)
"""
)


def run(ctx: Context) -> list[Row]:
    items = articles(ctx)[1]
    project = articles_project(ctx)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    settings = str(ctx.path("memory-settings.ini"))
    peaks = []
    for _ in range(1 if ctx.quick else 3):
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(project), settings],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        peaks.append(json.loads(result.stdout.strip().splitlines()[-1])["peak_mb"])
    workload = f"{describe(items)}, open in the main window (peak RSS)"
    return [make_row("memory", workload, peaks, target_s=TARGET_MB, unit="MB")]
