"""A combo box and a label that elide a long text to fit, with the whole text in the tooltip.

Four outlets side by side leave a pane header about 250 px. Qt's combo box cuts a title
at its end ("Cybersecurity Experts Advoc"), which hides what tells two rewrites of one
story apart; the metadata label was cut mid-letter with no sign anything was missing.
The title is elided in the middle ("Cybersecurity Ex…Restrictions"), the metadata at its
end, and both carry the full text in their tooltip (issue #13).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from annotator.gui.shell.plain_text import literal


class MiddleElidingComboBox(QComboBox):
    """A QComboBox whose shown item is elided in the middle when it does not fit; with
    `shown_role` set, the closed box shows that role of the item instead of its display text
    (a pane shows the bare title; the list keeps outlet and counts)."""

    def __init__(self, parent: QWidget | None = None, shown_role: int | None = None):
        super().__init__(parent)
        self._shown_role = shown_role

    def shown_text(self) -> str:
        """The current item's text as it is drawn (elided when too long)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        text = option.currentText
        if self._shown_role is not None and self.currentIndex() >= 0:
            text = str(self.currentData(self._shown_role) or text)
        width = field.width()
        if not option.currentIcon.isNull():
            width -= option.iconSize.width() + 4
        return self.fontMetrics().elidedText(
            text,
            Qt.TextElideMode.ElideMiddle,
            max(0, width - 2),
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in "…" when it does not fit, whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str, tooltip: str = "") -> None:
        self._full = text
        self.setToolTip(literal(tooltip or text))
        self._refresh()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, self.width())
        )
        if shown != self.text():
            self.setText(shown)
