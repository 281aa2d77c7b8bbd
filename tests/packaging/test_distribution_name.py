"""Every install hint names our distribution: "annotator" on PyPI is another project."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import annotator

ROOT = Path(__file__).resolve().parents[2]
# `pip install annotator`, `pip install 'annotator[spacy]'`, `pip install "annotator"` ...
WRONG_HINT = re.compile(r"pip install\s+['\"]?annotator\b(?!-)")


def test_the_distribution_name_is_declared_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == annotator.DISTRIBUTION == "outlet-annotator"
    assert project["scripts"] == {"annotator": "annotator.app.cli:main"}  # the command stays
    assert project["license"] == "MIT"  # SPDX string, not the deprecated table


def test_no_install_hint_names_the_other_project() -> None:
    files = [ROOT / "README.md", *(ROOT / "annotator").rglob("*.py"), *(ROOT / "docs").rglob("*")]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in files
        if path.is_file() and path.suffix in {".md", ".py", ".txt", ""}
        for match in WRONG_HINT.finditer(path.read_text("utf-8", errors="replace"))
    ]
    assert offenders == []


def test_install_hint_names_the_extra() -> None:
    assert annotator.install_hint("spacy") == "pip install 'outlet-annotator[spacy]'"
