"""Buttons for the scheme's labels ("1 Claim") and stance values, for a toolbar or a dock."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from annotator.core.model import SchemeItem
from annotator.gui.session import ProjectSession
from annotator.gui.shell.drawn_icon import drawn_icon
from annotator.gui.shell.plain_text import isolated, literal
from annotator.gui.shell.shortcut_settings import key_holder

NO_STANCE_TEXT = "— none"
NO_STANCE_COLOR = "#bdbdbd"
_BUTTON_STYLE = """
QToolButton {{
    padding: 3px 8px 3px 6px;
    border: 1px solid palette(mid);
    border-left: 4px solid {color};
    border-radius: 3px;
    background: palette(button);
}}
QToolButton:hover {{ background: palette(light); border-color: {color}; }}
QToolButton:pressed {{ background: palette(midlight); }}
QToolButton:disabled {{ color: palette(placeholder-text); border-left-color: palette(mid); }}
"""


def swatch_icon(color: str, size: int = 12) -> QIcon:
    """A small rounded colour square, for labels and stances in buttons and combos."""

    def paint(painter: QPainter) -> None:
        painter.setBrush(QColor(color))
        painter.setPen(QColor(color).darker(130))
        painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)

    return drawn_icon(size, size, paint)


class LabelPalette(QWidget):
    """Label buttons (apply a label) over stance buttons (set the selected annotation's stance)."""

    label_clicked = Signal(str)  # label name
    stance_clicked = Signal(str)  # stance name, "" for none

    def __init__(
        self,
        session: ProjectSession,
        parent: QWidget | None = None,
        window_keys: Callable[[], Mapping[str, str]] = dict,
    ):
        """`window_keys()` are the window actions' keys (portable text -> action name): a
        label whose key one of them holds does not get it (bound twice, Qt would run neither): the button must
        not offer a key that runs something else."""
        super().__init__(parent)
        self._session = session
        self._window_keys = window_keys
        self._has_selection = False
        self._has_span = False
        self.label_buttons: dict[str, QToolButton] = {}
        self.stance_buttons: dict[str, QToolButton] = {}  # "" is "none"
        self._labels_row = QHBoxLayout()
        self._stances_row = QHBoxLayout()
        # One row, labels then stances: two rows of mostly greyed buttons made a tall strip
        # over the articles (issue #13).
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(16)
        layout.addLayout(self._labels_row)
        layout.addLayout(self._stances_row)
        layout.addStretch(1)
        self.rebuild()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._session.scheme_changed.connect(self.rebuild)
        self._session.external_change_detected.connect(self.rebuild)

    def set_enabled_for_selection(self, has_selection: bool, has_span: bool) -> None:
        """Labels need selected text or an annotation to relabel; stances need an annotation."""
        self._has_selection, self._has_span = has_selection, has_span
        writable = not self._session.read_only
        for button in self.label_buttons.values():
            button.setEnabled(writable and (has_selection or has_span))
        for button in self.stance_buttons.values():
            button.setEnabled(writable and has_span)

    def rebuild(self) -> None:
        """Re-create the buttons from the scheme (names, colours, shortcuts or order changed)."""
        for row in (self._labels_row, self._stances_row):
            while row.count():
                layout_item = row.takeAt(0)
                widget = layout_item.widget() if layout_item is not None else None
                if widget is not None:
                    widget.deleteLater()
        self.label_buttons.clear()
        self.stance_buttons.clear()
        scheme = self._session.scheme
        window_keys = self._window_keys()
        self._labels_row.addWidget(self._caption("Label"))
        for item in scheme.labels:
            holder = key_holder(item.shortcut, window_keys)
            key = "" if holder else item.shortcut
            # Isolated: an RLO in a label's name must not reverse its shortcut.
            text = f"{key} {isolated(item.name)}" if key else item.name
            taken = (
                f"  ({item.shortcut} is {isolated(holder)}'s key in this window)" if holder else ""
            )
            button = self._button(item.color, text, _tooltip(item, key, taken))
            button.clicked.connect(lambda _=False, name=item.name: self.label_clicked.emit(name))
            self.label_buttons[item.name] = button
            self._labels_row.addWidget(button)
        if not scheme.labels:
            self._labels_row.addWidget(self._caption("No labels yet: add some to the scheme."))
        self._stances_row.addWidget(self._caption("Stance"))
        for item in scheme.stances:
            holder = key_holder(item.shortcut, window_keys)
            button = self._button(item.color, item.name, _tooltip(item, "" if holder else None))
            button.clicked.connect(lambda _=False, name=item.name: self.stance_clicked.emit(name))
            self.stance_buttons[item.name] = button
            self._stances_row.addWidget(button)
        none = self._button(NO_STANCE_COLOR, NO_STANCE_TEXT, "Clear the annotation's stance")
        none.clicked.connect(lambda _=False: self.stance_clicked.emit(""))
        self.stance_buttons[""] = none
        self._stances_row.addWidget(none)
        self.set_enabled_for_selection(self._has_selection, self._has_span)

    def _caption(self, text: str) -> QLabel:
        caption = QLabel(text)
        caption.setStyleSheet("color: palette(placeholder-text);")
        return caption

    def _button(self, color: str, text: str, tooltip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tooltip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus (and selection) in the text
        button.setStyleSheet(_BUTTON_STYLE.format(color=QColor(color).name()))
        return button


def _tooltip(item: SchemeItem, key: str | None = None, more: str = "") -> str:
    """The item's description and its key (`key` when given: "" for none it can have),
    then `more`."""
    tip = isolated(item.description or item.name)
    key = item.shortcut if key is None else key
    return literal((f"{tip}  ({key})" if key else tip) + more)
