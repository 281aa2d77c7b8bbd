"""End to end: a second `annotator PROJECT` while the app runs opens it in the running app."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from annotator import APP_ID
from annotator.store.project_store import ProjectStore

pytestmark = pytest.mark.slow


def test_a_second_launch_opens_its_project_in_the_running_app(tmp_path: Path) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="ann-"))  # short: a socket path holds 107 bytes
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # where QSettings keeps recent projects
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    first_project, second_project = tmp_path / "a.annotator", tmp_path / "b.annotator"
    for path in (first_project, second_project):
        ProjectStore.create(path).close()
    command = [sys.executable, "-m", "annotator"]
    first = subprocess.Popen(
        [*command, str(first_project), "--annotator", "alice"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "first.err").open("w"),
    )
    try:
        socket = runtime / f"{APP_ID}-{os.getuid()}.socket"
        for _ in range(600):  # the first instance is listening once its socket exists
            if socket.exists() or first.poll() is not None:
                break
            time.sleep(0.05)
        assert socket.exists() and first.poll() is None, (tmp_path / "first.err").read_text()
        second = subprocess.run(
            [*command, str(second_project)], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr  # it handed the file over and left
        settings = tmp_path / "config" / "Annotator" / "Annotator.conf"
        for _ in range(200):  # the running app records the project it opened
            if settings.exists() and "b.annotator" in settings.read_text("utf-8"):
                break
            time.sleep(0.05)
        assert "b.annotator" in settings.read_text("utf-8")
        assert first.poll() is None  # one process, still running
    finally:
        first.terminate()
        first.wait(timeout=30)
        shutil.rmtree(runtime, ignore_errors=True)
