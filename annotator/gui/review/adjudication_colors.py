"""The review window's colours: item statuses, annotators' columns, gold, from ui_colors'
table of the scheme in use (calm, print-like in light; lighter tints in dark)."""

from __future__ import annotations

from annotator.core.model import GOLD_ANNOTATOR
from annotator.gui.shell import ui_colors

STATUS_TEXT = {
    "agreed": "agreed",
    "disagreed": "disagree",
    "partial": "partial",
    "gold": "gold only",
}
STATUSES = tuple(STATUS_TEXT)


def status_color(status: str) -> str:
    """The status's colour: the same in the legend, the list and the underlines."""
    return ui_colors.current().status[status]


def status_text_color(status: str) -> str:
    """The status's colour where it colours words (4.5:1 on the list's background)."""
    colors = ui_colors.current()
    return colors.text_on(colors.status[status])


def column_color(name: str, position: int) -> str:
    """The colour of the column of `name`, the `position`-th annotator shown (or gold)."""
    colors = ui_colors.current()
    if name == GOLD_ANNOTATOR:
        return colors.gold
    return colors.annotators[position % len(colors.annotators)]
