"""`annotator --smoke-test PROJECT` opens, paints, reports and quits (CI runs the bundle so)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.store.project_store import ProjectStore


def test_the_smoke_test_opens_the_demo_and_reports_a_painted_window(tmp_path: Path) -> None:
    project = tmp_path / "demo.annotator"
    init = subprocess.run(
        [sys.executable, "-m", "annotator", "init", str(project), "--demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert init.returncode == 0, init.stderr
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--smoke-test", str(project)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["documents"] == 4 and report["colours"] > 1
    assert report["stylesheet"] and report["icon"]
    with ProjectStore.open(project) as store:  # nothing was written by the smoke test
        assert store.annotations.annotators() == []
