# Over 400 lines: one form whose parts depend on each other (format, options, scope,
# destination); the writing itself is in services.
"""The export dialog: format, whose annotations, which documents, format options, where to.

The export itself runs on a worker thread (its own read-only connection) behind a
progress dialog with Cancel; the writers are atomic, so a cancelled or failed export
leaves nothing behind.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from annotator import install_hint
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.plural import counted
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.background_job import BackgroundJob, JobCancelledError, JobProgress, Work
from annotator.gui.shell.job_progress import JobProgressDialog
from annotator.gui.shell.plain_text import literal
from annotator.services.export import ExportCancelledError, export_project
from annotator.services.formats import EXPORTERS, ExportReport
from annotator.services.formats.labelstudio import CONFIG_SUFFIX
from annotator.store.project_store import ProjectStore


@dataclass(frozen=True, slots=True)
class FormatInfo:
    name: str
    description: str
    suffix: str  # "" for a folder
    module: str = ""  # optional dependency to check for
    extra: str = ""  # the pip extra that installs it


FORMATS: dict[str, FormatInfo] = {
    "jsonl": FormatInfo(
        "Annotator JSONL", "everything, lossless; imports back into Annotator", ".jsonl"
    ),
    "csv": FormatInfo("CSV", "one row per annotation, for spreadsheets", ".csv"),
    "doccano": FormatInfo("doccano JSONL", "for a doccano project of the chosen type", ".jsonl"),
    "labelstudio": FormatInfo(
        "Label Studio JSON",
        "tasks and their labelling config, for Label Studio",
        ".json",
    ),
    "brat": FormatInfo("brat standoff", "a folder of .txt + .ann pairs, for brat", ""),
    "conll": FormatInfo(
        "CoNLL BIO", "token tags, one label layer, for sequence-labelling tools", ".conll"
    ),
    "spacy": FormatInfo("spaCy DocBin", "training data for spaCy", ".spacy", "spacy", "spacy"),
    "parquet": FormatInfo(
        "Apache Parquet", "one row per annotation, for pandas or DuckDB", ".parquet", "pyarrow",
        "parquet",
    ),
}  # fmt: skip
WHOSE_ALL, WHOSE_CHOSEN, WHOSE_GOLD = "all", "chosen", "gold"
ONLY_DONE = "Only documents marked done"
ONLY_DONE_TIP = "Documents marked done by any of the chosen annotators"
ONLY_ADJUDICATED = "Only adjudicated documents"
ONLY_ADJUDICATED_TIP = (
    "Documents marked adjudicated in Review Disagreements; untick to export every"
    " document's gold layer, empty where nobody has reviewed it"
)


def format_info(key: str) -> FormatInfo:
    return FORMATS.get(key, FormatInfo(key, f"the {key} format", f".{key}"))


def missing_dependency(key: str) -> str | None:
    """A message when `key`'s optional library is not installed, else None (imports nothing)."""
    info = format_info(key)
    if not info.module:
        return None
    try:
        if info.module in sys.modules:
            present = sys.modules[info.module] is not None
        else:
            present = importlib.util.find_spec(info.module) is not None
    except (ImportError, ValueError):
        present = False
    if present:
        return None
    return (
        f"{info.name} export needs {info.module}, which is not installed. "
        f"Install it with: {install_hint(info.extra)}"
    )


def ask_output_path(parent: QWidget | None, key: str, suggestion: str) -> Path | None:
    """Ask for the output file (or folder, for brat); None when cancelled. Tests monkeypatch."""
    info = format_info(key)
    if not info.suffix:
        folder = QFileDialog.getExistingDirectory(parent, f"Export {info.name} into folder")
        return Path(folder) / f"{Path(suggestion).name}" if folder else None
    file_filter = f"{info.name} (*{info.suffix});;All files (*)"
    path, _ = QFileDialog.getSaveFileName(parent, f"Export {info.name}", suggestion, file_filter)
    return Path(path) if path else None


