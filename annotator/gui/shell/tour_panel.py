"""The guided tour of the demo: a panel under the articles that walks through
services/demo_tour.py's steps, selects each passage on request and ticks each step when the
project (or the window) shows it done.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.reading.pane_area import PaneArea
from annotator.gui.session import ProjectSession
from annotator.services.demo_tour import (
    TOUR_DOCUMENTS,
    TOUR_STEPS,
    TourStep,
    passage_range,
    tour_progress,
)

TOUR_DOCK = "dock_tour"
_STYLE = """
QLabel#tourTitle { font-weight: 600; font-size: 12pt; }
QLabel#tourStepCount { color: palette(placeholder-text); }
"""


class TourPanel(QWidget):
    """Step list on the left; the current step's text and buttons on the right."""

    finished = Signal()  # End Tour clicked

    def __init__(
        self,
        session: ProjectSession,
        panes: PaneArea,
        actions: Mapping[str, QAction],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("TourPanel")
        self.setStyleSheet(_STYLE)
        self._session = session
        self._panes = panes
        self._actions = actions
        self._current = 0
        self._done: set[str] = set()
        self.steps = QListWidget(self)
        self.steps.setObjectName("tourSteps")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for number, step in enumerate(TOUR_STEPS, 1):
            self.steps.addItem(QListWidgetItem(f"{number}. {step.title}"))
        self.steps.setFixedWidth(self.steps.sizeHintForColumn(0) + 40)
        # Every step in view: the list is the tour's map.
        rows = self.steps.sizeHintForRow(0) * len(TOUR_STEPS)
        self.steps.setFixedHeight(rows + 2 * self.steps.frameWidth() + 4)
        self.step_count = QLabel(self)
        self.step_count.setObjectName("tourStepCount")
        self.title = QLabel(self)
        self.title.setObjectName("tourTitle")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setMinimumHeight(3 * self.fontMetrics().lineSpacing())
        self.status = QLabel(self)
        self.back_button = QPushButton("◂ Back", self)
        self.do_button = QPushButton(self)
        self.next_button = QPushButton("Next ▸", self)
        self.end_button = QPushButton("End Tour", self)
        for button in (self.back_button, self.do_button, self.next_button, self.end_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # clicks leave focus in the text
        self._build_layout()
        self._connect_signals()
        self.refresh()
        self.go_to(0)

    # -- public ------------------------------------------------------------------------------
    @property
    def current_step(self) -> TourStep:
        return TOUR_STEPS[self._current]

    def is_done(self, key: str) -> bool:
        return key in self._done

    def go_to(self, index: int) -> None:
        self._current = max(0, min(index, len(TOUR_STEPS) - 1))
        step = self.current_step
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(self._current)
        self.steps.blockSignals(False)
        self.step_count.setText(f"Step {self._current + 1} of {len(TOUR_STEPS)}")
        self.title.setText(step.title)
        self.text.setText(step.text)
        self.do_button.setText(step.button)
        self.do_button.setVisible(bool(step.button))
        self.back_button.setEnabled(self._current > 0)
        last = self._current == len(TOUR_STEPS) - 1
        self.next_button.setText("Finish" if last else "Next ▸")
        self._update_status()

    def do_step(self) -> None:
        """What the step's button does: open the columns, select the passage, go to the
        article or open the matrix. The analyst still presses the key themselves."""
        step = self.current_step
        if step.key == "columns":
            self._open_columns()
        elif step.key == "matrix":
            self._actions["show_claim_matrix"].trigger()
        elif step.document_id:
            self._select_passage(step)
        self.refresh()

    def refresh(self) -> None:
        """Re-read what is done, tick the list, and move on when the current step is done."""
        progress = tour_progress(self._session.store, self._session.annotator)
        before = set(self._done)
        for step in TOUR_STEPS:
            if progress.done(step.key):
                self._done.add(step.key)
        if self._showing_all_four():
            self._done.add("columns")
        for row, step in enumerate(TOUR_STEPS):
            mark = "✓ " if step.key in self._done else ""
            self.steps.item(row).setText(f"{mark}{row + 1}. {step.title}")
        newly = self._done - before
        if self.current_step.key in newly and self._current < len(TOUR_STEPS) - 1:
            self.go_to(self._current + 1)
            self.status.setText(f"✓ Done: {TOUR_STEPS[self._current - 1].title}")
        else:
            self._update_status()

    # -- building ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.do_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        buttons.addWidget(self.end_button)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.step_count)
        body = QVBoxLayout()
        body.addLayout(heading)
        body.addWidget(self.text, 1)
        body.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.steps)
        layout.addLayout(body, 1)

    def _connect_signals(self) -> None:
        self.steps.currentRowChanged.connect(self.go_to)
        self.back_button.clicked.connect(lambda: self.go_to(self._current - 1))
        self.next_button.clicked.connect(self._on_next_clicked)
        self.do_button.clicked.connect(self.do_step)
        self.end_button.clicked.connect(self.finished.emit)
        self._session.claims_changed.connect(self._on_project_changed)
        self._session.external_change_detected.connect(self.refresh)
        self._actions["show_claim_matrix"].triggered.connect(self._on_matrix_opened)
        self._panes.active_pane_changed.connect(self._on_project_changed)

    # -- steps -------------------------------------------------------------------------------
    def _open_columns(self) -> None:
        while len(self._panes.panes()) < len(TOUR_DOCUMENTS) and self._panes.can_add_pane():
            self._actions["add_pane"].trigger()
        for pane, document_id in zip(self._panes.panes(), TOUR_DOCUMENTS, strict=False):
            if pane.document_id != document_id:
                pane.show_document(document_id)
        self._panes.set_active_pane(self._panes.panes()[0])

    def _pane_for(self, document_id: str) -> DocumentPane:
        if document_id not in {pane.document_id for pane in self._panes.panes()}:
            self._open_columns()
        return self._panes.pane_showing(document_id)

    def _select_passage(self, step: TourStep) -> None:
        pane = self._pane_for(step.document_id)
        self._panes.set_active_pane(pane)
        document = self._session.store.documents.get(step.document_id)
        found = passage_range(document.text, step.passage) if step.passage else None
        if found is not None:
            pane.view.select_range(*found)
            pane.view.scroll_to(*found)
        pane.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if step.keys:
            self.status.setText(f"Now press {step.keys}.")

    def _showing_all_four(self) -> bool:
        return set(TOUR_DOCUMENTS) <= {pane.document_id for pane in self._panes.panes()}

    def _update_status(self) -> None:
        step = self.current_step
        if step.key in self._done:
            self.status.setText("✓ Done")
        elif step.keys:
            self.status.setText(f"Key: {step.keys}")
        else:
            self.status.setText("")

    # -- slots -------------------------------------------------------------------------------
    def _on_project_changed(self, *_args: object) -> None:
        self.refresh()

    def _on_matrix_opened(self) -> None:
        self._done.add("matrix")
        self.refresh()

    def _on_next_clicked(self) -> None:
        if self._current == len(TOUR_STEPS) - 1:
            self.finished.emit()
        else:
            self.go_to(self._current + 1)


def show_tour(
    window: QMainWindow,
    session: ProjectSession,
    panes: PaneArea,
    actions: Mapping[str, QAction],
) -> QDockWidget:
    """The tour in a dock under the articles (raised again when already there), at step 1."""
    existing = window.findChild(QDockWidget, TOUR_DOCK)
    if existing is not None:
        existing.show()
        existing.raise_()
        return existing
    panel = TourPanel(session, panes, actions)
    dock = QDockWidget("Tour", window)
    dock.setObjectName(TOUR_DOCK)
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
    # Under the articles only: the docks on the right keep their full height, so the
    # window need not grow to make room for the tour.
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    panel.finished.connect(dock.close)
    dock.show()  # at once, not on the next layout pass: the first step acts on the columns
    window.resizeDocks([dock], [panel.sizeHint().height()], Qt.Orientation.Vertical)
    return dock
