"""Selection, search hits and the selected annotation never look like a label (issue #13)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from annotator.core.colors import blend_hex, contrast_ratio, delta_e
from annotator.core.default_scheme import DEFAULT_SCHEME, LABEL_PALETTE
from annotator.gui.reading import view_colors
from annotator.gui.reading.document_view import (
    HIGHLIGHT_ALPHA,
    MAX_DEPTH_SHOWN,
    OTHERS_ALPHA,
    OVERLAP_STEP,
    DocumentView,
)

# Obviously different at a glance (CIE76; 2.3 is just noticeable).
DISTINCT = 15.0
LABEL_COLOURS = sorted({*LABEL_PALETTE, *(item.color for item in DEFAULT_SCHEME.labels)})
DEPTHS = [OTHERS_ALPHA] + [
    min(HIGHLIGHT_ALPHA + OVERLAP_STEP * depth, 0.75) for depth in range(MAX_DEPTH_SHOWN)
]
# Every way a label colour can end up on the page.
HIGHLIGHTS = [blend_hex(view_colors.PAGE, c, alpha) for c in LABEL_COLOURS for alpha in DEPTHS]
OVERLAYS = {
    "selection": view_colors.SELECTION,
    "inactive selection": view_colors.INACTIVE_SELECTION,
    "search hit": view_colors.SEARCH_HIT,
    "current search hit": view_colors.SEARCH_CURRENT,
}


@pytest.mark.parametrize("name", sorted(OVERLAYS))
def test_overlays_are_far_from_every_label_highlight(name: str) -> None:
    colour = OVERLAYS[name]
    nearest = min(HIGHLIGHTS, key=lambda h: delta_e(colour, h))
    assert delta_e(colour, nearest) >= DISTINCT, (name, nearest)


def test_overlays_are_far_from_one_another() -> None:
    names = sorted(OVERLAYS)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert delta_e(OVERLAYS[first], OVERLAYS[second]) >= DISTINCT, (first, second)


def test_label_colours_are_distinguishable_from_one_another() -> None:
    for i, first in enumerate(LABEL_PALETTE):
        for second in LABEL_PALETTE[i + 1 :]:
            assert delta_e(first, second) >= 20, (first, second)


def test_the_next_label_colour_is_not_the_against_red() -> None:
    against = next(s.color for s in DEFAULT_SCHEME.stances if s.name == "against")
    used = {item.color for item in DEFAULT_SCHEME.labels}
    offered = next(c for c in LABEL_PALETTE if c not in used)
    assert delta_e(offered, against) >= 30


def test_text_on_every_highlight_and_overlay_is_readable() -> None:
    for background in HIGHLIGHTS:
        assert contrast_ratio(view_colors.TEXT, background) >= 4.5, background
    assert contrast_ratio(view_colors.SELECTION_TEXT, view_colors.SELECTION) >= 4.5
    assert (
        contrast_ratio(view_colors.INACTIVE_SELECTION_TEXT, view_colors.INACTIVE_SELECTION) >= 4.5
    )
    for hit in (view_colors.SEARCH_HIT, view_colors.SEARCH_CURRENT):
        assert contrast_ratio(view_colors.TEXT, hit) >= 4.5


def test_the_view_uses_them_and_greys_a_selection_without_focus(qtbot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    palette = view.palette()
    role = QPalette.ColorRole.Highlight
    assert palette.color(QPalette.ColorGroup.Active, role).name() == view_colors.SELECTION
    assert (
        palette.color(QPalette.ColorGroup.Inactive, role).name() == view_colors.INACTIVE_SELECTION
    )
