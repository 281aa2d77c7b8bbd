# Over 400 lines: the header (chooser, metadata, done, one stance row per target) and the
# view it keeps in step with the session are one widget; the header is next to split out.
"""One column of the pane area: document chooser, metadata, my progress and stance, the text.

The pane keeps its DocumentView in step with the session: span changes are applied
incrementally; scheme, visibility and external changes reload the document.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import NotFoundError
from annotator.core.model import Span
from annotator.gui.commands import SetDocumentStanceCommand, SetDoneCommand
from annotator.gui.reading.claim_linked_view import ClaimLinkedView
from annotator.gui.reading.claim_marks import ClaimMark
from annotator.gui.reading.document_list_model import (
    DocumentIdRole,
    DocumentListModel,
    TitleRole,
)
from annotator.gui.reading.eliding import ElidedLabel, MiddleElidingComboBox
from annotator.gui.reading.stance_row import Chip, StanceChoice, StanceRow, letter_for
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.plain_text import isolated, literal

NO_STANCE = ""  # the button meaning "no document stance"

NO_STANCE_COLOUR = "#5f6368"  # a neutral grey; its letter is lightened to read in dark
_HEADER_STYLE = """
QFrame#paneHeader { background: palette(window); border-bottom: 1px solid palette(mid); }
QFrame#paneHeader[active="true"] { background: palette(alternate-base);
                                   border-bottom: 2px solid @accent@; }
QLabel#paneMeta { color: palette(placeholder-text); }
QToolButton[stance] { border: 1px solid palette(mid); padding: 2px 9px; background: palette(base);
                      border-radius: 0px; margin: 0px; }
