"""The contributor's documents stay true: every file path they name exists, and the README
points to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ("docs/ARCHITECTURE.md", "CONTRIBUTING.md")
# A repository path: starts at a top-level folder we ship, ends in a file or a folder.
PATH = re.compile(r"\b((?:annotator|tests|benchmarks|docs|resources)/[\w./-]*\w)")


def named_paths(text: str) -> set[str]:
    return {match.rstrip("/.") for match in PATH.findall(text)}


def test_the_path_pattern_finds_file_and_folder_names() -> None:
    text = "see `annotator/gui/session.py`, annotator/core/agreement/ and tests/conftest.py."
    assert named_paths(text) == {
        "annotator/gui/session.py",
        "annotator/core/agreement",
        "tests/conftest.py",
    }


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_path_a_document_names_exists(document: str) -> None:
    paths = named_paths((ROOT / document).read_text(encoding="utf-8"))
    assert len(paths) > 5
    assert sorted(p for p in paths if not (ROOT / p).exists()) == []


def test_the_readme_points_to_both_documents() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    development = readme[readme.index("## Development") :]
    assert all(document in development for document in DOCUMENTS)


def test_files_over_400_lines_say_why_at_their_top() -> None:
    unexplained = []
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > 400 and not lines[0].startswith("# Over 400 lines: "):
            unexplained.append(f"{path.relative_to(ROOT)} ({len(lines)} lines)")
    assert unexplained == []
