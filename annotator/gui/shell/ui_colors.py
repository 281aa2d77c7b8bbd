"""The colours of the windows around the text, light and dark, in one table (issue #13).

Every room takes its non-label colours from `current()`: the agreement cards, heat map and
progress table, the review window's statuses and columns, the claim matrix, captions, error
lines and banners, search hits in the result lists. Nothing else names a colour of its own, so dark mode is one switch:
`use_dark()` (called by gui/shell/color_scheme.py when the system changes scheme) swaps the
table, and `changed` tells the widgets that style themselves to do it again.

Three ways a widget follows the table, simplest first:
- a label with `setProperty("tone", "muted" | "faint" | "error" | "accent" | "ok")` is
  coloured by `tone_rules()`, which the app stylesheet carries (no code in the widget);
- a model or painter asks `current()` at data()/paint() time (the follower repaints);
- a widget with a style sheet of its own calls `follow(widget, restyle)`.

The dark values keep each meaning (green agreed, red disagreed, pale cell done) but are dark
fills with light text, so nothing turns into a white card on a dark window; coloured text is
passed through `text_on()` so it reaches 4.5:1 on the window whatever its hue.
tests/gui/shell/test_dark_windows.py checks every window in dark mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotator.core.colors import readable_on

TEXT_ON_RATIO = 5.5


@dataclass(frozen=True)
class UiColors:
    dark: bool
    window: str  # the window's background, as the app palette has it
    base: str  # lists and tables
    text: str
    muted: str  # captions, hints, subtitles
    faint: str  # "—", timestamps: quieter than muted, still 4.5:1
    rule: str  # separators, grid lines
    card: str
    card_border: str
    stripe_neutral: str  # a card with no value scale (a count)
    stripe_undefined: str
    header: str  # table header sections
    header_border: str
    accent: str  # a next step to take, the active pane
    error: str
    error_box: str
    error_box_border: str
    error_box_text: str
    ok: str
    busy: str
    warning: str
    notice_box: str  # the read-only banner, the claims offer bar
    notice_box_border: str
    notice_text: str
    done_box: str  # a cell marked done
    done_text: str
    undefined: str  # a value that cannot be computed (heat map, swatch)
    empty_cell: str  # the heat map's diagonal
    frame: str  # the selected heat-map tile's outline
    hit_box: str  # a search hit's marker in a result list (lime, as hits are in the text)
    hit_text: str  # the hit's letters on hit_box
    agreement_stops: tuple[tuple[float, str], ...]  # red (0) → amber → green (1)
    status: dict[str, str] = field(default_factory=dict)  # review item status → colour
    annotators: tuple[str, ...] = ()  # the review window's annotator columns
    gold: str = ""
    tint_alpha: float = 0.10  # a column header: its colour mixed into the window this much
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # claim cell → (fill, text)

    def text_on(self, colour: str, background: str | None = None) -> str:
        """`colour` (a stance, a status) made readable as text on `background` (the base).

        Aimed at 5.5:1 rather than 4.5: thin strokes (a dash, a small letter) are drawn
        antialiased and never reach the full colour on screen."""
        return readable_on(colour, background or self.base, TEXT_ON_RATIO)


LIGHT = UiColors(
    dark=False,
    window="#efefef",
    base="#ffffff",
    text="#1b1f24",
    muted="#5f6670",
    faint="#656a72",
    rule="#dadce0",
    card="#ffffff",
    card_border="#dfe2e6",
    stripe_neutral="#9aa5b1",
    stripe_undefined="#dfe2e6",
    header="#f6f7f9",
    header_border="#c4c7cc",
    accent="#1765cc",
    error="#b3261e",
    error_box="#fdecea",
    error_box_border="#f5c2c0",
    error_box_text="#8a1c1c",
    ok="#2a742e",
    busy="#555555",
    warning="#8a5a00",
    notice_box="#fff4ce",
    notice_box_border="#e6c65c",
    notice_text="#5c4400",
    done_box="#e6f4ea",
    done_text="#1e6b34",
    undefined="#eceef1",
    empty_cell="#f7f8fa",
    frame="#1b1f24",
    hit_box="#e4f7a1",
    hit_text="#202124",
    # ColorBrewer RdYlGn: readable by most colour-blind viewers beside the printed value.
    agreement_stops=(
        (0.0, "#d73027"),
        (0.25, "#fc8d59"),
        (0.5, "#fee08b"),
        (0.75, "#91cf60"),
        (1.0, "#1a9850"),
    ),
    status={"agreed": "#2e7d32", "disagreed": "#c62828", "partial": "#e08a00", "gold": "#5c6bc0"},
    annotators=("#00796b", "#6a1b9a", "#ad1457", "#1565c0", "#5d4037", "#37474f"),
    gold="#b8860b",
    tint_alpha=0.10,
    cells={
        "made": ("#e6f4ea", "#137333"),
        "silent": ("#f1f3f4", "#5f6368"),
        "not_made": ("#fce8e6", "#a50e0e"),
        "unknown": ("#ffffff", "#656a72"),
    },
)

DARK = UiColors(
    dark=True,
    window="#26272a",
    base="#1f2023",
    text="#e8eaed",
    muted="#aeb3ba",
    faint="#959aa1",
    rule="#3a3d42",
    card="#2c2e33",
    card_border="#3d4046",
    stripe_neutral="#6b7480",
    stripe_undefined="#45484e",
    header="#2a2b2f",
    header_border="#474b52",
    accent="#8ab4f8",
    error="#f28b82",
    error_box="#3c2422",
    error_box_border="#6d3b38",
    error_box_text="#f6aea9",
    ok="#81c995",
    busy="#bdc1c6",
    warning="#fdd663",
    notice_box="#3a3320",
    notice_box_border="#7a6a2c",
    notice_text="#f3e3a6",
    done_box="#1f3a29",
    done_text="#a8dab5",
    undefined="#3a3d42",
    empty_cell="#2a2b2f",
    frame="#e8eaed",
    hit_box="#4a5a0e",
    hit_text="#f1fbd0",
    # The same scale darkened, so the white value on each tile reads (4.5:1 or more).
    agreement_stops=(
        (0.0, "#a1302a"),
        (0.25, "#9a5424"),
        (0.5, "#7a641c"),
        (0.75, "#4d7a2c"),
        (1.0, "#1f6b3d"),
    ),
    status={"agreed": "#81c995", "disagreed": "#f28b82", "partial": "#fbbc04", "gold": "#aab1f0"},
    annotators=("#4db6ac", "#ba68c8", "#f06292", "#64b5f6", "#a1887f", "#90a4ae"),
    gold="#e0b84a",
    tint_alpha=0.18,
    cells={
        "made": ("#1f3a29", "#a8dab5"),
        "silent": ("#2e3034", "#c4c7cc"),
        "not_made": ("#3d2624", "#f6aea9"),
        "unknown": ("#1f2023", "#959aa1"),
    },
)

TONES = ("muted", "faint", "error", "accent", "ok")


class _Notifier(QObject):
    changed = Signal()


_state: dict[str, object] = {"colors": LIGHT, "notifier": None}


def current() -> UiColors:
    """The table in use."""
    colors = _state["colors"]
    assert isinstance(colors, UiColors)
    return colors


def is_dark() -> bool:
    return current().dark


def notifier() -> _Notifier:
    """Emits `changed` after every `use_dark()`."""
    made = _state["notifier"]
    if not isinstance(made, _Notifier):
        made = _Notifier()
        _state["notifier"] = made
    return made


def use_dark(dark: bool) -> UiColors:
    """Switch to the dark (or light) table and tell the widgets that style themselves."""
    _state["colors"] = DARK if dark else LIGHT
    notifier().changed.emit()
    return current()


def tone_rules(colors: UiColors | None = None) -> str:
    """Style-sheet rules for the tones and the shared frames, appended to the app's sheet."""
    c = colors or current()
    rules = [f'QLabel[tone="{tone}"] {{ color: {getattr(c, tone)}; }}' for tone in TONES]
    rules.append(f'QFrame[rule="true"] {{ color: {c.rule}; }}')
    return "\n".join(rules) + "\n"


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Give `widget` one of TONES (None: the plain text colour), re-polished at once."""
    widget.setProperty("tone", tone)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class _Restyler(QObject):
    """Lives as the widget's child, so the connection ends with the widget."""

    def __init__(self, owner: QObject, restyle: Callable[[UiColors], None]):
        super().__init__(owner)
        self._restyle = restyle
        notifier().changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        self._restyle(current())


def follow(owner: QObject, restyle: Callable[[UiColors], None]) -> None:
    """Call `restyle(current())` now and after every scheme switch, while `owner` lives."""
    restyle(current())
    _Restyler(owner, restyle)
