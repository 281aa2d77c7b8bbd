"""Selections made in the app lose their surrounding spaces and snap to whole words (issue #13)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.span_edges import tidy_selection


def tidy(text: str, piece: str, *, snap: bool = True, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    new_start, new_end = tidy_selection(text, start, start + len(piece), snap_to_words=snap)
    return text[new_start:new_end]


@pytest.mark.parametrize(
    ("text", "selected", "snapped", "trimmed_only"),
    [
        ("The rise of AI.", "The rise ", "The rise", "The rise"),  # Ctrl+Shift+→ twice
        ("The rise of AI.", " rise of", "rise of", "rise of"),
        ("The rise of AI.", "he ri", "The rise", "he ri"),
        ("Experts warned\n\nWashington", "warned\n\n", "warned", "warned"),
        ("an\u00a0NBSP\u00a0here", "\u00a0NBSP\u00a0", "NBSP", "NBSP"),
        ("Anthropic's models", "Anthropic", "Anthropic's", "Anthropic"),
        ("Anthropic’s models", "thropic", "Anthropic’s", "thropic"),
        ("“dangerous”, it said", "dangerous”,", "dangerous”,", "dangerous”,"),
        ("they said 'dangerous' twice", "angerous'", "dangerous'", "angerous'"),
        ("state-of-the-art chips", "of-th", "of-the", "of-th"),
        ("café au lait", "caf", "café", "caf"),
        ("cafe\u0301 au lait", "caf", "cafe\u0301", "caf"),  # a combining acute accent
        ("Москва заявила", "осква", "Москва", "осква"),
        ("160 experts", "6", "160", "6"),
    ],
)
def test_trims_and_snaps(text: str, selected: str, snapped: str, trimmed_only: str) -> None:
    assert tidy(text, selected) == snapped
    assert tidy(text, selected, snap=False) == trimmed_only


def test_never_splits_a_letter_from_its_combining_mark() -> None:
    text = "cafe\u0301 noir"
    start = text.index("e")
    assert tidy_selection(text, 0, start + 1, snap_to_words=False) == (0, start + 2)


def test_emoji_sequences_stay_whole() -> None:
    text = "Experts 👩‍💻 say 🇺🇸🇬🇧 rules 👍🏽 and ❤️ too"
    worker = text.index("👩")
    # a selection ending after the woman, before the ZWJ, takes the whole technologist
    assert text[slice(*tidy_selection(text, worker, worker + 1, snap_to_words=True))] == "👩‍💻"
    us = text.index("🇺")
    assert text[slice(*tidy_selection(text, us, us + 3, snap_to_words=False))] == "🇺🇸🇬🇧"
    assert text[slice(*tidy_selection(text, us + 1, us + 2, snap_to_words=False))] == "🇺🇸"
    thumb = text.index("👍")
    assert text[slice(*tidy_selection(text, thumb, thumb + 1, snap_to_words=True))] == "👍🏽"
    heart = text.index("❤")
    assert text[slice(*tidy_selection(text, heart, heart + 1, snap_to_words=True))] == "❤️"


def test_scripts_without_spaces_are_not_swallowed_whole() -> None:
    text = "专家警告华盛顿：限制人工智能模型可能适得其反。"
    assert tidy(text, "华盛顿") == "华盛顿"
    assert tidy("東京タワーへ行く", "タワー") == "タワー"


def test_all_whitespace_is_left_alone() -> None:
    assert tidy_selection("a   b", 1, 4, snap_to_words=True) == (1, 4)


def test_a_range_past_either_end_is_clamped() -> None:
    assert tidy_selection("word", -3, 99, snap_to_words=True) == (0, 4)


@given(st.text(min_size=1, max_size=40), st.data())
def test_tidied_range_is_tight_and_covers_what_was_meant(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    for snap in (False, True):
        new_start, new_end = tidy_selection(text, start, end, snap_to_words=snap)
        assert 0 <= new_start < new_end <= len(text)
        inner = text[start:end].strip().strip("\u200b\u200c\u2060\ufeff").strip()
        if inner and not snap:
            assert inner in text[new_start:new_end]
        if text[start:end].isspace():
            assert (new_start, new_end) == (start, end)
        # idempotent: tidying a tidy range changes nothing
        assert tidy_selection(text, new_start, new_end, snap_to_words=snap) == (new_start, new_end)
