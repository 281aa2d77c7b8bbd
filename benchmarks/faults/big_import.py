"""Import one large native JSONL file in a child process: its peak memory and its time.

`python benchmarks/faults/run.py --only none --import-mb 200` writes a deterministic
file of about that size (articles of ~10 KB with ten spans each), imports it into a new
project in a fresh process and reports the child's peak resident set size (VmHWM, read
by the child itself: Linux carries ru_maxrss over from the parent across fork + exec).
A problem is reported when the peak exceeds PEAK_LIMIT_RATIO times the file plus the
interpreter's own share, or when the project does not hold every document.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PEAK_LIMIT_RATIO = 2.5  # of the file's size, over BASE_MB
BASE_MB = 150  # the interpreter, SQLite's cache and the CLI's modules
WORDS = [
    "the",
    "experts",
    "warned",
    "Washington",
    "that",
    "restrictions",
    "on",
    "models",
    "would",
    "harm",
    "research",
    "and",
    "safety",
    "alike",
    "in",
    "many",
    "countries",
    "while",
    "others",
    "said",
    "the",
    "letter",
    "changed",
    "nothing",
]

_CHILD = """
import json, sys
from pathlib import Path
from annotator.app.cli import main
code = main(["import", sys.argv[1], sys.argv[2]])
status = dict(
    line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
)
print(json.dumps({"code": code, "peak_kb": int(status["VmHWM"].split()[0])}), flush=True)
"""


@dataclass
class BigImport:
    megabytes: float
    documents: int
    peak_mb: float
    seconds: float
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        ratio = self.peak_mb / self.megabytes if self.megabytes else 0.0
        return (
            f"import    {self.megabytes:,.0f} MB JSONL ({self.documents:,} documents): peak RSS "
            f"{self.peak_mb:,.0f} MB ({ratio:.1f}× the file), {self.seconds:.1f} s"
        )


def write_corpus(path: Path, megabytes: float, seed: int = 14) -> int:
    """A JSONL file of about `megabytes`; returns its number of documents."""
    rng = random.Random(seed)
    limit = int(megabytes * 2**20)
    written = count = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        while written < limit:
            text = " ".join(rng.choice(WORDS) for _ in range(1600))
            spans = []
            for _ in range(10):
                start = rng.randrange(len(text) - 50)
                spans.append(
                    {
                        "start": start,
                        "end": start + rng.randint(5, 40),
                        "label": rng.choice(("Claim", "Source")),
                        "annotator": rng.choice(("ana", "ben")),
                    }
                )
            line = json.dumps({"id": f"big{count}", "text": text, "spans": spans}) + "\n"
            handle.write(line)
            written += len(line)
            count += 1
    return count


def measure(folder: Path, megabytes: float) -> BigImport:
    source = folder / "big.jsonl"
    documents = write_corpus(source, megabytes)
    size_mb = source.stat().st_size / 2**20
    project = folder / "big.annotator"
    project.unlink(missing_ok=True)
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "annotator", "init", str(project)],
        cwd=REPO, env=env, check=True, capture_output=True,
    )  # fmt: skip
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project), str(source)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.monotonic() - started
    result = BigImport(size_mb, documents, 0.0, seconds)
    try:
        report = json.loads(child.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        result.problems.append(f"the import child failed: {child.stderr[-1000:]}")
        return result
    result.peak_mb = report["peak_kb"] / 1024
    if report["code"] != 0:
        result.problems.append(f"the import failed: {child.stderr[-500:]}")
    conn = sqlite3.connect(project)
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    if stored != documents:
        result.problems.append(f"{stored} of {documents} documents imported")
    limit = BASE_MB + PEAK_LIMIT_RATIO * size_mb
    if result.peak_mb > limit:
        result.problems.append(
            f"peak RSS {result.peak_mb:,.0f} MB over the bound of {limit:,.0f} MB "
            f"({BASE_MB} MB + {PEAK_LIMIT_RATIO}× the file)"
        )
    source.unlink()
    return result
