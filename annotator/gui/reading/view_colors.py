"""The colours the document view paints besides labels, for a light and a dark page.

Each must read as itself next to every label highlight: the old selection blue was the
Source colour, the search-hit yellow was the Claim colour, and a stale selection left in
an inactive pane looked like a blue annotation (issue #13). In light mode the selection is
a deep navy with white text, a selection left in a pane that lost focus is a neutral grey,
search hits are lime (the current one pink). In dark mode the page is near-black with light
text, labels are mixed in more thinly (a label colour at light-mode strength would turn the
page too bright for light text), and the selection becomes a pale blue with dark text, so it
stands out by lightness from every muted highlight. tests/gui/reading/test_view_colors.py
checks, for both schemes, the contrast of text on every highlight and the colour distance of
each overlay from every label colour at every highlight depth.

The scheme follows the system's (gui/shell/color_scheme.py switches it); which one is in use
is kept in one place, gui/shell/ui_colors.py, with the colours of the windows around the text;
`current()` is what a newly made view starts with.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.gui.shell import ui_colors

MAX_DEPTH_SHOWN = 3  # highlights stop deepening three stacked spans in


@dataclass(frozen=True)
class ViewColors:
    page: str
    text: str
    desk: str  # beside the readable column on wide panes, like the desk around a page
    selection: str
    selection_text: str
    inactive_selection: str
    inactive_selection_text: str
    search_hit: str
    search_current: str
    search_text: str
    highlight_alpha: float  # one of my spans over the page
    overlap_step: float  # deeper for each span stacked on it
    max_alpha: float
    others_alpha: float  # other annotators' work stays in the background
    dark: bool

    @property
    def selected_underline(self) -> str:
        """Under the selected annotation, in the selection's colour."""
        return self.selection

    def depth_alpha(self, depth: int) -> float:
        """How strongly a label colour is mixed in under `depth` (>= 1) stacked spans."""
        return min(self.highlight_alpha + self.overlap_step * (depth - 1), self.max_alpha)

    def alphas(self) -> list[float]:
        """Every strength a label colour is painted at (others' spans, then my depths)."""
        return [self.others_alpha] + [self.depth_alpha(d) for d in range(1, MAX_DEPTH_SHOWN + 1)]


LIGHT = ViewColors(
    page="#ffffff",
    text="#202124",
    desk="#f1f3f4",
    selection="#1f3a93",
    selection_text="#ffffff",
    inactive_selection="#b4b4b4",
    inactive_selection_text="#202124",
    search_hit="#c6ff00",
    search_current="#ff4081",
    search_text="#202124",
    highlight_alpha=0.35,
    overlap_step=0.2,
    max_alpha=0.75,
    others_alpha=0.16,
    dark=False,
)

DARK = ViewColors(
    page="#1f2023",
    text="#e8eaed",
    desk="#151618",
    selection="#aecbfa",
    selection_text="#0b1a33",
    inactive_selection="#6e7378",
    inactive_selection_text="#ffffff",
    search_hit="#c6ff00",
    search_current="#ff4081",
    search_text="#202124",
    highlight_alpha=0.28,
    overlap_step=0.05,
    max_alpha=0.38,
    others_alpha=0.12,
    dark=True,
)

SCHEMES = {"light": LIGHT, "dark": DARK}


def current() -> ViewColors:
    """The colours of the scheme in use."""
    return DARK if ui_colors.is_dark() else LIGHT


def use_dark(dark: bool) -> ViewColors:
    """Switch the scheme (the text views' and the windows' alike); returns the views' colours."""
    ui_colors.use_dark(dark)
    return current()
