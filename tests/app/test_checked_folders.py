"""`make lint` and `make typecheck` cover every folder of Python code in the repository (#14).

The fuzz targets were once outside both: a new folder of code must be linted, and either
type-checked or named below with the reason it is not (yet).
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Not type-checked, and why: the tests and the benchmarks drive Qt through stubs that
# return Optional everywhere (hundreds of asserts for no safety); interop talks to
# servers' untyped JSON. Their code still passes ruff.
NOT_TYPE_CHECKED = {"tests", "benchmarks", "interop"}


def _python_folders() -> set[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split()
    return {path.split("/")[0] for path in tracked if "/" in path}


def _linted() -> set[str]:
    makefile = (REPO / "Makefile").read_text("utf-8")
    match = re.search(r"^LINTED = (.+)$", makefile, re.MULTILINE)
    assert match, "the Makefile names the linted folders in LINTED"
    assert "ruff check $(LINTED)" in makefile and "ruff format --check $(LINTED)" in makefile
    return set(match.group(1).split())


def _type_checked() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    return {entry.split("/")[0] for entry in config.get("files", [])}


def test_every_folder_of_python_code_is_linted() -> None:
    folders = _python_folders()
    assert {"annotator", "fuzz", "tests"} <= folders  # the listing itself works
    assert folders - _linted() == set()


def test_every_folder_of_python_code_is_type_checked_or_says_why_not() -> None:
    checked = _type_checked()
    assert {"annotator", "fuzz"} <= checked
    assert _python_folders() - checked - NOT_TYPE_CHECKED == set()
    assert checked & NOT_TYPE_CHECKED <= {"benchmarks"}  # only its fault trials are checked
