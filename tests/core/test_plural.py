"""Messages count their nouns properly: "1 span", "3 spans", never "3 span(s)" (issue #13)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from annotator.core.plural import counted

PACKAGE = Path(__file__).resolve().parents[2] / "annotator"
_HEDGED_PLURAL = re.compile(r"\w\(s\)")


def test_counted() -> None:
    assert counted(1, "span") == "1 span"
    assert counted(0, "span") == "0 spans"
    assert counted(3, "document stance") == "3 document stances"
    assert counted(2, "match", "matches") == "2 matches"
    assert counted(1, "match", "matches") == "1 match"


def test_no_message_in_the_app_hedges_a_plural() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _HEDGED_PLURAL.search(node.value)
                and path.name != "plural.py"
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert not found, "\n".join(found)
