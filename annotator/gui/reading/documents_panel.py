"""The Documents panel: the project's documents filtered by title, outlet and done.

A month of coverage is thousands of articles; a pane's chooser lists them all. Here the
analyst types words of a title, picks an outlet or "Not done", and opens a row in the
active column (Enter, or a double click). Filtered in SQL on each keystroke, and the list is
virtual: DocumentListModel holds the matching ids and the view reads only the rows it
shows (#15). Nothing is read until the panel is first shown, since its dock starts as a
hidden tab and the project opens without it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.reading.document_list_model import DocumentIdRole, DocumentListModel
from annotator.gui.reading.document_row_delegate import DocumentRowDelegate
from annotator.gui.session import ProjectSession
from annotator.store.document_filter import DocumentFilter

ANY = None  # combo item data meaning "no filter"
NO_OUTLET = ""  # documents imported without a source
EMPTY_FILTERED = "No documents match these filters."
EMPTY_PROJECT = "No documents yet.\nFile → Import adds articles."
DONE_CHOICES = (("Done or not", ANY), ("Not done", False), ("Done", True))
ROWS_AT_A_TIME = 200  # handed to the list as it scrolls: it lays out every row it has


def _documents(count: int) -> str:
    return f"{count:,} document" + ("" if count == 1 else "s")


class DocumentsPanel(QWidget):
    """Filter box, outlet and done choosers over the matching documents."""

    document_activated = Signal(str)  # open it in the active column
    text_focus_requested = Signal()  # Esc: back to the text

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.model: DocumentListModel | None = None  # made when first shown
        self._outlets: list[tuple[str, int]] | None = None

        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Filter by title (Ctrl+Shift+P)")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setToolTip(
            "Words anywhere in the title. ↓: the list; Enter: open the first document"
        )
        self.outlet_filter = self._combo("Show only this outlet's documents")
        self.outlet_filter.addItem("All outlets", ANY)
        self.done_filter = self._combo("Show only the documents you marked done, or not")
        for text, value in DONE_CHOICES:
            self.done_filter.addItem(text, value)
        self.count_label = QLabel()
        self.count_label.setObjectName("documentCount")
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        self.list = QListView()
        self.list.setObjectName("documentList")
        # Every row the same height: the view then lays out (asks the data of) only the
        # rows on screen, not each of an archive's 10,000.
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setItemDelegate(DocumentRowDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setIconSize(QSize(16, 16))
        self.list.setAlternatingRowColors(True)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self._build_layout()

    # -- public ------------------------------------------------------------------------
    def focus_filter(self) -> None:
        """The cursor in the filter box with its text selected (the Filter Documents action)."""
        self._ensure_model()
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(
            self._session.annotator,
            DocumentFilter.words_of(self.filter_field.text()),
            self.outlet_filter.currentData(),
            self.done_filter.currentData(),
        )

    # -- building ----------------------------------------------------------------------
    @staticmethod
    def _combo(tooltip: str) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(tooltip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    def _build_layout(self) -> None:
        choosers = QHBoxLayout()
        choosers.setSpacing(6)
        choosers.addWidget(self.outlet_filter, 3)
        choosers.addWidget(self.done_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_field)
        layout.addLayout(choosers)
        layout.addWidget(self.count_label)
        # Parented before it gets its widgets: a parentless stacked layout shows its first
        # widget as a window of its own (see annotation_list_panel.py).
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)
        self._stack.addWidget(self.list)
        self._stack.addWidget(self.empty_label)

    def _ensure_model(self) -> DocumentListModel:
        """The list's model, made (and the outlets read) on first use."""
        if self.model is None:
            self.model = DocumentListModel(self._session, self, rows_at_a_time=ROWS_AT_A_TIME)
            self.list.setModel(self.model)
            self._fill_outlets()
            self._connect_signals()
            self._apply_filter()
        return self.model

    def _connect_signals(self) -> None:
        assert self.model is not None
        self.filter_field.textChanged.connect(self._apply_filter)
        self.outlet_filter.currentIndexChanged.connect(self._apply_filter)
        self.done_filter.currentIndexChanged.connect(self._apply_filter)
        self.list.activated.connect(self._on_activated)  # Enter or a double click
        self.model.modelReset.connect(self._update_count)
        self.filter_field.installEventFilter(self)
        self.list.installEventFilter(self)
        # New documents can bring new outlets.
        self._session.documents_changed.connect(self._fill_outlets)
        self._session.external_change_detected.connect(self._fill_outlets)

    def _fill_outlets(self) -> None:
        """Every outlet with its number of documents; the chosen one kept if it remains."""
        outlets = self._session.store.document_list.outlets()
        if outlets == self._outlets:
            return
        self._outlets = outlets  # their counts add up to the total the count line shows
        combo = self.outlet_filter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for outlet, count in outlets:
            name = outlet or "No outlet"
            combo.addItem(f"{name} ({count:,})", outlet)
        position = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)
        if position < 0:
            self._apply_filter()
        self._update_count()

    # -- slots -------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        model = self._ensure_model()
        model.set_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        if self.model is None:
            return
        shown = self.model.match_count()
        total = sum(count for _outlet, count in self._outlets or [])
        if shown == total:
            self.count_label.setText(_documents(total))
        else:
            self.count_label.setText(f"{shown:,} of {_documents(total)}")
        self.empty_label.setText(EMPTY_FILTERED if total else EMPTY_PROJECT)
        self._stack.setCurrentWidget(self.list if shown else self.empty_label)
        if shown and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))

    def _on_activated(self, index: QModelIndex) -> None:
        document_id = index.data(DocumentIdRole)
        if document_id:
            self.document_activated.emit(str(document_id))

    # -- Qt overrides ------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_model()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.text_focus_requested.emit()
                return True
            if watched is self.filter_field and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if watched is self.filter_field and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.list.currentIndex()
                if current.isValid():
                    self._on_activated(current)
                return True
        return super().eventFilter(watched, event)
