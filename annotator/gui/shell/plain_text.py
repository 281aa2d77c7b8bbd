"""Show strings from a project or an imported file as the text they are, never as markup.

Qt guesses: a QLabel (AutoText) or a tooltip whose first line holds something like
"<img src=...>" is rendered as rich text, and rendering reads the image: a local file
is shown, a FIFO hangs the window. Titles, URLs, annotator names, labels and notes all
come from files other people made, so every such string shown in a label or tooltip
goes through here. Right-to-left overrides (U+202E) inside a name are isolated so they
cannot reverse the text around the name.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from annotator.core.colors import safe_color

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


# Explicit embeddings, overrides and isolates: the characters that can carry their
# direction past the end of the name they are in.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolated(name: str) -> str:
    """`name` inside a bidi isolate when it holds bidi controls (an RLO, U+202E), for
    embedding in a longer display string: its overrides then end with it. Other names
    are returned unchanged."""
    return f"{FSI}{name}{PDI}" if _BIDI_CONTROLS.search(name) else name


def literal(text: str) -> str:
    """`text` in a form Qt shows literally where it guesses the format (tooltips, message
    boxes, QLabels left at AutoText).

    Text without "<" or "&" is returned as it is (Qt shows it as plain text); anything
    else is escaped into rich text that renders as exactly `text`.
    """
    if "<" not in text and "&" not in text:
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows `text` (and whatever is set later) as plain text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def css_color(value: str) -> str:
    """`value` if it is "#rrggbb", else a neutral grey: the only colours put in style sheets."""
    return safe_color(value)
