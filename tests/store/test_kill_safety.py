"""Killing the process never loses an acknowledged annotation (RELIABILITY.md test matrix)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from annotator.store.project_store import ProjectStore

WRITER = """
import sys
from annotator.core.model import Span
from annotator.store.project_store import ProjectStore
store = ProjectStore.open(sys.argv[1])
trial = sys.argv[2]
for i in range(100000):
    store.annotations.add_span(Span(f"{trial}-{i}", "en", i % 30, i % 30 + 1, "Claim", f"{trial}-{i}"))
    print(f"{trial}-{i}", flush=True)
"""


def test_sigkill_during_writes_keeps_every_acknowledged_span(
    store: ProjectStore, tmp_path: Path
) -> None:
    path = store.path
    store.close()
    rng = random.Random(4)
    acknowledged: set[str] = set()
    for _trial in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"t{_trial}"],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # start the clock once the writer is writing
        acknowledged.add(first.strip())
        deadline = time.monotonic() + rng.uniform(0.2, 0.6)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.add(line.strip())
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()  # acks printed before the kill landed
        acknowledged.update(x for x in rest.split() if x)
        proc.wait()
        with ProjectStore.open(path) as reopened:
            assert reopened.integrity_ok()
            stored = {s.id for s in reopened.annotations.spans("en")}
        assert acknowledged <= stored
    assert len(acknowledged) > 50
