"""One column of the review window: an annotator's (or gold's) reading under a name header."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.core.model import GOLD_ANNOTATOR, Document, Scheme, Span
from annotator.gui.reading.document_view import blend
from annotator.gui.review.adjudication_colors import column_color
from annotator.gui.review.marked_document_view import MarkedDocumentView
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import css_color, isolated
from annotator.gui.shell.ui_colors import UiColors


class ComparisonColumn(QWidget):
    """One annotator's (or gold's) reading of the document under a coloured name header."""

    def __init__(self, name: str, position: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.position = position
        self.color = column_color(name, position)
        self._summary = ""
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(10, 6, 10, 6)
        self.view = MarkedDocumentView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view)
        ui_colors.follow(self, self._restyle)

    def _restyle(self, colors: UiColors) -> None:
        self.color = column_color(self.name, self.position)
        tint = blend(QColor(colors.window), QColor(self.color), colors.tint_alpha).name()
        self.header.setStyleSheet(
            f"background: {tint}; border-bottom: 3px solid {self.color}; color: {colors.text};"
        )
        self.set_summary(self._summary)

    def set_summary(self, summary: str) -> None:
        self._summary = summary
        title = "Gold" if self.name == GOLD_ANNOTATOR else isolated(self.name)
        muted = ui_colors.current().muted
        # Rich text on purpose: the annotator's name (from their file) is escaped.
        self.header.setText(
            f"<span style='color:{css_color(self.color)}'>●</span>"
            f" <b>{html.escape(title, quote=False)}</b>"
            f" <span style='color:{muted}'>{html.escape(summary, quote=False)}</span>"
        )

    def show_spans(
        self, document: Document, spans: list[Span], scheme: Scheme, reload: bool
    ) -> None:
        """Show `spans`, reloading the text only when the document or its spans changed."""
        if reload or {s.id: s for s in self.view.spans()} != {s.id: s for s in spans}:
            scroll = self.view.verticalScrollBar().value()
            self.view.set_document(document, spans, scheme, self.name)
            if not reload:
                self.view.verticalScrollBar().setValue(scroll)
