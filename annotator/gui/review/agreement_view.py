# Over 400 lines: its parts are in their own files (cards, tables, heat map, documents tab);
# what remains is one window's layout, refresh and drill-down to documents.
"""The agreement window: summary cards, pairwise and per-label tables, a heat map, per-document
agreement, and the way from any number to the documents behind it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.plural import counted
from annotator.gui.review.agreement_cards import SummaryCard
from annotator.gui.review.agreement_claims_tab import AgreementClaimsTab
from annotator.gui.review.agreement_documents_tab import (
    BACKGROUND_FROM_SPANS,
    AgreementDocumentsTab,
)
from annotator.gui.review.agreement_table_model import (
    AgreementTableModel,
    Row,
    count_cell,
    number_cell,
    text_cell,
)
from annotator.gui.review.agreement_table_view import AgreementTableView, note_label
from annotator.gui.review.pairwise_heatmap import PairwiseHeatmap
from annotator.gui.review.progress_table import ProgressPanel
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import BackgroundJob, JobCancelledError, Progress
from annotator.gui.shell.plain_text import literal, plain_label
from annotator.gui.shell.window_actions import AGREEMENT_ACTIONS, make_action, spec
from annotator.services.agreement_service import (
    AGREEMENT_STEPS,
    DEFINITIONS,
    AgreementCancelledError,
    project_agreement,
    render_html,
    render_markdown,
)
from annotator.services.atomic_write import atomic_output
from annotator.store.project_store import ProjectStore

REFRESH_DELAY_MS = (
    400  # coalesces a burst of edits (undo of a multi-span command) into one recompute
)
REPORT_FILTER = "Markdown (*.md);;HTML page (*.html)"
_DEFS = dict(DEFINITIONS)


def ask_report_path(parent: QWidget | None) -> Path | None:
    """Ask where to save the report (.md or .html); None when cancelled. Tests monkeypatch this."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export agreement report", "agreement-report.md", REPORT_FILTER
    )
    if not path:
        return None
    result = Path(path)
    if result.suffix.lower() not in (".md", ".html", ".htm"):
        result = result.with_suffix(".html" if chosen.startswith("HTML") else ".md")
    return result


