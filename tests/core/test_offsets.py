"""Code points ⇄ UTF-16 and the text Qt is shown (RELIABILITY.md: offsets row)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import QtPositionMap, display_text, utf16_length

# Emoji, a flag, a ZWJ family, combining marks, CJK, RTL, CRLF, lone CR, U+2028/2029.
TRICKY = st.sampled_from(
    [
        "a",
        "é",
        "e\u0301",
        "😀",
        "🇺🇸",
        "👨‍👩‍👧",
        "专",
        "ש",
        "ع",
        "\r\n",
        "\r",
        "\n",
        "\u2028",
        "\u2029",
        " ",
        "\t",
    ]
)
texts = st.one_of(st.text(), st.lists(TRICKY, max_size=40).map("".join))


@given(texts)
def test_display_text_keeps_one_code_point_per_code_point(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert "\r" not in shown and "\u2029" not in shown


@given(texts)
def test_round_trip_is_the_identity(text: str) -> None:
    positions = QtPositionMap(text)
    assert positions.qt_length == utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        assert positions.from_qt(positions.to_qt(offset)) == offset
        assert positions.to_qt(offset) == len(text[:offset].encode("utf-16-le")) // 2


@given(texts)
def test_positions_inside_a_surrogate_pair_round_down(text: str) -> None:
    positions = QtPositionMap(text)
    for qt in range(positions.qt_length + 1):
        offset = positions.from_qt(qt)
        assert positions.to_qt(offset) <= qt
        assert qt - positions.to_qt(offset) in (0, 1)


def test_out_of_range_is_refused() -> None:
    positions = QtPositionMap("ab😀")
    for bad in (-1, 4):
        try:
            positions.to_qt(bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"{bad} accepted")
