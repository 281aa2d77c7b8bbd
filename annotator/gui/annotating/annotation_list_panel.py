"""The annotation list: every visible annotation in a filterable, sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.gui.annotating.annotation_table_model import (
    DOCUMENT_ID_ROLE,
    NO_STANCE,
    SPAN_ID_ROLE,
    AnnotationTableModel,
    Column,
)
from annotator.gui.annotating.cached_cell_delegate import CachedCellDelegate
from annotator.gui.annotating.label_palette import swatch_icon
from annotator.gui.commands import DeleteSpansCommand
from annotator.gui.session import ProjectSession

EMPTY_PROJECT = "No annotations yet.\nSelect text in a document and press 1–9 to label it."
EMPTY_FILTERED = "No annotations match these filters."
_COLUMN_WIDTHS = {
    Column.DOCUMENT: 120,
    Column.OUTLET: 110,
    Column.LABEL: 95,
    Column.TEXT: 320,
    Column.CLAIM: 180,
    Column.STANCE: 80,
    Column.TARGET: 150,
    Column.ANNOTATOR: 80,
}
_ALL = None  # combo item data meaning "no filter"


class DocumentChoices(QStringListModel):
    """ "All documents", then every document's title (its id as the item data).

    The titles live in the C++ string list: the combo's list view lays out every row when
    the list is set, asking the model for each (an archive's 10,000 titles were 20,000
    calls into a Python rowCount on opening the project, #15); only the few rows shown
    ask Python, for their id."""

    def __init__(self, all_text: str, parent: QObject | None = None):
        super().__init__([all_text], parent)
        self._all_text = all_text
        self.documents: list[tuple[str, str]] = []

    def set_documents(self, documents: list[tuple[str, str]]) -> None:
        self.documents = documents
        self.setStringList([self._all_text] + [title for _id, title in documents])

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            row = index.row()
            if not index.isValid() or not 0 <= row <= len(self.documents):
                return None
            return _ALL if row == 0 else self.documents[row - 1][0]
        return super().data(index, role)


class AnnotationListPanel(QWidget):
    """Table of annotations with filter combos; activating a row asks to show it."""

    annotation_activated = Signal(str, str)  # document id, span id

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        # Filtered and sorted in SQL by the model itself: no proxy over a million rows (#15).
        self.model = AnnotationTableModel(session, self)

        self.label_filter = self._combo("All labels", "Show only annotations with this label")
        self.stance_filter = self._combo("All stances", "Show only annotations with this stance")
        self.annotator_filter = self._combo("All annotators", "Show only this annotator's work")
        self.document_filter = self._combo("All documents", "Show only this document's annotations")
        self._documents = DocumentChoices("All documents", self)
        self.document_filter.setModel(self._documents)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter by text, note, label…")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(110)  # with the count beside it, within a 300 px dock
        self.count_label = QLabel()
        self.count_label.setObjectName("annotationCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setStyleSheet("color: palette(placeholder-text);")

        self.table = self._make_table()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")

        self._build_layout()
        self._rebuild_filters()
        self._connect_signals()
        self._update_count()

    # -- public ------------------------------------------------------------------------
    def select_span(self, span_id: str) -> bool:
        """Select and reveal the row of `span_id` (False if it is filtered out or hidden)."""
        row = self.model.row_of(span_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_spans(self) -> list[Span]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.span_at(r) for r in sorted(rows)]

    def delete_selected(self) -> None:
        """Delete the selected annotations of the current annotator in one undo step."""
        if self._session.read_only:
            return
        mine = [s for s in self.selected_spans() if s.annotator == self._session.annotator]
        if mine:
            self._session.undo_stack.push(DeleteSpansCommand(self._session, mine))

    # -- building ----------------------------------------------------------------------
    def _combo(self, all_text: str, tooltip: str) -> QComboBox:
        combo = QComboBox()
        combo.setToolTip(tooltip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.setProperty("all_text", all_text)
        # Every entry the same height: otherwise the popup lays out (asks the data of) each
        # of an archive's 10,000 titles as soon as the panel is shown (#15).
        view = QListView(combo)
        view.setUniformItemSizes(True)
        combo.setView(view)
        return combo

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setItemDelegate(CachedCellDelegate(self.model.paint_key, table))
        # Before sorting is enabled, which sorts by the header's indicator at once (column 0,
        # descending, by default): the model's own document order needs no sort at all.
        table.horizontalHeader().setSortIndicator(Column.DOCUMENT, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        table.installEventFilter(self)
        return table

    def _build_layout(self) -> None:
        # Two short rows rather than one long one: the panel usually lives in a side dock.
        search_row = QHBoxLayout()
        search_row.setSpacing(6)
        search_row.addWidget(self.text_filter, 1)
        search_row.addWidget(self.count_label)
        # Two by two: four combos in a row needed 410 px, more than the 300 px dock (#13).
        filters = QGridLayout()
        filters.setSpacing(6)
        for index, combo in enumerate(
            (self.label_filter, self.stance_filter, self.annotator_filter, self.document_filter)
        ):
            filters.addWidget(combo, index // 2, index % 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        # In the panel before it gets the table: a parentless stacked layout shows its
        # first widget as a window of its own, which flashed up and took the keyboard
        # focus away from the main window on every project open.
        self._stack = QStackedLayout()
        layout.addLayout(self._stack, 1)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)

    def _connect_signals(self) -> None:
        # filters
        self.label_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.stance_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.annotator_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.document_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.text_filter.textChanged.connect(self.model.set_text_filter)
        # table
        self.table.clicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)
        self.model.counts_changed.connect(self._update_count)
        # After the model's own slot (connected when it was made): see _lay_out_now.
        self._session.spans_changed.connect(self._lay_out_now)
        # session: new labels, annotators or documents appear in the combos
        self._session.scheme_changed.connect(self._rebuild_filters)
        self._session.documents_changed.connect(self._rebuild_filters)
        self._session.visibility_changed.connect(self._rebuild_filters)
        self._session.external_change_detected.connect(self._rebuild_filters)

    def _rebuild_filters(self) -> None:
        scheme = self._session.scheme
        labels = [(i.name, i.name, i.color) for i in scheme.labels]
        stances = [(i.name, i.name, i.color) for i in scheme.stances]
        stances.append(("— none", NO_STANCE, ""))
        annotators = self._session.store.annotations.annotators()
        if self._session.annotator not in annotators:
            annotators.append(self._session.annotator)
        if not self._session.show_others:
            annotators = [self._session.annotator]
        self._fill(self.label_filter, labels)
        self._fill(self.stance_filter, stances)
        self._fill(self.annotator_filter, [(a, a, "") for a in sorted(annotators)])
        self._fill_documents()
        self.annotator_filter.setVisible(self._session.show_others)
        # Every row is mine unless others are shown: the column would only repeat my name.
        self.table.setColumnHidden(Column.ANNOTATOR, not self._session.show_others)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str, str]]) -> None:
        """Replace the entries, keeping the chosen one if it still exists."""
        current = combo.currentData()
        wanted = [(str(combo.property("all_text")), _ALL, ""), *items]
        existing = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
        if existing == [(text, data) for text, data, _ in wanted]:
            return
        combo.blockSignals(True)
        combo.clear()
        for text, data, color in wanted:
            if color:
                combo.addItem(swatch_icon(color), text, data)
            else:
                combo.addItem(text, data)
        position = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)
        if position < 0:
            self._on_filter_changed()

    def _fill_documents(self) -> None:
        """The document filter's entries from a list model: an archive's 10,000 titles are
        one list handed over, not 10,000 items added to the combo one by one (#15)."""
        combo = self.document_filter
        current = combo.currentData()
        documents = self.model.documents()
        if documents == self._documents.documents:
            return
        combo.blockSignals(True)
        self._documents.set_documents(documents)
        position = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)
        if position < 0:
            self._on_filter_changed()

    # -- slots -------------------------------------------------------------------------
    def _on_filter_changed(self) -> None:
        self.model.set_label_filter(self.label_filter.currentData())
        self.model.set_stance_filter(self.stance_filter.currentData())
        self.model.set_annotator_filter(self.annotator_filter.currentData())
        self.model.set_document_filter(self.document_filter.currentData())
        self._update_count()

    def _on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.annotation_activated.emit(
                str(index.data(DOCUMENT_ID_ROLE)), str(index.data(SPAN_ID_ROLE))
            )

    def _lay_out_now(self, *_changes: object) -> None:
        """Place the rows an add, undo or redo inserted or removed now, not on the view's
        next timer: its repaint then joins the window's one paint of the change instead
        of a second pass over the window of its own (#15)."""
        self.table.executeDelayedItemsLayout()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        noun = "annotation" if total == 1 else "annotations"
        self.count_label.setText(f"{shown} of {total} {noun}")
        if shown:
            self._stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(EMPTY_FILTERED if total else EMPTY_PROJECT)
            self._stack.setCurrentWidget(self.empty_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_selected()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_row_activated(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)
