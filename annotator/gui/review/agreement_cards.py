"""Summary cards: one headline number each, "—" with the reason when undefined."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.gui.review.agreement_colors import agreement_color
from annotator.gui.shell.plain_text import literal, plain_label

NONE = "—"
_CARD_STYLE = """
QFrame#card {
  background: #ffffff; border: 1px solid #dfe2e6; border-radius: 8px;
  border-top: 4px solid %s;
}
"""


class SummaryCard(QFrame):
    """A titled number; coefficients get a top stripe in their agreement colour."""

    def __init__(self, title: str, definition: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self._definition = definition
        self.title_label = plain_label(title)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.86)
        small.setBold(True)
        self.title_label.setFont(small)
        self.title_label.setStyleSheet("color: #5f6670; border: none;")
        self.title_label.setWordWrap(True)
        self.value_label = QLabel(NONE)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.value_label.setFont(big)
        self.value_label.setStyleSheet("color: #1b1f24; border: none;")
        self.caption_label = plain_label()  # names annotators
        caption = QFont(self.font())
        caption.setPointSizeF(caption.pointSizeF() * 0.85)
        self.caption_label.setFont(caption)
        self.caption_label.setStyleSheet("color: #6b7280; border: none;")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setMinimumWidth(128)
        self._stripe(QColor("#c9ccd1"))

    def value_text(self) -> str:
        return self.value_label.text()

    def set_count(self, value: int, caption: str = "") -> None:
        self.value_label.setText(str(value))
        self.value_label.setStyleSheet("color: #1b1f24; border: none;")
        self.caption_label.setText(caption)
        self._stripe(QColor("#9aa5b1"))
        self.setToolTip(literal(self._definition))

    def set_coefficient(self, value: float | None, reason: str, caption: str = "") -> None:
        """Show `value` to 3 decimals, or "—" whose tooltip gives `reason`."""
        self.caption_label.setText(caption)
        if value is None:
            self.value_label.setText(NONE)
            self.value_label.setStyleSheet("color: #9aa0a6; border: none;")
            self._stripe(QColor("#dfe2e6"))
            tip = f"Undefined: {reason}."
        else:
            self.value_label.setText(f"{value:.3f}")
            self.value_label.setStyleSheet("color: #1b1f24; border: none;")
            self._stripe(agreement_color(value))
            tip = ""
        self.setToolTip(literal("\n\n".join(t for t in (tip, self._definition) if t)))

    def _stripe(self, colour: QColor) -> None:
        self.setStyleSheet(_CARD_STYLE % colour.name())
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
