# Over 400 lines: the column, item model, commands and colours are in their own files; what
# remains is one window's layout and its navigation between items.
"""The review window: annotators side by side, their disagreements listed, settled into gold.

Reads come from `document_comparison`; every decision is a command from
gui/review/adjudication_commands.py on the session's undo stack, and the window refreshes
from the session's signals like every other view.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD_ANNOTATOR, Document, Span
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.review.adjudication_claims_panel import AdjudicationClaimsPanel
from annotator.gui.review.adjudication_colors import (
    STATUS_TEXT,
    column_color,
    status_color,
    status_text_color,
)
from annotator.gui.review.adjudication_column import ComparisonColumn
from annotator.gui.review.adjudication_commands import (
    AcceptAllAgreedCommand,
    AcceptDocumentStanceCommand,
    AcceptSpanCommand,
    EditGoldSpanCommand,
    GoldCommand,
    RejectDocumentStanceCommand,
    RejectItemCommand,
    ReplaceGoldCommand,
    SetAdjudicatedCommand,
)
from annotator.gui.review.adjudication_item_model import ComparisonItemModel, ComparisonRow
from annotator.gui.review.adjudication_summary import (
    agreed_left,
    chooser_title,
    counts_text,
    marks_for,
    next_step_text,
    open_disagreements,
)
from annotator.gui.review.gold_edit_dialog import GoldEditDialog
from annotator.gui.review.review_undo import ReviewUndo
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import css_color, isolated, plain_label
from annotator.gui.shell.ui_colors import UiColors
from annotator.gui.shell.window_actions import (
    REVIEW_ACTIONS,
    make_action,
    spec,
)
from annotator.services.adjudication import Comparison, document_comparison

ModelIndex = QModelIndex | QPersistentModelIndex


def confirm_adjudicated(parent: QWidget, still_open: int) -> bool:
    """Ask before marking a document adjudicated while disagreements are still open (a
    module function so tests can answer it)."""
    what = "1 disagreement is" if still_open == 1 else f"{still_open} disagreements are"
    answer = QMessageBox.question(
        parent,
        "Mark adjudicated",
        f"{what} still open in this document: gold has no decision for them.\n\n"
        "Mark it adjudicated anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class AdjudicationView(QWidget):
    """The curation window for one session: compare, decide, move on."""

    item_selected = Signal(int)  # row in the item list, -1 for none

    _open: ClassVar[dict[int, AdjudicationView]] = {}
    NAVIGATED = ("disagreed",)

    @classmethod
    def open_for(
        cls, session: ProjectSession, parent: QWidget | None = None, document_id: str | None = None
    ) -> AdjudicationView:
        """Show the session's review window (creating it once), on `document_id` if given."""
        view = cls._open.get(id(session))
        if view is None or not shiboken6.isValid(view) or view._session is not session:
            view = cls(session, parent)
            cls._open[id(session)] = view
            key = id(session)
            view.destroyed.connect(lambda _=None: cls._open.pop(key, None))
            view.resize(1500, 900)
        if document_id is not None:
            view.set_document(document_id)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self._session = session
        self._document_id: str | None = None
        self._document: Document | None = None
        self._comparison: Comparison | None = None
        self._open_counts: dict[str, int] = {}
        self._columns: list[ComparisonColumn] = []
        self._syncing = False
        self.setWindowTitle("Review disagreements")
        self.model = ComparisonItemModel(self)
        self._build()
        self._connect_signals()
        ui_colors.follow(self, self._on_scheme_changed)
        self._refresh_chooser(full=True)
        ids = [self.chooser.itemData(i) for i in range(self.chooser.count())]
        if ids:
            busy = [d for d in ids if self._open_counts.get(d, 0)]
            self.set_document(busy[0] if busy else ids[0])

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        self._undo = ReviewUndo(self._session.undo_stack, self)  # the reviewer's own steps
        self.undo_action = self._undo.undo_action
        self.redo_action = self._undo.redo_action
        self.next_action = self._action("next_disagreement")
        self.previous_action = self._action("previous_disagreement")
        self.accept_agreed_action = self._action("accept_agreed")
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)

        self.chooser = QComboBox()
        self.chooser.setMinimumWidth(360)
        self.chips = QLabel()
        self.chips.setTextFormat(Qt.TextFormat.RichText)
        self.adjudicated_box = QCheckBox("Mark adjudicated")
        top = QHBoxLayout()
        top.addWidget(QLabel("Document"))
        top.addWidget(self.chooser)
        top.addSpacing(12)
        top.addWidget(self.chips)
        top.addStretch(1)
        for action in (self.undo_action, self.redo_action):
            top.addWidget(self._tool_button(action))
        top.addSpacing(12)
        top.addWidget(self._tool_button(self.previous_action))
        top.addWidget(self._tool_button(self.next_action, primary=True))
        top.addSpacing(12)
        top.addWidget(self._tool_button(self.accept_agreed_action))
        top.addSpacing(12)
        top.addWidget(self.adjudicated_box)

        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setStyleSheet("font-weight: 600;")
        self.next_step = QLabel()
        self.next_step.setProperty("tone", "accent")
        self.next_step.setStyleSheet("font-weight: 600;")
        self.sync_box = QCheckBox("Scroll together")
        self.sync_box.setChecked(True)
        info = QHBoxLayout()
        info.addWidget(self.counts)
        info.addSpacing(24)
        info.addWidget(self._legend(), 1)  # takes the room left, wrapping only when short
        info.addWidget(self.next_step)
        info.addSpacing(16)
        info.addWidget(self.sync_box)

        self.columns_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.columns_splitter.setChildrenCollapsible(False)
        self.columns_splitter.setHandleWidth(6)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)

        self.selection_label = QLabel()
        self.selection_label.setTextFormat(Qt.TextFormat.RichText)
        self.accept_bar = QHBoxLayout()
        self.accept_buttons: dict[str, QPushButton] = {}
        self.reject_button = QPushButton("Reject all")
        self.reject_button.setToolTip("Gold keeps nothing for this item")
        self.edit_button = QPushButton("Edit gold…")
        self.message = plain_label()  # failures quote names and passages
        self.message.setProperty("tone", "error")
        actions = QHBoxLayout()
        actions.addWidget(self.selection_label, 1)
        actions.addLayout(self.accept_bar)
        actions.addWidget(self.reject_button)
        actions.addWidget(self.edit_button)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.message)
        self.claims_panel = AdjudicationClaimsPanel(self._session)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.addTab(self.table, "Passages")
        self.bottom_tabs.addTab(self.claims_panel, "Claims")
        bottom_layout.addWidget(self.bottom_tabs)

        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.columns_splitter)
        self.main_splitter.addWidget(bottom)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addLayout(info)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setProperty("rule", True)
        layout.addWidget(line)
        layout.addWidget(self.main_splitter, 1)

    def _action(self, action_id: str) -> QAction:
        action = make_action(spec(REVIEW_ACTIONS, action_id), self)
        self.addAction(action)
        return action

    @staticmethod
    def _tool_button(action: QAction, primary: bool = False) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if primary:
            button.setStyleSheet("font-weight: 600;")
        return button

    def _legend(self) -> QWidget:
        legend = QLabel()
        legend.setTextFormat(Qt.TextFormat.RichText)
        # Wraps when narrow: in one line it made the window 1404 px, wider than a laptop (#13).
        legend.setWordWrap(True)
        ui_colors.follow(legend, lambda colors: legend.setText(self._legend_text(colors)))
        return legend

    @staticmethod
    def _legend_text(colors: UiColors) -> str:
        samples = [
            ("agreed", "agreed", "thin line"),
            ("disagreed", "disagree", "red bar + line"),
            ("partial", "partial: not everyone marked it", "dashed"),
        ]
        return "&nbsp;&nbsp;&nbsp;".join(
            f"<span style='color:{status_color(s)}; font-weight:600'>●</span>"
            f" {text} <span style='color:{colors.muted}'>({line})</span>"
            for s, text, line in samples
        )

    def _connect_signals(self) -> None:
        # navigation and decisions
        self.next_action.triggered.connect(self.next_disagreement)
        self.previous_action.triggered.connect(self.previous_disagreement)
        self.accept_agreed_action.triggered.connect(self._on_accept_all_agreed)
        self.adjudicated_box.clicked.connect(self._on_adjudicated_clicked)
        self.reject_button.clicked.connect(self._on_reject)
        self.edit_button.clicked.connect(self._on_edit)
        self.chooser.activated.connect(self._on_document_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        # the session
        self._session.spans_changed.connect(self._on_spans_changed)
        self._session.document_stances_changed.connect(self._on_stances_changed)
        self._session.documents_changed.connect(self._on_documents_changed)
        self._session.scheme_changed.connect(self._on_external_change)
        self._session.external_change_detected.connect(self._on_external_change)
        self._session.command_failed.connect(self.message.setText)

    # -- public API ------------------------------------------------------------------
    @property
    def document_id(self) -> str | None:
        return self._document_id

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_document(self, document_id: str) -> None:
        """Compare annotators on `document_id` (selects its first open disagreement)."""
        self._document_id = document_id
        self._document = self._session.document(document_id)
        self.chooser.setCurrentIndex(self.chooser.findData(document_id))
        self.claims_panel.set_document(document_id)
        self._reload(reload_text=True)
        first = self._find(-1, +1)
        self.select_item(first if first is not None else (0 if self.model.rowCount() else -1))

    def select_item(self, index: int) -> None:
        """Select row `index` of the item list (-1: none); all columns follow."""
        selection = self.table.selectionModel()
        if not 0 <= index < self.model.rowCount():
            selection.clear()
            self._on_current_row_changed(QModelIndex(), QModelIndex())
            return
        model_index = self.model.index(index, 0)
        selection.setCurrentIndex(
            model_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(model_index)

    def current_index(self) -> int:
        index = self.table.selectionModel().currentIndex()
        return index.row() if index.isValid() else -1

    def current_item(self) -> ComparisonRow | None:
        row = self.current_index()
        return self.model.row(row) if row >= 0 else None

    def next_disagreement(self) -> int | None:
        """Select the next disagreed item after the current one; past the last, wrap to the
        first one still open (gold has not settled it). Its row, or None when none is left."""
        found = self._find(self.current_index(), +1)
        if found is not None:
            self.message.clear()  # a "Wrapped to …" from the step before no longer holds
        else:
            found = self._first_open(range(len(self.model.rows())))
            if found is not None and found != self.current_index():
                self.message.setText("Wrapped to the first open disagreement.")
            else:
                found = None
                self.message.setText("No more disagreements after this one.")
        if found is not None:
            self.select_item(found)
        return found

    def previous_disagreement(self) -> int | None:
        """As next_disagreement, backwards: before the first, wrap to the last open one."""
        found = self._find(self.current_index(), -1)
        if found is not None:
            self.message.clear()  # a "Wrapped to …" from the step before no longer holds
        else:
            found = self._first_open(reversed(range(len(self.model.rows()))))
            if found is not None and found != self.current_index():
                self.message.setText("Wrapped to the last open disagreement.")
            else:
                found = None
                self.message.setText("No disagreements before this one.")
        if found is not None:
            self.select_item(found)
        return found

    def _first_open(self, order: Iterable[int]) -> int | None:
        rows = self.model.rows()
        return next(
            (i for i in order if rows[i].status in self.NAVIGATED and not rows[i].in_gold), None
        )

    def accept_version(self, annotator: str) -> GoldCommand | None:
        """Make `annotator`'s version of the current item gold (replacing what gold had)."""
        row = self.current_item()
        if row is None or self._document_id is None:
            return None
        command: GoldCommand
        if row.stance_item is not None:
            stance = row.stance_item.stances.get(annotator)
            if stance is None:
                return None
            agreeing = sorted(a for a, v in row.stance_item.stances.items() if v == stance)
            origin = (
                "agreed: " + ", ".join(agreeing)
                if len(agreeing) > 1
                else f"accepted from {annotator}"
            )
            command = AcceptDocumentStanceCommand(
                self._session,
                self._document_id,
                row.stance_item.target,
                stance,
                origin,
                f"Use {annotator}'s document stance",
            )
        else:
            spans = row.spans_of(annotator)
            if not spans or row.span_item is None:
                return None
            if len(spans) == 1 and not row.in_gold:
                command = AcceptSpanCommand(self._session, spans[0])
            else:
                command = ReplaceGoldCommand(self._session, row.span_item, annotator)
        return self._push(command)

    def reject_current(self) -> GoldCommand | None:
        row = self.current_item()
        if row is None or self._document_id is None:
            return None
        if row.stance_item is not None:
            return self._push(
                RejectDocumentStanceCommand(
                    self._session, self._document_id, row.stance_item.target
                )
            )
        item = row.as_span_item()
        return self._push(RejectItemCommand(self._session, item)) if item else None

    # -- slots -----------------------------------------------------------------------
    def _on_document_chosen(self, index: int) -> None:
        document_id = self.chooser.itemData(index)
        if document_id and document_id != self._document_id:
            self.set_document(document_id)

    def _on_current_row_changed(self, current: ModelIndex, _previous: ModelIndex) -> None:
        row = self.model.row(current.row()) if current.isValid() else None
        self._show_selection(row)
        self._update_buttons(row)
        self.item_selected.emit(current.row() if current.isValid() else -1)

    def _on_accept_all_agreed(self) -> None:
        if self._document_id is not None:
            self._push(AcceptAllAgreedCommand(self._session, self._document_id))

    def _on_adjudicated_clicked(self, checked: bool) -> None:
        if self._document_id is None:
            return
        still_open = open_disagreements(self._comparison) if self._comparison else 0
        if checked and still_open and not confirm_adjudicated(self, still_open):
            self._update_adjudicated_box()  # the box goes back to what is stored
            return
        self._push(SetAdjudicatedCommand(self._session, self._document_id, checked))

    def _on_reject(self) -> None:
        self.reject_current()

    def _on_edit(self) -> None:
        row = self.current_item()
        if row is None or self._document_id is None:
            return
        scheme = self._session.scheme
        if row.stance_item is not None:
            current = row.stance_item.gold.stance if row.stance_item.gold else None
            accepted, stance = GoldEditDialog.ask_stance(self, scheme, current)
            if accepted and stance != current:
                self._push(
                    AcceptDocumentStanceCommand(
                        self._session, self._document_id, row.stance_item.target, stance, "edited"
                    )
                )
            return
        gold = row.gold_spans()
        if not gold:
            return
        changes = GoldEditDialog.ask_span(self, scheme, gold[0])
        if changes:
            self._push(EditGoldSpanCommand(self._session, gold[0], **changes))

    def _on_accept_clicked(self) -> None:
        button = self.sender()
        for annotator, candidate in self.accept_buttons.items():
            if candidate is button:
                self.accept_version(annotator)

    def _on_span_clicked(self, span_id: str) -> None:
        for index, row in enumerate(self.model.rows()):
            ids = {s.id for s in (row.span_item.spans if row.span_item else ())}
            ids |= {s.id for s in row.gold_spans()}
            if span_id in ids:
                self.select_item(index)
                return

    def _on_scrolled(self, source: DocumentView, value: int) -> None:
        if self._syncing or not self.sync_box.isChecked():
            return
        bar = source.verticalScrollBar()
        fraction = value / bar.maximum() if bar.maximum() else 0.0
        self._syncing = True
        try:
            for column in self._columns:
                if column.view is not source:
                    other = column.view.verticalScrollBar()
                    other.setValue(round(fraction * other.maximum()))
        finally:
            self._syncing = False

    def _on_spans_changed(self, document_id: str, *_ids: list[str]) -> None:
        if document_id == self._document_id:
            self._reload(reload_text=False)
            self._refresh_chooser(full=False)

    def _on_stances_changed(self, document_id: str) -> None:
        if document_id == self._document_id:
            self._reload(reload_text=False)
            self._refresh_chooser(full=False)

    def _on_documents_changed(self) -> None:
        self._refresh_chooser(full=False)
        self._update_adjudicated_box()

    def _on_external_change(self) -> None:
        self._refresh_chooser(full=True)
        if self._document_id is not None:
            if self._document_id in self._session.store.documents.ids():
                self._reload(reload_text=True)
            else:
                self._document_id = None

    # -- internals -------------------------------------------------------------------
    def _push(self, command: GoldCommand) -> GoldCommand:
        self.message.clear()
        self._session.undo_stack.push(command)
        if command.failure is not None:
            self.message.setText(str(command.failure))
        return command

    def _find(self, start: int, step: int) -> int | None:
        rows = self.model.rows()
        index = start + step
        if step < 0 and start < 0:
            index = len(rows) - 1
        while 0 <= index < len(rows):
            if rows[index].status in self.NAVIGATED:
                return index
            index += step
        return None

    def _reload(self, reload_text: bool) -> None:
        """Re-read the comparison and every column, keeping the selected item."""
        if self._document_id is None or self._document is None:
            return
        current = self.current_item()
        key = current.key if current is not None else None
        store = self._session.store
        comparison = document_comparison(store, self._document_id)
        old_annotators = self._comparison.annotators if self._comparison else None
        self._comparison = comparison
        self.model.set_comparison(comparison, self._document)
        if comparison.annotators != old_annotators:
            self._rebuild_columns(comparison.annotators)
            reload_text = True
        spans = store.annotations.spans(self._document_id)
        scheme = self._session.scheme
        for column in self._columns:
            mine = [s for s in spans if s.annotator == column.name]
            column.show_spans(self._document, mine, scheme, reload_text)
            column.view.set_marks(marks_for(self.model.rows(), column.name))
            column.set_summary(self._column_summary(column.name, mine))
        self._update_counts()
        self._update_adjudicated_box()
        self._resize_table_columns()
        rows = self.model.rows()
        restored = next((i for i, r in enumerate(rows) if r.key == key), None)
        if key is not None and restored is not None:
            self.select_item(restored)
        elif key is not None:
            self.select_item(min(self.current_index(), len(rows) - 1))

    def _on_scheme_changed(self, _colors: UiColors) -> None:
        """The statuses and names in words and chips take the scheme's colours."""
        self._show_chips()
        rows = self.table.selectionModel().selectedRows()
        self._update_buttons(self.model.row(rows[0].row()) if rows else None)

    def _show_chips(self) -> None:
        self.chips.setText(
            " ".join(
                f"<span style='color:{css_color(column_color(c.name, c.position))}'>●</span>"
                f" {html.escape(isolated(c.name), quote=False)}&nbsp;&nbsp;"
                for c in self._columns[:-1]
            )
        )

    def _rebuild_columns(self, annotators: tuple[str, ...]) -> None:
        for column in self._columns:
            column.setParent(None)
            column.deleteLater()
        self._columns = []
        names = [*annotators, GOLD_ANNOTATOR]
        for position, name in enumerate(names):
            column = ComparisonColumn(name, position)
            column.view.span_clicked.connect(self._on_span_clicked)
            bar = column.view.verticalScrollBar()
            bar.valueChanged.connect(lambda v, view=column.view: self._on_scrolled(view, v))
            self.columns_splitter.addWidget(column)
            self._columns.append(column)
        self.columns_splitter.setSizes([1000] * len(names))
        self._show_chips()
        while self.accept_bar.count():
            item = self.accept_bar.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.accept_buttons = {}
        for name in annotators:
            button = QPushButton(f"Accept {name}'s version")
            button.clicked.connect(self._on_accept_clicked)
            self.accept_bar.addWidget(button)
            self.accept_buttons[name] = button

    def _column_summary(self, name: str, spans: list[Span]) -> str:
        stances = [
            s.stance
            for s in self._session.store.annotations.document_stances(self._document_id, [name])
        ]
        text = f"· {len(spans)} span{'s' if len(spans) != 1 else ''}"
        if stances:
            text += f" · document: {', '.join(stances)}"
        return text

    def _update_counts(self) -> None:
        rows = self.model.rows()
        self.counts.setText(counts_text(rows))
        self.next_step.setText(next_step_text(rows, self.adjudicated_box.isChecked()))
        self.accept_agreed_action.setEnabled(agreed_left(rows))

    def _update_adjudicated_box(self) -> None:
        done = self._document_id in self._session.store.documents.done_ids([GOLD_ANNOTATOR])
        blocked = self.adjudicated_box.blockSignals(True)
        self.adjudicated_box.setChecked(done)
        self.adjudicated_box.blockSignals(blocked)
        self.adjudicated_box.setEnabled(self._document_id is not None)

    def _refresh_chooser(self, full: bool) -> None:
        """Titles with ✓ when adjudicated and the number of open disagreements."""
        store = self._session.store
        summaries = store.documents.summaries()
        ids = [s.id for s in summaries]
        current_ids = [self.chooser.itemData(i) for i in range(self.chooser.count())]
        if ids != current_ids:
            full = True
        for summary in summaries:
            if full or summary.id == self._document_id or summary.id not in self._open_counts:
                comparison = document_comparison(store, summary.id)
                self._open_counts[summary.id] = open_disagreements(comparison)
        adjudicated = store.documents.done_ids([GOLD_ANNOTATOR])
        blocked = self.chooser.blockSignals(True)
        if ids != current_ids:
            self.chooser.clear()
            for summary in summaries:
                self.chooser.addItem("", summary.id)
        for index, summary in enumerate(summaries):
            title = chooser_title(
                summary.title or summary.id,
                summary.id in adjudicated,
                self._open_counts.get(summary.id, 0),
            )
            self.chooser.setItemText(index, title)
        if self._document_id is not None:
            self.chooser.setCurrentIndex(self.chooser.findData(self._document_id))
        self.chooser.blockSignals(blocked)

    def _show_selection(self, row: ComparisonRow | None) -> None:
        extent = row.extent if row is not None else None
        self._syncing = True
        try:
            for column in self._columns:
                if row is None:
                    column.view.set_selected_span(None)
                    continue
                spans = (
                    row.gold_spans() if column.name == GOLD_ANNOTATOR else row.spans_of(column.name)
                )
                column.view.set_selected_span(spans[0].id if spans else None)
                if extent is not None:
                    column.view.scroll_to(*extent)
        finally:
            self._syncing = False

    def _update_buttons(self, row: ComparisonRow | None) -> None:
        for annotator, button in self.accept_buttons.items():
            has = row is not None and (
                annotator in row.stance_item.stances
                if row.stance_item is not None
                else bool(row.spans_of(annotator))
            )
            button.setEnabled(has)
        self.reject_button.setEnabled(row is not None and row.in_gold)
        self.edit_button.setEnabled(
            row is not None and (row.stance_item is not None or bool(row.gold_spans()))
        )
        if row is None:
            self.selection_label.setText("<i>Select an item below, or press N.</i>")
            return
        color = status_text_color(row.status)
        gold = " · <b>in gold ✓</b>" if row.in_gold else ""
        self.selection_label.setText(
            f"<span style='color:{color}; font-weight:600'>{STATUS_TEXT[row.status]}</span>"
            f" · {html.escape(self.model.passage(row), quote=False)}{gold}"
        )

    def _resize_table_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 260 if column == 1 else 240)
