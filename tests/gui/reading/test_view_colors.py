"""Selection, search hits and the selected annotation never look like a label, and text
on every highlight stays readable, on the light page and the dark one (issue #13)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from annotator.core.colors import blend_hex, contrast_ratio, delta_e
from annotator.core.default_scheme import DEFAULT_SCHEME, LABEL_PALETTE
from annotator.gui.reading import view_colors
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.view_colors import ViewColors

# Obviously different at a glance (CIE76; 2.3 is just noticeable).
DISTINCT = 15.0
LABEL_COLOURS = sorted({*LABEL_PALETTE, *(item.color for item in DEFAULT_SCHEME.labels)})
SCHEMES = sorted(view_colors.SCHEMES)


def highlights(colors: ViewColors) -> list[str]:
    """Every way a label colour can end up on the page (also the selected annotation)."""
    return [blend_hex(colors.page, c, alpha) for c in LABEL_COLOURS for alpha in colors.alphas()]


def overlays(colors: ViewColors) -> dict[str, str]:
    return {
        "selection": colors.selection,
        "inactive selection": colors.inactive_selection,
        "search hit": colors.search_hit,
        "current search hit": colors.search_current,
    }


def test_both_schemes_are_there_and_differ() -> None:
    assert view_colors.SCHEMES["dark"].dark and not view_colors.SCHEMES["light"].dark
    assert contrast_ratio(view_colors.DARK.page, view_colors.LIGHT.page) >= 10


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "name", ["selection", "inactive selection", "search hit", "current search hit"]
)
def test_overlays_are_far_from_every_label_highlight(scheme: str, name: str) -> None:
    colors = view_colors.SCHEMES[scheme]
    colour = overlays(colors)[name]
    nearest = min(highlights(colors), key=lambda h: delta_e(colour, h))
    assert delta_e(colour, nearest) >= DISTINCT, (scheme, name, nearest)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_overlays_are_far_from_one_another(scheme: str) -> None:
    found = overlays(view_colors.SCHEMES[scheme])
    names = sorted(found)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert delta_e(found[first], found[second]) >= DISTINCT, (scheme, first, second)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_label_highlights_can_be_told_apart_from_the_page(scheme: str) -> None:
    colors = view_colors.SCHEMES[scheme]
    for colour in LABEL_COLOURS:
        mine = blend_hex(colors.page, colour, colors.depth_alpha(1))
        assert delta_e(mine, colors.page) >= DISTINCT, (scheme, colour)


def test_label_colours_are_distinguishable_from_one_another() -> None:
    for i, first in enumerate(LABEL_PALETTE):
        for second in LABEL_PALETTE[i + 1 :]:
            assert delta_e(first, second) >= 20, (first, second)


def test_the_next_label_colour_is_not_the_against_red() -> None:
    against = next(s.color for s in DEFAULT_SCHEME.stances if s.name == "against")
    used = {item.color for item in DEFAULT_SCHEME.labels}
    offered = next(c for c in LABEL_PALETTE if c not in used)
    assert delta_e(offered, against) >= 30


@pytest.mark.parametrize("scheme", SCHEMES)
def test_text_on_every_highlight_and_overlay_is_readable(scheme: str) -> None:
    colors = view_colors.SCHEMES[scheme]
    assert contrast_ratio(colors.text, colors.page) >= 7
    for background in highlights(colors):
        assert contrast_ratio(colors.text, background) >= 4.5, (scheme, background)
    assert contrast_ratio(colors.selection_text, colors.selection) >= 4.5
    assert contrast_ratio(colors.inactive_selection_text, colors.inactive_selection) >= 4.5
    for hit in (colors.search_hit, colors.search_current):
        assert contrast_ratio(colors.search_text, hit) >= 4.5


def test_the_view_uses_them_and_greys_a_selection_without_focus(qtbot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    palette = view.palette()
    role = QPalette.ColorRole.Highlight
    colors = view.colors
    assert palette.color(QPalette.ColorGroup.Active, role).name() == colors.selection
    assert palette.color(QPalette.ColorGroup.Inactive, role).name() == colors.inactive_selection
