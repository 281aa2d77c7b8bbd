"""A pane's document-stance row: caption, target chooser, one toggle per stance, others' chips.

Four panes at 1366 px leave each about 260 px, and five stance buttons with their words
need 330: Qt then elided every button to "…" and the chips to "alice: agai" (issue #13).
So the row fits itself to its width: whole words when they fit, else coloured single
letters (the stance's key, F/A/N/U), else letters without the caption. Tooltips always
carry the full wording, and nothing is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import css_color, isolated, literal, plain_label


class Fit(IntEnum):
    WORDS = 0  # "favor", "alice: against"
    LETTERS = 1  # "F", "alice: A"
    TIGHT = 2  # letters, no caption, chips "A"


@dataclass(frozen=True, slots=True)
class StanceChoice:
    name: str  # "" is "no stance"
    colour: str
    letter: str  # shown when narrow: the stance's key, else its first letter


@dataclass(frozen=True, slots=True)
class Chip:
    annotator: str
    stance: str
    colour: str
    letter: str
    target: str


NO_STANCE_LETTER = "–"


def letter_for(name: str, shortcut: str) -> str:
    """The single letter standing for a stance value when the row is narrow."""
    if not name:
        return NO_STANCE_LETTER
    if len(shortcut) == 1 and shortcut.isprintable() and not shortcut.isspace():
        return shortcut.upper()
    return name[:1].upper()


def _button_style(colour: str, fit: Fit) -> str:
    """Coloured words or letters (a lone "A" still reads as "against" at a glance), filled
    with the colour when checked; letters get a narrower padding. The words' colour is
    the stance's, lightened or darkened until it reads (4.5:1) in the scheme in use."""
    colour = css_color(colour)
    words = ui_colors.current().text_on(colour)  # the hue, light enough on a dark page
    padding = "padding: 2px 9px;" if fit is Fit.WORDS else "padding: 2px 6px;"
    return (
        f"QToolButton {{ color: {words}; {padding} }}"
        f" QToolButton:checked {{ background: {colour}; border-color: {colour}; color: white; }}"
    )