QToolButton[stance]:hover { background: palette(button); }
QToolButton[stance]:checked { color: white; font-weight: bold; }
QLabel[chip="true"] { border-radius: 8px; padding: 1px 7px; color: white; }
"""


class DocumentPane(QWidget):
    """Header (document, metadata, done, document stance) over a DocumentView."""

    document_changed = Signal(str)
    activated = Signal()
    close_requested = Signal()

    def __init__(
        self,
        session: ProjectSession,
        model: DocumentListModel | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._model = model or DocumentListModel(session, self)
        self._document_id = ""
        self._active = False
        self._build()
        self._rebuild_stance_buttons()
        self._connect_signals()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        ui_colors.follow(
            self, lambda c: self.setStyleSheet(_HEADER_STYLE.replace("@accent@", c.accent))
        )
        self.header = QFrame(self)
        self.header.setObjectName("paneHeader")
        self.header.setProperty("active", False)

        self.combo = MiddleElidingComboBox(self.header, TitleRole)
        # Every entry the same height, and a list that drops down (combobox-popup: 0): the
        # popup sized itself to the widest of every entry, reading the summary and counts
        # of each of an archive's 10,000 documents (5 s), where a screenful shows (#15).
        # Both before the model: a style sheet set after it lays out all 10,000 at once.
        chooser_list = QListView(self.combo)
        chooser_list.setUniformItemSizes(True)
        self.combo.setView(chooser_list)
        self.combo.setStyleSheet("QComboBox { combobox-popup: 0; }")
        self.combo.setModel(self._model)
        chooser_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.close_button = QToolButton(self.header)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAutoRaise(True)

        self.meta_label = ElidedLabel(self.header)  # outlet · date · address
        self.meta_label.setObjectName("paneMeta")
        self.done_box = QCheckBox("Done", self.header)
        self.done_box.setToolTip("Mark this document done for you")

        # Caption, target chooser, stance toggles and others' chips; compact when narrow.
        self.stance_row = StanceRow(self.header)
        self.stance_caption = self.stance_row.caption
        self.target_combo = self.stance_row.target_combo
        self.stance_group = self.stance_row.group

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.combo, 1)
        top.addWidget(self.close_button)
        meta = QHBoxLayout()
        meta.addWidget(self.meta_label, 1)
        meta.addWidget(self.done_box)

        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(10, 6, 6, 6)
        header_layout.setSpacing(4)
        header_layout.addLayout(top)
        header_layout.addLayout(meta)
        header_layout.addWidget(self.stance_row)

        self.view = ClaimLinkedView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)

        for watched in (self.view, self.view.viewport(), self.header, self.combo):
            watched.installEventFilter(self)

    def _connect_signals(self) -> None:
        # the pane's own controls
        self.combo.activated.connect(self._on_combo_activated)
        self.close_button.clicked.connect(self.close_requested)
        self.done_box.clicked.connect(self._on_done_clicked)
        self.target_combo.currentIndexChanged.connect(self._on_target_changed)
        self.stance_group.idClicked.connect(self._on_stance_clicked)
        # session changes
        self._session.spans_changed.connect(self._on_spans_changed)
        self._session.document_stances_changed.connect(self._on_document_stances_changed)
        self._session.documents_changed.connect(self._on_documents_changed)
        self._session.scheme_changed.connect(self._on_scheme_changed)
        self._session.visibility_changed.connect(self.reload)
        self._session.external_change_detected.connect(self._on_external_change)
        self._session.claims_changed.connect(self._on_claims_changed)
        self._model.modelReset.connect(self._sync_combo)

    # -- public ----------------------------------------------------------------------
    @property
    def document_id(self) -> str:
        return self._document_id

    @property
    def current_target(self) -> str:
        return self.target_combo.currentText() or self._session.default_target()

    def show_document(self, document_id: str) -> None:
        """Show `document_id` (raises NotFoundError when it is not in the project)."""
        document = self._session.document(document_id)
        changed = document_id != self._document_id
        self._document_id = document_id
        self.view.set_document(
            document,
            self._session.visible_spans(document_id),
            self._session.scheme,
            self._session.annotator,
        )
        self.refresh_claim_marks()
        self._sync_combo()
        self._refresh_meta()
        self._refresh_done()
        self._refresh_stance()
        if changed:
            self.document_changed.emit(document_id)

    def reload(self) -> None:
        """Re-read the document and its spans, keeping the scroll position."""
        if not self._document_id:
            return
        value = self.view.verticalScrollBar().value()
        selected = self.view.selected_span
        hits, current = self.view.search_hits()  # set_document forgets them
        try:
            self.show_document(self._document_id)
        except NotFoundError:
            self._document_id = ""
            self.view.clear()
            return
        self.view.set_selected_span(selected)
        self.view.set_search_hits(hits, current)
        self.view.verticalScrollBar().setValue(value)

    def set_active(self, active: bool) -> None:
        """Mark the header as the active pane (where labels and find apply)."""
        if active == self._active:
            return
        self._active = active
        self.header.setProperty("active", active)
        self.header.style().unpolish(self.header)
        self.header.style().polish(self.header)

    def is_active(self) -> bool:
        return self._active

    def refresh_claim_marks(self) -> None:
        """Markers for the shown spans that mention a visible claim (numbers may shift)."""
        claims = {c.id: c for c in self._session.visible_claims()}
        marks = [
            ClaimMark(
                span.id,
                span.start,
                span.end,
                span.claim,
                self._session.claim_number(span.claim),
                claims[span.claim].wording,
                span.claim_value,
            )
            for span in self.view.spans()
            if span.claim is not None and span.claim in claims
        ]
        self.view.set_claim_marks(marks)

    # -- header refreshers -----------------------------------------------------------
    def _sync_combo(self) -> None:
        row = self._model.row_of(self._document_id)
        if row != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(row)
            self.combo.blockSignals(False)

    def _refresh_meta(self) -> None:
        row = self._model.row_of(self._document_id)
        if row < 0:
            self.meta_label.set_full_text("")
            self.combo.setToolTip("")
            return
        summary = self._model.summary(row)
        parts = [p for p in (summary.source, summary.published, summary.url) if p]
        self.meta_label.set_full_text("  ·  ".join(parts), "\n".join(parts))
        self.combo.setToolTip(literal(summary.title))

    def _refresh_done(self) -> None:
        row = self._model.row_of(self._document_id)
        self.done_box.setEnabled(row >= 0 and not self._session.read_only)
        self.done_box.setChecked(row >= 0 and self._model.summary(row).done)

    def _rebuild_stance_buttons(self) -> None:
        stances = [
            StanceChoice(item.name, item.color, letter_for(item.name, item.shortcut))
            for item in self._session.scheme.stances
        ]
        stances.append(StanceChoice(NO_STANCE, NO_STANCE_COLOUR, letter_for(NO_STANCE, "")))
        targets = [item.name for item in self._session.scheme.targets]
        self.stance_row.set_choices(stances, bool(targets) and not self._session.read_only)
        self._stance_names = [choice.name for choice in stances]
        previous = self.target_combo.currentText() or self._session.default_target()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        self.target_combo.addItems(targets)
        self.target_combo.setCurrentIndex(
            max(0, targets.index(previous) if previous in targets else 0)
        )
        self.target_combo.blockSignals(False)
        # With one target the caption names it; a chooser only when there is a choice.
        self.target_combo.setVisible(len(targets) > 1)
        single = targets[0] if len(targets) == 1 else ""
        self.stance_caption.setText("Stance toward" if len(targets) > 1 else "Stance")
        self.stance_caption.setToolTip(
            literal(f"My stance of this document toward: {isolated(single)}") if single else ""
        )

    def _refresh_stance(self) -> None:
        if not self._document_id:
            return
        target = self.current_target
        mine = self._session.my_document_stance(self._document_id, target) or NO_STANCE
        index = self._stance_names.index(mine) if mine in self._stance_names else -1
        button = self.stance_group.button(index)
        if button is not None:
            button.setChecked(True)
        self._refresh_chips(target)

    def _refresh_chips(self, target: str) -> None:
        if not self._session.show_others:
            self.stance_row.set_chips([])
            return
        scheme = {item.name: item for item in self._session.scheme.stances}
        chips = []
        for stance in self._session.visible_document_stances(self._document_id):
            if stance.annotator == self._session.annotator or stance.target != target:
                continue
            item = scheme.get(stance.stance)
            colour, key = (item.color, item.shortcut) if item is not None else ("", "")
            chips.append(
                Chip(
                    stance.annotator, stance.stance, colour, letter_for(stance.stance, key), target
                )
            )
        self.stance_row.set_chips(chips)

    # -- user actions ----------------------------------------------------------------
    def _on_combo_activated(self, row: int) -> None:
        document_id = self._model.data(self._model.index(row), DocumentIdRole)
        if document_id and document_id != self._document_id:
            self.show_document(document_id)
        self.activated.emit()

    def _on_done_clicked(self, checked: bool) -> None:
        if self._document_id:
            self._session.undo_stack.push(SetDoneCommand(self._session, self._document_id, checked))

    def _on_stance_clicked(self, index: int) -> None:
        if 0 <= index < len(self._stance_names):
            self.set_my_stance(self._stance_names[index] or None)
        self.activated.emit()

    def set_my_stance(self, stance: str | None) -> None:
        """My stance of this document toward the chosen target (None clears it); undoable."""
        if not self._document_id or self._session.read_only:
            return
        target = self.current_target
        if stance is not None and stance not in self._stance_names:
            return
        if stance != self._session.my_document_stance(self._document_id, target):
            command = SetDocumentStanceCommand(self._session, self._document_id, target, stance)
            self._session.undo_stack.push(command)

    def _on_target_changed(self, _index: int) -> None:
        self._refresh_stance()

    # -- session changes -------------------------------------------------------------
    def _on_spans_changed(
        self, document_id: str, added: list[str], removed: list[str], changed: list[str]
    ) -> None:
        if document_id != self._document_id:
            return
        if removed:
            self.view.remove_spans(removed)
        if added:
            self.view.add_spans(self._fetch_visible(added))
        if changed:
            spans = self._fetch_visible(changed)
            gone = set(changed) - {s.id for s in spans}
            if gone:
                self.view.remove_spans(list(gone))
            self.view.update_spans(spans)

    def _on_claims_changed(self, _change: object) -> None:
        # Every pane: a new or deleted claim renumbers the badges everywhere.
        if self._document_id:
            self.refresh_claim_marks()

    def _fetch_visible(self, ids: list[str]) -> list[Span]:
        visible = self._session.visible_annotators()
        spans = []
        for span_id in ids:
            try:
                span = self._session.store.annotations.span(span_id)
            except NotFoundError:
                continue
            if visible is None or span.annotator in visible:
                spans.append(span)
        return spans

    def _on_document_stances_changed(self, document_id: str) -> None:
        if document_id == self._document_id:
            self._refresh_stance()

    def _on_documents_changed(self) -> None:
        self._sync_combo()
        self._refresh_meta()
        self._refresh_done()

    def _on_scheme_changed(self) -> None:
        self._rebuild_stance_buttons()
        self.reload()

    def _on_external_change(self) -> None:
        self._rebuild_stance_buttons()
        self.reload()

    # -- Qt event overrides ----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn):
            self.activated.emit()
        return super().eventFilter(watched, event)