def write_report(report: dict[str, Any], path: Path) -> None:
    """Write `report` as HTML (.html/.htm) or Markdown (anything else), atomically."""
    html = path.suffix.lower() in (".html", ".htm")
    text = render_html(report) if html else render_markdown(report)
    with atomic_output(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _few(names: list[str]) -> str | None:
    return "fewer than two annotators" if len(names) < 2 else None


class AgreementView(QWidget):
    """Non-modal window over one session; `disagreements_requested(document_id)` asks the
    main window to open that document's disagreements (adjudication)."""

    disagreements_requested = Signal(str)
    _open: ClassVar[dict[int, AgreementView]] = {}

    @classmethod
    def open_for(cls, session: ProjectSession, parent: QWidget | None = None) -> AgreementView:
        """Show (creating if needed) the one agreement window of `session`, raised."""
        view = cls._open.get(id(session))
        if view is None or view._session is not session:
            view = cls(session, parent)
            key = id(session)
            cls._open[key] = view
            view.destroyed.connect(lambda *_: cls._open.pop(key, None))
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Agreement — Annotator")
        self.resize(1300, 850)
        self._session = session
        self.report: dict[str, Any] = {}
        self._job: BackgroundJob | None = None
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._build()
        self._connect_signals()
        self.refresh()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.review_action = make_action(spec(AGREEMENT_ACTIONS, "review_disagreements"), self)
        self.addAction(self.review_action)
        title = QLabel("Inter-annotator agreement")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.subtitle = plain_label()  # annotator names
        self.subtitle.setProperty("tone", "muted")
        self.updated_label = QLabel("")
        self.updated_label.setProperty("tone", "faint")
        self.busy_label = QLabel("")
        self.busy_label.setProperty("tone", "muted")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, AGREEMENT_STEPS)  # the computation reports its steps
        self.busy_bar.setFixedWidth(140)
        self.busy_bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop computing; the figures shown stay as they were")
        self.cancel_button.clicked.connect(self.cancel_refresh)
        for widget in (self.busy_label, self.busy_bar, self.cancel_button):
            widget.hide()
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Recompute now (it also recomputes after every change)")
        self.export_button = QPushButton("Export report…")
        self.export_button.setToolTip(
            "Save the full report as Markdown or a self-contained HTML page"
        )
        header = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(title)
        heading.addWidget(self.subtitle)
        header.addLayout(heading, 1)
        header.addWidget(self.busy_label)
        header.addWidget(self.busy_bar)
        header.addWidget(self.cancel_button)
        header.addWidget(self.updated_label)
        header.addWidget(self.refresh_button)
        header.addWidget(self.export_button)

        self.cards: dict[str, SummaryCard] = {
            "annotators": SummaryCard("Annotators", "Everyone compared (the gold layer is not)."),
            "documents": SummaryCard("Documents", "Documents in the project."),
            "alpha": SummaryCard("Doc stance α", _DEFS["Krippendorff's alpha"]),
            "kappa": SummaryCard("Mean Cohen's κ", _DEFS["Cohen's kappa"]),
            "percent": SummaryCard("Percent agreement", _DEFS["Percent agreement"]),
            "f1_exact": SummaryCard("Span F1 exact", _DEFS["Span F1"]),
            "f1_overlap": SummaryCard("Span F1 overlap", _DEFS["Span F1"]),
            "span_stance": SummaryCard("Span stance α", _DEFS["Span stance"]),
        }
        card_row = QGridLayout()
        card_row.setHorizontalSpacing(10)
        for column, card in enumerate(self.cards.values()):
            card_row.addWidget(card, 0, column)
            card_row.setColumnStretch(column, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Progress first: who has finished what is the coordinator's first question.
        self.progress_panel = ProgressPanel(self._session)
        self.tabs.addTab(self.progress_panel, "Progress")
        self.tabs.addTab(self._build_stance_tab(), "Document stance")
        self.tabs.addTab(self._build_spans_tab(), "Spans")
        self.tabs.addTab(self._build_pairs_tab(), "Pairs")
        self.documents_tab = AgreementDocumentsTab(self._session)
        self.tabs.addTab(self.documents_tab, "Documents")
        self.claims_tab = AgreementClaimsTab()
        self.tabs.addTab(self.claims_tab, "Claims")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(card_row)
        layout.addWidget(self.tabs, 1)

    def _build_stance_tab(self) -> QWidget:
        self.stance_model = AgreementTableModel(
            ["Annotator A", "Annotator B", "Shared units", "Cohen's κ", "Percent agreement"], self
        )
        self.stance_model.header_tooltips = {
            3: _DEFS["Cohen's kappa"],
            4: _DEFS["Percent agreement"],
        }
        self.stance_table = AgreementTableView(self.stance_model)
        self.stance_summary = note_label()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.stance_summary)
        layout.addWidget(self.stance_table, 1)
        layout.addWidget(note_label("Double-click a pair to list the documents it disagrees on."))
        return page

    def _build_spans_tab(self) -> QWidget:
        self.spans_model = AgreementTableModel(["Label", "Spans", "F1 exact", "F1 overlap"], self)
        self.spans_model.header_tooltips = {2: _DEFS["Span matching"], 3: _DEFS["Span matching"]}
        self.spans_table = AgreementTableView(self.spans_model)
        self.spans_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # labels A→Z, not Z→A
        self.spans_summary = note_label()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.spans_table, 1)
        layout.addWidget(self.spans_summary)
        layout.addWidget(note_label("Double-click a label to list the documents where it differs."))
        return page

    def _build_pairs_tab(self) -> QWidget:
        self.heatmap = PairwiseHeatmap()
        self.ranking_model = AgreementTableModel(
            ["Annotator A", "Annotator B", "Agreement", "Cohen's κ", "Span F1 overlap"], self
        )
        self.ranking_model.header_tooltips = {2: _DEFS["Most disagreeing pairs"]}
        self.ranking_table = AgreementTableView(self.ranking_model)
        self.ranking_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        title = QLabel("Pairs, most disagreeing first")
        title.setStyleSheet("font-weight: 600;")
        side = QVBoxLayout()
        side.addWidget(title)
        side.addWidget(self.ranking_table, 1)
        side.addWidget(note_label(_DEFS["Most disagreeing pairs"]))
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.addWidget(self.heatmap, 1)
        layout.addLayout(side, 1)
        return page

    def _connect_signals(self) -> None:
        # project changes: recompute, debounced
        self._session.connect_annotations_changed(self._on_project_changed)
        self._session.claims_changed.connect(self._on_project_changed)
        self._timer.timeout.connect(self._on_timer)
        # buttons
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_report)
        # drilling down
        self.stance_table.activated.connect(self._on_pair_row_activated)
        self.spans_table.activated.connect(self._on_label_row_activated)
        self.heatmap.pair_activated.connect(self.show_pair_documents)
        self.ranking_table.activated.connect(self._on_ranking_row_activated)
        self.review_action.triggered.connect(self._on_review_disagreements)
        self.documents_tab.document_requested.connect(self.disagreements_requested)
        self.progress_panel.document_requested.connect(self.disagreements_requested)

    def _on_review_disagreements(self) -> None:
        """Ctrl+Shift+R here as in the main window: the selected document, else ("") the
        review window's own choice."""
        self.disagreements_requested.emit(self.documents_tab.selected_document() or "")

    # -- computing -------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute from the project now (on a worker thread for a large project)."""
        self._timer.stop()
        self._dirty = False
        store = self._session.store
        spans = store.annotations.span_count()
        if spans < BACKGROUND_FROM_SPANS:
            self._show_report(project_agreement(store))
            return
        self.cancel_refresh()  # a newer state of the project replaces the job under way
        job = BackgroundJob(store.path, _agreement_job, read_only=store.read_only)
        job.progressed.connect(self._on_job_progressed)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        self._job = job
        self.busy_label.setText(f"Computing agreement over {spans:,} annotations…")
        self.busy_bar.setValue(0)
        self._set_busy(True)
        job.start()

    def cancel_refresh(self) -> None:
        """Drop the computation under way (it reads only: nothing is left half done)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._set_busy(False)

    def is_computing(self) -> bool:
        return self._job is not None

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.busy_label, self.busy_bar, self.cancel_button):
            widget.setVisible(busy)
        self.refresh_button.setEnabled(not busy)

    def _on_job_progressed(self, done: int, _total: int) -> None:
        if self.sender() is self._job:
            self.busy_bar.setValue(done)

    def _on_job_succeeded(self, report: object) -> None:
        if self.sender() is not self._job:
            return  # a cancelled or superseded job's figures
        self._job = None
        self._set_busy(False)
        assert isinstance(report, dict)
        self._show_report(report)

    def _on_job_failed(self, error: object) -> None:
        if self.sender() is not self._job:
            return
        self._job = None
        self._set_busy(False)
        QMessageBox.warning(self, "Agreement", f"The agreement could not be computed: {error}")

    def _show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self._show_summary()
        self._show_stance_pairs()
        self._show_spans()
        self.heatmap.model.set_report(self.report)
        self._show_ranking()
        self.documents_tab.set_report(self.report)
        self.claims_tab.set_report(self.report)
        self.updated_label.setText(f"Updated {datetime.now():%H:%M:%S}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_refresh()  # the job ends on its own; its result is dropped
        super().closeEvent(event)

    def _on_project_changed(self, *_args: object) -> None:
        self._timer.start()

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True  # recompute when shown again, not while nobody looks

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def _show_summary(self) -> None:
        r = self.report
        names: list[str] = r["annotators"]
        ds, sp, ss, gold = r["document_stance"], r["spans"], r["span_stance"], r["gold"]
        few = _few(names)
        pairs = len(ds["pairwise"])
        self.subtitle.setText(
            f"{', '.join(names) or 'No annotators yet'} · {gold['documents']} documents · "
            f"{gold['adjudicated_documents']} adjudicated · gold layer not compared"
        )
        c = self.cards
        c["annotators"].set_count(len(names), ", ".join(names) or "nobody has annotated")
        c["documents"].set_count(gold["documents"], f"{gold['adjudicated_documents']} adjudicated")
        c["alpha"].set_coefficient(
            ds["krippendorff_alpha"],
            "no unit was rated twice" if not ds["pairable_units"] else "every rating is the same",
            f"{ds['pairable_units']} of {ds['units']} units rated twice",
        )
        defined_kappas = sum(1 for p in ds["pairwise"] if p["cohen_kappa"] is not None)
        c["kappa"].set_coefficient(
            ds["cohen_kappa"],
            few or "no pair has a defined kappa (no shared units, or no variation)",
            f"{defined_kappas} of {pairs} pairs defined",
        )
        c["percent"].set_coefficient(
            ds["percent_agreement"], "no unit was rated twice", "not chance-corrected"
        )
        span_reason = few or "no pair annotated spans in a shared document"
        c["f1_exact"].set_coefficient(sp["f1_exact"], span_reason, "same start and end")
        c["f1_overlap"].set_coefficient(sp["f1_overlap"], span_reason, "share a character")
        c["span_stance"].set_coefficient(
            ss["krippendorff_alpha"],
            "no matched spans carry two stances" if not ss["units"] else "every stance is the same",
            f"{counted(ss['units'], 'matched group')}",
        )

    def _show_stance_pairs(self) -> None:
        ds = self.report["document_stance"]
        rows = [
            Row(
                (p["a"], p["b"]),
                [
                    text_cell(p["a"]),
                    text_cell(p["b"]),
                    count_cell(p["units"]),
                    number_cell(
                        p["cohen_kappa"],
                        "no shared units"
                        if not p["units"]
                        else "no variation: read percent agreement",
                    ),
                    number_cell(p["percent_agreement"], "no shared units"),
                ],
            )
            for p in ds["pairwise"]
        ]
        self.stance_model.set_rows(rows)
        self.stance_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        fleiss = ds["fleiss_kappa"]
        fleiss_text = f"{fleiss:.3f}" if fleiss is not None else f"— ({ds['fleiss_kappa_reason']})"
        self.stance_summary.setText(
            f"{ds['units']} stance units (document × target), {ds['pairable_units']} rated by two "
            f"or more annotators. Fleiss' κ {fleiss_text}."
        )

    def _show_ranking(self) -> None:
        rows = [
            Row(
                (p["a"], p["b"]),
                [
                    text_cell(p["a"]),
                    text_cell(p["b"]),
                    number_cell(p["agreement"], "nothing to compare"),
                    number_cell(p["document_stance_cohen_kappa"], "undefined for this pair"),
                    number_cell(p["span_f1_overlap"], "no spans in shared documents"),
                ],
            )
            for p in self.report["most_disagreeing_pairs"]
        ]
        self.ranking_model.set_rows(rows)
        self.ranking_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)

    def _show_spans(self) -> None:
        sp, ss = self.report["spans"], self.report["span_stance"]
        few = _few(self.report["annotators"]) or "no pair with this label"
        rows = [
            Row(
                None,
                [
                    text_cell("All labels"),
                    count_cell(sum(v["count"] for v in sp["by_label"].values())),
                    number_cell(sp["f1_exact"], few),
                    number_cell(sp["f1_overlap"], few),
                ],
            )
        ]
        for label, values in sp["by_label"].items():
            rows.append(
                Row(
                    label,
                    [
                        text_cell(label),
                        count_cell(values["count"]),
                        number_cell(values["f1_exact"], few),
                        number_cell(values["f1_overlap"], few),
                    ],
                )
            )
        self.spans_model.set_rows(rows)
        alpha = ss["krippendorff_alpha"]
        self.spans_summary.setText(
            f"Span stance: Krippendorff's α "
            f"{f'{alpha:.3f}' if alpha is not None else '— (undefined)'} over {ss['units']} "
            "groups of spans matched across annotators (overlap)."
        )

    # -- drilling down to the documents tab ------------------------------------------
    def show_pair_documents(self, a: str, b: str) -> None:
        """Show the Documents tab listing what `a` and `b` both annotated, lowest first."""
        self.documents_tab.show_pair_documents(a, b)
        self.tabs.setCurrentWidget(self.documents_tab)

    def show_label_documents(self, label: str) -> None:
        """Show the Documents tab listing the documents with spans labelled `label`."""
        self.documents_tab.show_label_documents(label)
        self.tabs.setCurrentWidget(self.documents_tab)

    def _on_pair_row_activated(self, index: QModelIndex) -> None:
        a, b = self.stance_table.row_key(index)
        self.show_pair_documents(a, b)

    def _on_ranking_row_activated(self, index: QModelIndex) -> None:
        a, b = self.ranking_table.row_key(index)
        self.show_pair_documents(a, b)

    def _on_label_row_activated(self, index: QModelIndex) -> None:
        label = self.spans_table.row_key(index)
        if label is None:
            self.documents_tab.show_all_documents()
            self.tabs.setCurrentWidget(self.documents_tab)
        else:
            self.show_label_documents(label)

    # -- the report ------------------------------------------------------------------
    def export_report(self) -> bool:
        """Ask for a path and write the report shown (Markdown or HTML by its suffix)."""
        path = ask_report_path(self)
        if path is None:
            return False
        try:
            write_report(self.report, path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Report not written",
                literal(f"Nothing was written to {path}.\n\n{exc.strerror or exc}"),
            )
            return False
        self.updated_label.setText(f"Report written to {path.name}")
        return True


def _agreement_job(store: ProjectStore, progress: Progress) -> dict[str, Any]:
    """The worker's work: the report, stopping at the next step once Cancel was pressed."""
    try:
        return project_agreement(store, progress=progress)
    except AgreementCancelledError as exc:
        raise JobCancelledError() from exc
