"""A wheel works on its own: installed (not editable) in a fresh venv and run from another
folder, `init --demo` finds the seed articles and the app its stylesheet and icon."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_installed_wheel_runs_the_demo_from_another_folder(tmp_path: Path) -> None:
    # No build isolation and no dependencies: offline, and seconds rather than minutes.
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "-q", "-w", tmp_path / "dist", ROOT, cwd=tmp_path)  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("outlet_annotator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "annotator/resources/styles/annotator.qss" in names
    assert "annotator/resources/icons/annotator.svg" in names
    assert "annotator/resources/help/guide.md" in names
    assert sum(n.startswith("annotator/seeds/") and n.endswith(".txt") for n in names) == 4

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel,
        cwd=tmp_path)  # fmt: skip
    # The dependencies (PySide6, numpy ...) from this venv, after the fresh venv's own
    # site-packages, so `annotator` itself comes from the wheel.
    fresh_site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                     cwd=tmp_path).strip()  # fmt: skip
    (Path(fresh_site) / "outer.pth").write_text(sysconfig.get_path("purelib") + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = run(venv / "bin" / "annotator", "init", "x.annotator", "--demo", cwd=elsewhere, env=env)
    assert "4 demo articles" in out
    report = json.loads(
        run(venv / "bin" / "annotator", "--smoke-test", "x.annotator", cwd=elsewhere, env=env)
    )
    assert Path(report["package"]).is_relative_to(venv)  # the wheel's copy, not the checkout
    assert report["ok"] and report["documents"] == 4
    assert report["stylesheet"] and report["icon"]
    sections = run(python, "-c", "from annotator.services.user_guide import render_guide;"
                   " print(len(render_guide().sections))", cwd=elsewhere, env=env)  # fmt: skip
    assert int(sections) > 10  # the user guide, from the wheel's package data
