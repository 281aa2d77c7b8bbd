"""The Makefile's promises: `run` installs the runtime only, a changed interpreter rebuilds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_dry_run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHON", "VENV", "MAKEFLAGS"}}
    return subprocess.run(
        ["make", "-n", "-C", str(ROOT), *args], capture_output=True, text=True, env=env, check=False
    )


def fake_venv(folder: Path, version: str) -> Path:
    """A venv whose python claims to be `version` (a tuple's repr, as the Makefile prints)."""
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(
        f'#!/bin/sh\ncase "$2" in *platform*) echo {version[1:-1].replace(", ", ".")};; '
        f'*) echo "{version}";; esac\n'
    )
    python.chmod(0o755)
    return python


def test_run_installs_the_runtime_dependencies_only(tmp_path: Path) -> None:
    result = make_dry_run("run", f"VENV={tmp_path / 'v'}", f"PYTHON={sys.executable}")
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if "pip install" in line]
    assert any(line.rstrip().endswith("-e .") for line in installs), installs
    assert not any("[dev]" in line for line in installs), installs


def test_check_installs_the_dev_extras(tmp_path: Path) -> None:
    result = make_dry_run("check", f"VENV={tmp_path / 'v'}", f"PYTHON={sys.executable}")
    assert "-e '.[dev]'" in result.stdout


def test_a_venv_of_another_python_is_rebuilt_when_python_is_given(tmp_path: Path) -> None:
    venv = tmp_path / "v"
    fake_venv(venv, "(3, 9)")
    result = make_dry_run("setup", f"VENV={venv}", f"PYTHON={sys.executable}")
    assert "was made with Python 3.9" in result.stdout and "rebuilding" in result.stdout
    assert not venv.exists()
    assert f"{sys.executable} -m venv {venv}" in result.stdout


def test_a_venv_of_the_same_python_is_kept(tmp_path: Path) -> None:
    venv = tmp_path / "v"
    fake_venv(venv, repr(tuple(sys.version_info[:2])))
    result = make_dry_run("setup", f"VENV={venv}", f"PYTHON={sys.executable}")
    assert "rebuilding" not in result.stdout
    assert venv.exists()
