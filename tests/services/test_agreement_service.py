"""Project agreement (gold left out) and its Markdown and HTML reports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import GOLD_ANNOTATOR, SchemeItem, SchemeKind, Span
from annotator.services.adjudication import accept_span, set_adjudicated
from annotator.services.agreement_service import (
    project_agreement,
    render_html,
    render_markdown,
    render_text,
)
from annotator.store.project_store import ProjectStore
from tests.services.test_merge import merged_project


@pytest.fixture
def merged(tmp_path: Path) -> Iterator[ProjectStore]:
    project = merged_project(tmp_path)
    yield project
    project.close()


def test_gold_takes_no_part_unless_named(merged: ProjectStore) -> None:
    accept_span(merged, "a-evidence")
    set_adjudicated(merged, "d2", True)
    report = project_agreement(merged)
    assert report["annotators"] == ["alice", "bob"]
    assert report["gold"] == {
        "adjudicated_documents": 1,
        "documents": 4,
        "spans": 1,
        "document_stances": 0,
    }
    with_gold = project_agreement(merged, ["alice", GOLD_ANNOTATOR])
    assert with_gold["annotators"] == ["alice", GOLD_ANNOTATOR]
    (pair,) = with_gold["spans"]["pairwise"]
    # Gold touched only d2; in d2 alice has one Evidence span, gold the same one.
    assert (pair["documents"], pair["f1_exact"]) == (1, 1.0)
    json.dumps(report, allow_nan=False)  # valid JSON


def test_empty_project_reports_undefined_values(store: ProjectStore) -> None:
    report = project_agreement(store)
    assert report["document_stance"]["krippendorff_alpha"] is None
    text = render_text(report)
    assert "— (" in text
    assert "— (" in render_markdown(report)


def test_markdown_has_every_table(merged: ProjectStore) -> None:
    markdown = render_markdown(project_agreement(merged))
    for title in (
        "## Summary",
        "## Document stance",
        "## Spans, overall and per label",
        "## Pairwise",
        "## Per document",
        "## Most disagreeing pairs",
        "## Definitions",
    ):
        assert title in markdown
    assert "| A | B | Stance units | Cohen's kappa |" in markdown
    assert "| alice | bob | 4 | 0.500 | 0.750 |" in markdown
    assert "| Claim | 1.000 | 1.000 | 2 |" in markdown


@pytest.mark.parametrize("render", [render_html, render_markdown])
def test_user_text_is_escaped(
    merged: ProjectStore, render: Callable[[dict[str, Any]], str]
) -> None:
    label = "<script>alert(1)</script>|x"
    merged.scheme.add(SchemeItem(SchemeKind.LABEL, label, "#123456"))
    merged.annotations.add_span(Span("evil", "d4", 0, 7, label, "alice"))
    out = render(project_agreement(merged))
    assert "<script>" not in out
    if render is render_html:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;|x" in out
        assert "src=" not in out and "href=" not in out and "://" not in out  # no resources
        assert out.startswith("<!DOCTYPE html>")
    else:
        assert r"\<script\>alert(1)\</script\>\|x" in out
