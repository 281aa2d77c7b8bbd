"""Tooltips that show project text literally: Qt would render a wording like "<b>x</b>" as HTML.

Qt decides per string whether a tooltip is rich text (`Qt::mightBeRichText`), so text an
analyst typed, or an imported file carried, could smuggle markup in. Escaping it inside
a fixed pre-wrap paragraph shows every character as typed, line breaks included.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip Qt shows character for character."""
    return f"<p style='white-space:pre-wrap; margin:0'>{html.escape(text)}</p>"
