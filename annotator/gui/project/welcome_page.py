"""What the window shows with no project open: New, Open, the demo, and recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.project.recent_projects import RecentProjects


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    tour_requested = Signal()  # the demo, with the guided tour beside it
    recent_chosen = Signal(object)  # Path

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._recent = RecentProjects(settings)
        title = QLabel("<h1 style='font-weight:600'>Annotator</h1>", self)
        blurb = QLabel(
            "Compare how outlets report the same event: highlight each claim, say where it comes "
            "from and how it leans, and see where annotators agree.",
            self,
        )
        blurb.setWordWrap(True)
        blurb.setProperty("tone", "muted")
        blurb.setStyleSheet("font-size: 11pt;")
        buttons = QHBoxLayout()
        for text, signal in (
            ("New Project…", self.new_requested),
            ("Open Project…", self.open_requested),
            ("Open Demo Project", self.demo_requested),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, s=signal: s.emit())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.tour_link = QLabel(
            "New here? <a href='#tour'>Take the two-minute tour</a> of the demo: highlight "
            "the three ways outlets count the experts.",
            self,
        )
        self.tour_link.setObjectName("tour_link")
        self.tour_link.setWordWrap(True)
        self.tour_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.tour_link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tour_link.linkActivated.connect(lambda _link: self.tour_requested.emit())
        self._list = QListWidget(self)
        self._list.setMaximumHeight(220)
        self._list.itemActivated.connect(self._on_item_activated)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(blurb)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(10)
        column.addWidget(self.tour_link)
        column.addSpacing(24)
        column.addWidget(QLabel("<b>Recent projects</b>", self))
        column.addWidget(self._list)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        inner = QWidget(self)
        inner.setLayout(column)
        inner.setMaximumWidth(640)
        outer.addWidget(inner, 3)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self._list.clear()
        for path in self._recent.paths():
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self._list.addItem(item)
        if not self._list.count():
            placeholder = QListWidgetItem("No recent projects yet. Start with the demo.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self._list.addItem(placeholder)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value:
            self.recent_chosen.emit(Path(value))