def show_export_result(
    parent: QWidget | None, title: str, summary: str, warnings: list[str]
) -> None:
    """The outcome, with the writer's warnings in a scrollable list. Tests monkeypatch this."""
    if not warnings:
        QMessageBox.information(parent, title, literal(summary))
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(640, 360)
    text = QPlainTextEdit("\n\n".join(f"• {w}" for w in warnings))
    text.setReadOnly(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    headline = QLabel(f"{summary}\n\nWhat the format could not carry:")
    headline.setWordWrap(True)
    layout.addWidget(headline)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    dialog.exec()


def show_export_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, "Export failed", literal(text))


class ExportDialog(QDialog):
    """Choose and run one export. Tests drive `accept_with(...)` instead of exec()."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.setMinimumWidth(620)
        self._session = session
        self.report: ExportReport | None = None
        self._job: BackgroundJob | None = None
        self._path = Path()
        self._path_edited = False
        names = session.store.annotations.annotators()
        self._annotators = [n for n in names if n != GOLD_ANNOTATOR]
        self._has_gold = GOLD_ANNOTATOR in names
        self._build()
        self._connect_signals()
        self._on_format_chosen()
        self._update_labelstudio_note()
        self._on_whose_chosen()

    @classmethod
    def run(cls, parent: QWidget | None, session: ProjectSession) -> bool:
        """Show the dialog; True when an export was written."""
        dialog = cls(session, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.format_box = QComboBox()
        for key in EXPORTERS:
            info = format_info(key)
            self.format_box.addItem(f"{info.name} — {info.description}", key)
        self.dependency_label = QLabel()
        self.dependency_label.setWordWrap(True)
        self.dependency_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label = self.dependency_label
        ui_colors.follow(
            label,
            lambda c: label.setStyleSheet(
                f"color: {c.error_box_text}; background: {c.error_box};"
                f" border: 1px solid {c.error_box_border}; border-radius: 4px; padding: 6px;"
            ),
        )
        self.dependency_label.hide()

        # whose annotations
        self.whose_all = QRadioButton("All annotators")
        self.whose_chosen = QRadioButton("Only these annotators:")
        self.whose_gold = QRadioButton("Gold layer only (adjudicated)")
        self.whose_gold.setEnabled(self._has_gold)
        if not self._has_gold:
            self.whose_gold.setToolTip("Nothing has been adjudicated yet.")
        self.whose_group = QButtonGroup(self)
        for button, key in (
            (self.whose_all, WHOSE_ALL),
            (self.whose_chosen, WHOSE_CHOSEN),
            (self.whose_gold, WHOSE_GOLD),
        ):
            button.setProperty("whose", key)
            self.whose_group.addButton(button)
        self.whose_all.setChecked(True)
        self.annotator_list = QListWidget()
        self.annotator_list.setMaximumHeight(min(96, 8 + 22 * max(len(self._annotators), 1)))
        for name in self._annotators:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.annotator_list.addItem(item)
        self.only_done = QCheckBox(ONLY_DONE)
        self.only_done.setToolTip(ONLY_DONE_TIP)
        whose = QGroupBox("Annotations")
        whose_layout = QVBoxLayout(whose)
        whose_layout.addWidget(self.whose_all)
        whose_layout.addWidget(self.whose_chosen)
        whose_layout.addWidget(self.annotator_list)
        whose_layout.addWidget(self.whose_gold)
        whose_layout.addSpacing(4)
        whose_layout.addWidget(self.only_done)

        # format options, one group per format that has any
        self.csv_bom = QCheckBox("Start with a byte order mark (Excel reads the file as UTF-8)")
        self.csv_raw = QCheckBox("Raw cells (unsafe: a cell starting with = may run as a formula)")
        # doccano reads different keys per project type (intent reads spans from "entities")
        self.doccano_project = QComboBox()
        for text, key in (
            ("Sequence labeling (spans in “label”)", "sequence-labeling"),
            (
                "Intent detection and slot filling (spans in “entities”, classes in “cats”)",
                "intent",
            ),
            ("Sequence labeling with relations (“entities” and “relations” objects)", "relation"),
            ("Text classification (document stances as classes; no spans)", "classification"),
        ):
            self.doccano_project.addItem(text, key)
        self.doccano_per_annotator = QCheckBox(
            "One file per annotator (doccano has no annotator field)"
        )
        self.labelstudio_config = QLabel()
        self.labelstudio_config.setTextFormat(Qt.TextFormat.PlainText)  # holds a file name
        self.labelstudio_config.setWordWrap(True)
        self.labelstudio_users = QComboBox()
        self.labelstudio_users.addItem(
            "Leave annotators out (imports into any project; names kept for Annotator)", "omit"
        )
        self.labelstudio_users.addItem(
            "Annotators as NAME@annotator.invalid (the project must have these members)", "email"
        )
        self.conll_annotator = QComboBox()
        self.conll_annotator.addItem("Everyone's spans in one layer (overlaps dropped)", None)
        for name in [*self._annotators, *([GOLD_ANNOTATOR] if self._has_gold else [])]:
            self.conll_annotator.addItem(name, name)
        self.option_groups: dict[str, QGroupBox] = {
            "csv": self._group("CSV options", [self.csv_bom, self.csv_raw]),
            "doccano": self._group(
                "doccano options",
                [QLabel("Project type:"), self.doccano_project, self.doccano_per_annotator],
            ),
            "labelstudio": self._group(
                "Label Studio options",
                [self.labelstudio_config, QLabel("Annotators:"), self.labelstudio_users],
            ),
            "conll": self._group(
                "CoNLL options", [QLabel("Whose label layer:"), self.conll_annotator]
            ),
        }

        # where
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Choose where to write the export")
        self.browse_button = QPushButton("Choose…")
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)
        self.path_label = QLabel("File:")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top.addRow("Format:", self.format_box)
        bottom = QFormLayout()
        bottom.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        bottom.addRow(self.path_label, where)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.dependency_label)
        layout.addWidget(whose)
        for group in self.option_groups.values():
            layout.addWidget(group)
        layout.addStretch(1)
        layout.addLayout(bottom)
        layout.addWidget(self.buttons)

    def _group(self, title: str, widgets: list[QWidget]) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        for widget in widgets:
            layout.addWidget(widget)
        return group

    def _connect_signals(self) -> None:
        self.format_box.currentIndexChanged.connect(self._on_format_chosen)
        self.whose_group.buttonToggled.connect(self._on_whose_chosen)
        self.annotator_list.itemChanged.connect(lambda _item: self._update_export_button())
        self.path_edit.textEdited.connect(self._on_path_edited)
        self.path_edit.textChanged.connect(lambda _text: self._update_export_button())
        self.path_edit.textChanged.connect(lambda _text: self._update_labelstudio_note())
        self.browse_button.clicked.connect(self._on_browse)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)

    # -- state -----------------------------------------------------------------------
    @property
    def format_key(self) -> str:
        key: str = self.format_box.currentData()
        return key

    def whose(self) -> str:
        checked = self.whose_group.checkedButton()
        return str(checked.property("whose")) if checked is not None else WHOSE_ALL

    def selected_annotators(self) -> list[str] | None:
        """The annotators to export; None means everyone (used when there is no gold layer)."""
        whose = self.whose()
        if whose == WHOSE_GOLD:
            return [GOLD_ANNOTATOR]
        if whose == WHOSE_CHOSEN:
            return [
                self.annotator_list.item(i).text()
                for i in range(self.annotator_list.count())
                if self.annotator_list.item(i).checkState() == Qt.CheckState.Checked
            ]
        # "All annotators" are the people: the gold layer is exported on its own
        return list(self._annotators) if self._has_gold else None

    def options(self) -> dict[str, Any]:
        """The writer options for the chosen format (names as the writers take them)."""
        key = self.format_key
        if key == "csv":
            return {"bom": self.csv_bom.isChecked(), "raw": self.csv_raw.isChecked()}
        if key == "doccano":
            return {
                "project": self.doccano_project.currentData(),
                "per_annotator": self.doccano_per_annotator.isChecked(),
            }
        if key == "labelstudio":
            return {"users": self.labelstudio_users.currentData()}
        if key == "conll":
            return {"annotator": self.conll_annotator.currentData()}
        return {}

    def suggested_path(self) -> Path:
        info = format_info(self.format_key)
        project = self._session.store.path
        if not info.suffix:
            return project.with_name(f"{project.stem}-{self.format_key}")
        stem = project.stem + ("" if self.format_key == "jsonl" else f"-{self.format_key}")
        return project.with_name(stem + info.suffix)

    def _update_labelstudio_note(self) -> None:
        name = Path(self.path_edit.text() or "tasks.json").stem + CONFIG_SUFFIX
        self.labelstudio_config.setText(
            f"The labelling configuration is written beside the tasks as {name}: paste it into "
            "the Label Studio project's Settings → Labeling Interface before importing the tasks."
        )

    def _on_format_chosen(self, _index: int = 0) -> None:
        key = self.format_key
        for name, group in self.option_groups.items():
            group.setVisible(name == key)
        missing = missing_dependency(key)
        self.dependency_label.setText(missing or "")
        self.dependency_label.setVisible(missing is not None)
        self.path_label.setText("Folder:" if not format_info(key).suffix else "File:")
        if not self._path_edited:
            self.path_edit.setText(str(self.suggested_path()))
        self._update_export_button()
        self.adjustSize()

    def _on_whose_chosen(self, *_args: object) -> None:
        self.annotator_list.setEnabled(self.whose() == WHOSE_CHOSEN)
        # The gold layer of a document nobody reviewed is empty, not "no annotations":
        # exporting it would read as gold saying there is nothing there (issue #13).
        gold = self.whose() == WHOSE_GOLD
        if gold != (self.only_done.text() == ONLY_ADJUDICATED):
            self.only_done.setText(ONLY_ADJUDICATED if gold else ONLY_DONE)
            self.only_done.setToolTip(ONLY_ADJUDICATED_TIP if gold else ONLY_DONE_TIP)
            self.only_done.setChecked(gold)
        self._update_export_button()

    def _on_path_edited(self, _text: str) -> None:
        self._path_edited = True

    def _on_browse(self) -> None:
        chosen = ask_output_path(self, self.format_key, self.path_edit.text())
        if chosen is not None:
            self._path_edited = True
            self.path_edit.setText(str(chosen))

    def _update_export_button(self) -> None:
        ready = (
            missing_dependency(self.format_key) is None
            and bool(self.path_edit.text().strip())
            and self.selected_annotators() != []
        )
        self.export_button.setEnabled(ready)

    # -- exporting -------------------------------------------------------------------
    def accept_with(
        self,
        format: str,
        path: Path | str,
        *,
        whose: str = WHOSE_ALL,
        annotators: list[str] | None = None,
        only_done: bool | None = None,
        **options: Any,
    ) -> ExportReport | None:
        """Set the widgets as a user would, then export (for tests and scripted use).
        `only_done` None leaves the dialog's default: on for the gold layer, else off."""
        self.format_box.setCurrentIndex(self.format_box.findData(format))
        {WHOSE_ALL: self.whose_all, WHOSE_CHOSEN: self.whose_chosen, WHOSE_GOLD: self.whose_gold}[
            whose
        ].setChecked(True)
        if annotators is not None:
            for i in range(self.annotator_list.count()):
                item = self.annotator_list.item(i)
                wanted = item.text() in annotators
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        if only_done is not None:
            self.only_done.setChecked(only_done)
        if "bom" in options:
            self.csv_bom.setChecked(bool(options["bom"]))
        if "raw" in options:
            self.csv_raw.setChecked(bool(options["raw"]))
        if "project" in options:
            self.doccano_project.setCurrentIndex(self.doccano_project.findData(options["project"]))
        if "users" in options:
            self.labelstudio_users.setCurrentIndex(
                self.labelstudio_users.findData(options["users"])
            )
        if "per_annotator" in options:
            self.doccano_per_annotator.setChecked(bool(options["per_annotator"]))
        if "annotator" in options:
            self.conll_annotator.setCurrentIndex(
                self.conll_annotator.findData(options["annotator"])
            )
        self._path_edited = True
        self.path_edit.setText(str(path))
        report = self.export_now()
        if report is not None:
            self.accept()
        return report

    def _on_export_clicked(self) -> None:
        self.start_export()  # the dialog closes itself once the export is written

    def export_now(self) -> ExportReport | None:
        """Export with the current choices and wait for it (scripted use): the report, or
        None (cancelled or failed: reported). The window keeps processing events."""
        job = self.start_export()
        if job is None:
            return None
        self.wait_for_export()
        return self.report

    def start_export(self) -> BackgroundJob | None:
        """Start exporting on a worker thread, behind a progress dialog with Cancel.

        The writers write to a temporary file (or folder) renamed into place only when
        complete, so a cancelled or failed export leaves nothing, not even a partial file.
        """
        missing = missing_dependency(self.format_key)
        if missing:
            show_export_error(self, missing)
            return None
        text = self.path_edit.text().strip()
        if not text:
            show_export_error(self, "Choose where to write the export.")
            return None
        annotators = self.selected_annotators()
        if annotators == []:
            show_export_error(self, "Choose at least one annotator.")
            return None
        path = Path(text).expanduser()
        self.report = None
        work = _export_work(
            self.format_key, path, annotators, self.only_done.isChecked(), self.options()
        )
        store = self._session.store
        # writes=True: once the file is renamed into place, a late Cancel cannot unwrite it.
        job = BackgroundJob(store.path, work, read_only=store.read_only, writes=True)
        job.succeeded.connect(self._on_exported)
        job.failed.connect(self._on_export_failed)
        job.finished.connect(self._on_export_ended)
        count = self._session.store.documents.count()
        JobProgressDialog(job, "Export", f"Exporting {counted(count, 'document')}…", self)
        self._job, self._path = job, path
        self.export_button.setEnabled(False)
        job.start()
        return job

    def wait_for_export(self) -> None:
        """Let the export under way end and deliver its outcome."""
        job = self._job
        if job is None:
            return
        job.wait()
        while self._job is job:  # its queued signals, then `finished`
            QCoreApplication.processEvents()

    def is_exporting(self) -> bool:
        return self._job is not None

    def _on_export_ended(self) -> None:
        job = self._job  # (see JobSlot: not sender(); the job may be deleted already)
        if job is not None and (not Shiboken.isValid(job) or job.isFinished()):
            self._job = None
            self._update_export_button()

    def _on_export_failed(self, error: object) -> None:
        if self._job is None or self._job.is_dropped():
            return
        detail = error if isinstance(error, AnnotatorError | OSError | ValueError) else repr(error)
        show_export_error(self, f"Nothing was written.\n\n{detail}")

    def _on_exported(self, report: object) -> None:
        if self._job is None or self._job.is_dropped():
            return
        assert isinstance(report, ExportReport)
        self._job = None
        self.report = report
        written = report.paths or [self._path]
        where = "\n".join(str(p) for p in written)
        summary = report.summary()
        if self.only_done.isChecked():
            left_out = self._session.store.documents.count() - report.documents
            if left_out:
                why = "not adjudicated" if self.whose() == WHOSE_GOLD else "not marked done"
                noun = "document" if left_out == 1 else "documents"
                summary += f"\n{left_out} {noun} left out: {why}."
        show_export_result(self, "Export complete", f"{summary}\n\n{where}", report.warnings)
        self.accept()

    def done(self, result: int) -> None:
        """Closing the dialog (Esc, the window's close button) while exporting cancels the
        export and waits for it: the temporary file is removed, nothing is written."""
        if self._job is not None:
            self._job.drop()
            self._job.wait()
            self._job = None
        super().done(result)


def _export_work(
    format: str, path: Path, annotators: list[str] | None, only_done: bool, options: dict[str, Any]
) -> Work:
    """The worker's export, on its own read-only connection to the project."""

    def work(store: ProjectStore, progress: JobProgress) -> ExportReport:
        try:
            return export_project(
                store,
                format,
                path,
                annotators=annotators,
                only_done=only_done,
                progress=progress,
                **options,
            )
        except ExportCancelledError as exc:
            raise JobCancelledError() from exc

    return work
