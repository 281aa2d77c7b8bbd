"""The raw Qt baseline for the GUI measurements: a bare QPlainTextEdit, one format per span."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.model import Span
from annotator.core.offsets import QtPositionMap, display_text
from benchmarks.context import settle

VIEW_SIZE = (720, 860)  # about one column of the default 1440x900 window
_COLOURS = {"Claim": "#f4b400", "Evidence": "#34a853", "Source": "#4285f4"}


def label_formats() -> dict[str, QTextCharFormat]:
    formats = {}
    for label, colour in _COLOURS.items():
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour).lighter(160))
        formats[label] = fmt
    return formats


class RawTextView:
    """What showing highlighted text costs Qt itself, with every conversion done up front."""

    def __init__(self, font: object | None = None):
        self.edit = QPlainTextEdit()
        self.edit.setReadOnly(True)
        self.edit.document().setUndoRedoEnabled(False)
        if font is not None:
            self.edit.setFont(font)
        self.edit.resize(*VIEW_SIZE)
        self.edit.show()
        self.formats = label_formats()
        settle()

    @staticmethod
    def prepare(text: str, spans: Sequence[Span]) -> tuple[str, list[tuple[int, int, str]]]:
        """Qt's text and spans in UTF-16 positions: the part the baseline does not time."""
        shown = display_text(text)
        qmap = QtPositionMap(shown)
        return shown, [(qmap.to_qt(s.start), qmap.to_qt(s.end), s.label) for s in spans]

    def show(self, shown: str, ranges: Sequence[tuple[int, int, str]]) -> None:
        """Set the text, merge one format per span in one edit block, paint the viewport."""
        self.edit.setPlainText(shown)
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        for start, end, label in ranges:
            self.merge(cursor, start, end, label)
        cursor.endEditBlock()
        self.paint()

    def merge(self, cursor: QTextCursor, start: int, end: int, label: str) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(self.formats.get(label, self.formats["Claim"]))

    def paint(self) -> None:
        settle()
        self.edit.viewport().grab()

    def close(self) -> None:
        self.edit.close()
        self.edit.deleteLater()
        settle()
