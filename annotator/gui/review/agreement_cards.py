"""Summary cards: one headline number each, "—" with the reason when undefined."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.gui.review.agreement_colors import agreement_color
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import literal, plain_label
from annotator.gui.shell.ui_colors import UiColors

NONE = "—"
_CARD_STYLE = """
QFrame#card {{
  background: {card}; border: 1px solid {border}; border-radius: 8px;
  border-top: 4px solid {stripe};
}}
QFrame#card QLabel {{ border: none; background: transparent; }}
"""


class SummaryCard(QFrame):
    """A titled number; coefficients get a top stripe in their agreement colour."""

    def __init__(self, title: str, definition: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self._definition = definition
        self._value: float | None = None
        self._kind = "empty"  # "empty", "count", "coefficient" or "undefined": the stripe
        self.title_label = plain_label(title)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.86)
        small.setBold(True)
        self.title_label.setFont(small)
        self.title_label.setProperty("tone", "muted")
        self.title_label.setWordWrap(True)
        self.value_label = QLabel(NONE)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.value_label.setFont(big)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.caption_label = plain_label()  # names annotators
        caption = QFont(self.font())
        caption.setPointSizeF(caption.pointSizeF() * 0.85)
        self.caption_label.setFont(caption)
        self.caption_label.setProperty("tone", "muted")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setMinimumWidth(128)
        ui_colors.follow(self, self._restyle)

    def value_text(self) -> str:
        return self.value_label.text()

    def set_count(self, value: int, caption: str = "") -> None:
        self.value_label.setText(str(value))
        self.caption_label.setText(caption)
        self._kind = "count"
        self._restyle(ui_colors.current())
        self.setToolTip(literal(self._definition))

    def set_coefficient(self, value: float | None, reason: str, caption: str = "") -> None:
        """Show `value` to 3 decimals, or "—" whose tooltip gives `reason`."""
        self.caption_label.setText(caption)
        self._value = value
        if value is None:
            self.value_label.setText(NONE)
            self._kind = "undefined"
            tip = f"Undefined: {reason}."
        else:
            self.value_label.setText(f"{value:.3f}")
            self._kind = "coefficient"
            tip = ""
        self._restyle(ui_colors.current())
        self.setToolTip(literal("\n\n".join(t for t in (tip, self._definition) if t)))

    def _restyle(self, colors: UiColors) -> None:
        if self._kind == "coefficient" and self._value is not None:
            stripe = agreement_color(self._value).name()
        elif self._kind == "undefined":
            stripe = colors.stripe_undefined
        else:
            stripe = colors.stripe_neutral
        self.setStyleSheet(
            _CARD_STYLE.format(card=colors.card, border=colors.card_border, stripe=stripe)
        )
        value_colour = colors.faint if self._kind == "undefined" else colors.text
        self.value_label.setStyleSheet(f"color: {value_colour};")
        self.update()
