"""readable_on: a colour kept as near its hue as text allows, on a light or a dark page."""

from __future__ import annotations

import pytest

from annotator.core.colors import contrast_ratio, readable_on

DARK_PAGE, LIGHT_PAGE = "#1f2023", "#ffffff"
OKABE_ITO = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7")


@pytest.mark.parametrize("colour", [*OKABE_ITO, "#5f6368", "#6a1b9a", "#c62828"])
@pytest.mark.parametrize("page", [DARK_PAGE, LIGHT_PAGE])
def test_the_result_reads_on_the_page(colour: str, page: str) -> None:
    assert contrast_ratio(readable_on(colour, page), page) >= 4.5


def test_a_colour_that_already_reads_is_unchanged() -> None:
    assert readable_on("#E8EAED", DARK_PAGE) == "#e8eaed"
    assert readable_on("#1b1f24", LIGHT_PAGE) == "#1b1f24"


def test_it_moves_toward_white_on_dark_and_toward_black_on_light() -> None:
    purple = "#6a1b9a"
    on_dark = readable_on(purple, DARK_PAGE)
    assert on_dark != purple and int(on_dark[1:3], 16) > int(purple[1:3], 16)
    yellow = "#f0e442"
    on_light = readable_on(yellow, LIGHT_PAGE)
    assert int(on_light[1:3], 16) < int(yellow[1:3], 16)


def test_a_higher_ratio_is_honoured_and_the_end_colour_is_the_last_resort() -> None:
    assert contrast_ratio(readable_on("#6a1b9a", DARK_PAGE, 7.0), DARK_PAGE) >= 7.0
    assert readable_on("#777777", "#777777", 21.0) in ("#ffffff", "#000000")