class StanceRow(QWidget):
    """The row; `group` holds the toggles (ids are indexes into the choices given)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stanceRow")
        self.caption = QLabel("Stance", self)
        self.target_combo = QComboBox(self)
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(12)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._choices: list[StanceChoice] = []
        self._chips: list[tuple[QLabel, Chip]] = []
        self._buttons_row = QHBoxLayout()
        self._buttons_row.setSpacing(0)
        self._chips_row = QHBoxLayout()
        self._chips_row.setSpacing(4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.target_combo)
        layout.addLayout(self._buttons_row)
        layout.addSpacing(8)
        layout.addLayout(self._chips_row)
        layout.addStretch(1)
        # The row decides its texts from the width it is given, so it must not ask for more.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.fit = Fit.WORDS
        self._fitting = False
        # What the row needs besides its chips, per fit, as last measured (see refit).
        self._rest: dict[tuple[object, ...], int] = {}
        ui_colors.follow(self, self._on_colours)  # recolour the words

    # -- content ---------------------------------------------------------------------
    def set_choices(self, choices: list[StanceChoice], enabled: bool) -> None:
        self._rest.clear()
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.hide()  # deleted later, and until then it would still be drawn
            button.deleteLater()
        self._choices = list(choices)
        for index, choice in enumerate(self._choices):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setProperty("stance", choice.name or "none")
            tip = (
                literal(f"Document stance: {isolated(choice.name)}")
                if choice.name
                else "No stance from me"
            )
            button.setToolTip(tip)
            button.setEnabled(enabled)
            self.group.addButton(button, index)
            self._buttons_row.addWidget(button)
            # Shown and styled now, not when the layout gets round to it: a hidden widget
            # counts for nothing in the width the row measures to fit itself.
            button.setVisible(True)
            button.ensurePolished()
        self._apply(self.fit)
        self.refit()

    def set_chips(self, chips: list[Chip]) -> None:
        """Show `chips`, reusing the labels already there: switching document changes the
        chips, and a label made, styled and polished anew for each was a tenth of a switch
        in a ten-annotator archive (#15)."""
        if chips == [chip for _label, chip in self._chips]:
            self.refit()  # the same chips; the caption or the target chooser may have changed
            return
        previous = self._chips
        for label, _chip in previous[len(chips) :]:
            self._chips_row.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._chips = []
        for index, chip in enumerate(chips):
            fresh = index >= len(previous)
            if fresh:
                label = plain_label("", self)
                label.setProperty("chip", True)
                self._chips_row.addWidget(label)
            else:
                label = previous[index][0]
            if fresh or previous[index][1].colour != chip.colour:
                label.setStyleSheet(f"background: {css_color(chip.colour)};")
            who = isolated(chip.annotator)
            label.setToolTip(
                literal(f"{who}'s stance toward {isolated(chip.target)}: {isolated(chip.stance)}")
            )
            if fresh:
                label.setVisible(True)
                label.ensurePolished()
            self._chips.append((label, chip))
        self.refit()  # words the chips as it fits them

    def chip_texts(self) -> list[str]:
        return [label.text() for label, _chip in self._chips]

    # -- fitting ---------------------------------------------------------------------
    def refit(self) -> None:
        """Choose the widest wording that fits the row's width.

        Trying a wording restyles the toggles (letters are padded less), and restyling them
        twice on every switch of document cost more than the chips themselves (#15). So
        the width the row needs besides its chips is kept per wording once measured, and
        the next fit measures only the chips; anything that can change that width (the
        choices, the caption, the target chooser, font, style, colours) is in the key or
        empties the cache."""
        if self._fitting:
            return
        self._fitting = True
        try:
            if not self.isVisible():  # not laid out yet: the first resize decides
                self._apply(Fit.WORDS)
                return
            available = self.width()
            chosen = Fit.TIGHT
            for fit in Fit:
                if self._needed_for(fit) <= available:
                    chosen = fit
                    break
            self._apply(chosen)
        finally:
            self._fitting = False

    def _rest_key(self, fit: Fit) -> tuple[object, ...]:
        combo = self.target_combo
        return (
            fit,
            bool(self._chips),  # an empty chips row takes no spacing beside it
            self.caption.text(),
            combo.isVisibleTo(self),
            combo.sizeHint().width(),
        )

    def _needed_for(self, fit: Fit) -> int:
        """The width the row needs worded as `fit`."""
        rest = self._rest.get(self._rest_key(fit))
        if rest is None:
            self._apply(fit)
            return self._needed_width()
        self._set_chip_texts(fit)
        self._chips_row.invalidate()
        return rest + self._chips_row.sizeHint().width()

    def _needed_width(self) -> int:
        """The width the row needs as worded now (measured, and remembered for refit)."""
        layout = self.layout()
        assert layout is not None
        # Each box caches its size hint, and invalidating the outer one leaves the inner
        # ones (buttons, chips) with the widths of the texts before.
        self._buttons_row.invalidate()
        self._chips_row.invalidate()
        layout.invalidate()
        needed = layout.sizeHint().width()
        self._rest[self._rest_key(self.fit)] = needed - self._chips_row.sizeHint().width()
        return needed

    def _apply(self, fit: Fit) -> None:
        self.fit = fit
        for index, choice in enumerate(self._choices):
            button = self.group.button(index)
            if button is None:
                continue
            text = choice.name or "none" if fit is Fit.WORDS else choice.letter
            style = _button_style(choice.colour, fit)
            if button.text() != text or button.styleSheet() != style:
                button.setText(text)
                button.setStyleSheet(style)
        self._set_chip_texts(fit)
        self.caption.setVisible(fit is not Fit.TIGHT)

    def _set_chip_texts(self, fit: Fit) -> None:
        for label, chip in self._chips:
            if fit is Fit.WORDS:
                text = f"{isolated(chip.annotator)}: {isolated(chip.stance)}"
            elif fit is Fit.LETTERS:
                text = f"{isolated(chip.annotator)}: {chip.letter}"
            else:
                text = chip.letter
            if label.text() != text:
                label.setText(text)

    def _on_colours(self, _colors: object) -> None:
        self._rest.clear()
        self._apply(self.fit)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rest.clear()  # every text's width changes with them
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
