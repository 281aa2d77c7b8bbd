"""The agreement window's Documents tab: agreement per document, filtered to a pair or a label."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement.report import mean_of_defined
from annotator.core.plural import counted
from annotator.gui.review.agreement_table_model import (
    AgreementTableModel,
    Row,
    count_cell,
    number_cell,
    text_cell,
)
from annotator.gui.review.agreement_table_view import AgreementTableView, note_label
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import BackgroundJob
from annotator.gui.shell.job_progress import JobProgressDialog
from annotator.gui.shell.plain_text import plain_label
from annotator.services.agreement_service import (
    DEFINITIONS,
    PER_DOCUMENT_COLUMNS,
    compared_agreement,
)

# From this many annotations the report takes long enough (about 2.5 s per million spans,
# #15) to be computed on a worker thread, with progress and Cancel; below, a moment. A
# drill-down to a pair or a label (up to a second on an archive) goes there too.
BACKGROUND_FROM_SPANS = 20_000
DOCUMENT_COLUMNS = [*PER_DOCUMENT_COLUMNS, "Agreement"]
AGREEMENT_COLUMN = DOCUMENT_COLUMNS.index("Agreement")


class AgreementDocumentsTab(QWidget):
    """Documents lowest agreement first; `document_requested(id)` when one is opened."""

    document_requested = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._report: dict[str, Any] = {}
        self._job: BackgroundJob | None = None  # a drill-down computed on a worker
        self._shown: Callable[[dict[str, Any]], None] = lambda _report: None
        self.model = AgreementTableModel(DOCUMENT_COLUMNS, self)
        self.model.header_tooltips = {
            AGREEMENT_COLUMN: "Mean of span F1 (overlap) and stance agreement, whichever are "
            "defined. Lowest first: the documents to adjudicate.",
            6: dict(DEFINITIONS)["Percent agreement"],
        }
        self.table = AgreementTableView(self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.filter_label = plain_label()  # names a document or an annotator pair
        self.filter_label.setStyleSheet("font-weight: 600;")
        self.show_all_button = QPushButton("Show all documents")
        self.open_button = QPushButton("Show disagreements")
        self.open_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_label, 1)
        bar.addWidget(self.show_all_button)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            note_label("Double-click a document (or press Enter) to adjudicate its disagreements.")
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.show_all_button.clicked.connect(self.show_all_documents)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.table.activated.connect(self._on_document_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # -- what is listed --------------------------------------------------------------
    def set_report(self, report: dict[str, Any]) -> None:
        """Show every document of `report` (a `project_agreement` result)."""
        self._report = report
        self.show_all_documents()

    def show_all_documents(self) -> None:
        self._show_documents(self._report["by_document"], "All documents, lowest agreement first")
        self.show_all_button.setEnabled(False)

    def show_pair_documents(self, a: str, b: str) -> None:
        """List the documents `a` and `b` both annotated, where they disagree most first."""
        pair = {a, b}

        def shown(report: dict[str, Any]) -> None:
            shared = {
                doc: values
                for doc, values in report["by_document"].items()
                if pair <= set(values["annotators"])
            }
            self._show_documents(
                shared, f"{a} ↔ {b}: {counted(len(shared), 'shared document')}, lowest first"
            )

        self._compare(sorted(pair), None, shown, f"Comparing {a} and {b}")

    def show_label_documents(self, label: str) -> None:
        """List the documents with spans labelled `label`, lowest span agreement first."""

        def shown(report: dict[str, Any]) -> None:
            docs = {d: v for d, v in report["by_document"].items() if v["span_count"]}
            self._show_documents(
                docs, f"Label “{label}”: {counted(len(docs), 'document')}, lowest first"
            )

        self._compare(self._report["annotators"], label, shown, f"Comparing “{label}”")

    def is_comparing(self) -> bool:
        """True while a drill-down is computed on a worker."""
        return self._job is not None

    def _compare(
        self,
        annotators: list[str],
        label: str | None,
        shown: Callable[[dict[str, Any]], None],
        what: str,
    ) -> None:
        store = self._session.store
        self.show_all_button.setEnabled(True)
        if store.annotations.span_count() < BACKGROUND_FROM_SPANS:
            shown(compared_agreement(store, annotators, label=label))
            return
        if self._job is not None:  # a newer drill-down replaces the one under way
            self._job.cancel()
        job = BackgroundJob(
            store.path,
            lambda worker_store, _progress: compared_agreement(
                worker_store, annotators, label=label
            ),
            read_only=store.read_only,
        )
        self._job, self._shown = job, shown
        job.succeeded.connect(self._on_compared)
        job.failed.connect(self._on_compare_failed)
        job.finished.connect(self._on_compare_ended)
        JobProgressDialog(job, "Agreement", f"{what}…", self)
        job.start()

    def _on_compared(self, report: object) -> None:
        if self.sender() is self._job and isinstance(report, dict):
            self._shown(report)

    def _on_compare_failed(self, error: object) -> None:
        if self.sender() is self._job:
            QMessageBox.warning(self, "Agreement", f"The documents could not be compared: {error}")

    def _on_compare_ended(self) -> None:
        if self.sender() is self._job:
            self._job = None

    def visible_document_ids(self) -> list[str]:
        """Document ids in the order shown."""
        return self.table.keys_in_view_order()

    # -- slots -----------------------------------------------------------------------
    def _on_document_activated(self, index: QModelIndex) -> None:
        self.document_requested.emit(self.table.row_key(index))

    def _on_open_clicked(self) -> None:
        document_id = self._selected_document()
        if document_id is not None:
            self.document_requested.emit(document_id)

    def _on_selection_changed(self, *_: object) -> None:
        self.open_button.setEnabled(self._selected_document() is not None)

    # -- internals -------------------------------------------------------------------
    def selected_document(self) -> str | None:
        """The document selected in the table, if any."""
        return self._selected_document()

    def _selected_document(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        key: str = self.table.row_key(rows[0])
        return key

    def _show_documents(self, by_document: dict[str, Any], caption: str) -> None:
        titles = self._report.get("documents", {})
        rows = []
        for document_id, v in by_document.items():
            agreement = mean_of_defined((v["span_f1_overlap"], v["stance_agreement"]))
            rows.append(
                Row(
                    document_id,
                    [
                        text_cell(titles.get(document_id) or document_id, document_id),
                        text_cell(", ".join(v["annotators"])),
                        count_cell(v["span_count"]),
                        number_cell(v["span_f1_exact"], "no pair annotated spans here"),
                        number_cell(v["span_f1_overlap"], "no pair annotated spans here"),
                        count_cell(v["stance_units"]),
                        number_cell(v["stance_agreement"], "no stance rated twice"),
                        number_cell(agreement, "nothing to compare in this document"),
                    ],
                )
            )
        self.model.set_rows(rows)
        self.table.sortByColumn(AGREEMENT_COLUMN, Qt.SortOrder.AscendingOrder)
        self.filter_label.setText(caption)
        self.open_button.setEnabled(False)
