"""The character formats of imported styles (headings, bold, code, links, quotes) and of
no highlight, for the document view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QTextCharFormat

HEADING_SCALE = {"h1": 1.6, "h2": 1.4, "h3": 1.25, "h4": 1.12, "h5": 1.05, "h6": 1.0}


def cleared_format() -> QTextCharFormat:
    """No highlight: what a range goes back to before it is painted again."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(Qt.BrushStyle.NoBrush))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    return fmt


def style_format(style: str, base: float) -> QTextCharFormat:
    """How an imported style run (heading, bold, code, link…) looks at font size `base`."""
    fmt = QTextCharFormat()
    if style in HEADING_SCALE:
        fmt.setFontPointSize(base * HEADING_SCALE[style])
        fmt.setFontWeight(QFont.Weight.Bold)
    elif style == "bold":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif style == "italic":
        fmt.setFontItalic(True)
    elif style == "code":
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fmt.setFontFamilies([mono.family()])
        fmt.setFontFixedPitch(True)
        fmt.setFontPointSize(base * 0.9)
    elif style == "link":
        fmt.setForeground(QColor("#1a5fb4"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#1a5fb4"))
    elif style == "quote":
        fmt.setForeground(QColor("#5f6368"))
        fmt.setFontItalic(True)
    # "listitem" needs nothing at character level: the bullet is in the text.
    return fmt
