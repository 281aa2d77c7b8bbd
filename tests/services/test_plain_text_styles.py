"""Guessed headings for plain text: styling only, never a change to the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotator.services.rich_text import guess_plain_text_styles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_section_titles_of_the_seed_article_become_headings() -> None:
    text = (SEEDS / "000_2c013282298383f6.txt").read_text("utf-8")
    headings = [text[r.start : r.end] for r in guess_plain_text_styles(text)]
    assert "The Core Argument: A Technological Vacuum" in headings
    assert "The Washington Debate" in headings
    assert not any(h.endswith(".") for h in headings)


def test_headline_first_line_is_h2() -> None:
    text = "Experts protest the ban on AI models\nA long first paragraph that explains what happened and why."
    (run,) = guess_plain_text_styles(text)
    assert (run.start, run.style) == (0, "h2")


def test_sentences_are_not_headings() -> None:
    assert (
        guess_plain_text_styles("One sentence here.\nAnother, longer, sentence follows here.") == ()
    )


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_runs_are_within_lines_and_bounds(text: str) -> None:
    for run in guess_plain_text_styles(text):
        assert 0 <= run.start < run.end <= len(text)
        assert "\n" not in text[run.start : run.end]
