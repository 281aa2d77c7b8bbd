# Over 400 lines: one form (passage, label, stance, target, note with its lazily made preview) and the undoable edits of each field; splitting the note editor out is follow-up work.
"""Details of the selected annotation: its passage, label, stance, target and note, editable."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.gui.annotating.label_palette import swatch_icon
from annotator.gui.commands import DeleteSpansCommand, EditSpanCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import isolated, plain_label

if TYPE_CHECKING:
    from annotator.gui.shell.safe_text_browser import SafeTextBrowser

EMPTY_STATE = "Select text and press 1–9 to label it; click a highlight to edit it."
EMPTY_TITLE_STYLE = "font-weight: 600; font-size: 13pt; color: palette(placeholder-text);"
NOTE_PLACEHOLDER = "Add a note (Markdown: **bold**, *italic*, lists, links)…"
NOTE_IDLE_MS = 500
QUOTE_LIMIT = 600
QUOTE_LINES_KEPT = 3  # the quote card's height holds this many lines of any passage
NO_VALUE = "—"


def _note_html(note: str) -> str:
    """A note cleaned for display; nh3 and the Markdown renderer are imported when the
    first note is shown, not at start-up, where no annotation is selected (#15)."""
    from annotator.services.rich_text import render_note_html

    return render_note_html(note)


class AnnotationInspector(QWidget):
    """Shows one span (`set_span`); every edit is an undoable command on the session's stack."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._span: Span | None = None
        self._loading = False

        self.empty_label = QLabel(EMPTY_STATE)
        self.empty_title = QLabel("No annotation selected")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title.setStyleSheet(EMPTY_TITLE_STYLE)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 4px 24px;")
        self.quote_label = QLabel()
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextFormat(Qt.TextFormat.RichText)
        self.quote_label.setStyleSheet("font-style: italic; padding: 6px 0px;")
        quote_font = self.quote_label.font()
        quote_font.setPointSizeF(quote_font.pointSizeF() * 1.1)
        self.quote_label.setFont(quote_font)
        # Room for a few lines whatever the passage: a quote of another length (each new
        # annotation's) resized the inspector, moving and repainting every field under the
        # card, and its dock's scroll bar (#15). Longer passages still make it grow.
        spacing = QFontMetrics(quote_font).lineSpacing()
        self.quote_label.setMinimumHeight(spacing * QUOTE_LINES_KEPT + 12)  # + its padding
        self._quote_bar = QFrame()
        self._quote_bar.setFixedWidth(4)
        self._quote_card = QFrame()
        self._tint = ""  # the label colour the quote card's style sheet shows
        self._quote_card.setObjectName("quoteCard")
        card = QHBoxLayout(self._quote_card)
        card.setContentsMargins(0, 0, 8, 0)
        card.setSpacing(8)
        card.addWidget(self._quote_bar)
        card.addWidget(self.quote_label, 1)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Names, titles and error messages come from files: shown as plain text.
        self.origin_label = plain_label()
        self.origin_label.setWordWrap(True)
        self.origin_label.setStyleSheet("color: palette(placeholder-text);")
        self.read_only_label = plain_label()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet(
            "background: #fff4e5; color: #6d4c00; border-radius: 3px; padding: 4px 6px;"
        )
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "background: #fdecea; color: #8a1c1c; border-radius: 3px; padding: 4px 6px;"
        )
        self.error_label.hide()
        self.label_combo = QComboBox()
        self.stance_combo = QComboBox()
        self.target_combo = QComboBox()
        for combo in (self.label_combo, self.stance_combo, self.target_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(
            "Add a note (Markdown: **bold**, *italic*, lists, links)…"
        )
        self.note_edit.setTabChangesFocus(True)
        self._note_preview: SafeTextBrowser | None = None  # made on the first Preview
        self.preview_button = QPushButton("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the note as formatted text")
        self.delete_button = QPushButton("Delete annotation")
        self.delete_button.setToolTip("Delete this annotation (undo with Ctrl+Z)")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_IDLE_MS)

        self._pages = QStackedWidget()
        self._note_pages = QStackedWidget()
        self._build_layout()
        self._fill_combos()
        self._connect_signals()
        self.set_span(None)

    # -- public ------------------------------------------------------------------------
    @property
    def note_preview(self) -> SafeTextBrowser:
        """The note as formatted text, made on the first Preview: the start-up never shows it,
        and its browser, QUrl and QImage cost ~2 ms before the first paint (#15)."""
        if self._note_preview is None:
            from annotator.gui.shell.safe_text_browser import SafeTextBrowser

            self._note_preview = SafeTextBrowser()
            self._note_pages.addWidget(self._note_preview)
        return self._note_preview

    @property
    def span_id(self) -> str | None:
        return self._span.id if self._span else None

    def set_span(self, span_id: str | None) -> None:
        """Show `span_id` (None: the empty state). A pending note edit is saved first."""
        self.commit_note()
        self._show(self._read(span_id))

    def is_editable(self) -> bool:
        span = self._span
        return (
            span is not None
            and span.annotator == self._session.annotator
            and not self._session.read_only
        )

    def focus_note(self) -> None:
        """Put the cursor at the end of the note editor (leaving the preview if shown)."""
        if self._span is None:
            return
        self.preview_button.setChecked(False)
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.note_edit.moveCursor(QTextCursor.MoveOperation.End)

    def commit_note(self) -> None:
        """Push the note edit now if it differs from what is stored (idle or focus left)."""
        self._note_timer.stop()
        span = self._span
        if span is None or not self.is_editable():
            return
        text = self.note_edit.toPlainText()
        if text != span.note:
            self._push(EditSpanCommand(self._session, span.id, note=text))

    # -- building ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        form.addRow("Label", self.label_combo)
        form.addRow("Stance", self.stance_combo)
        form.addRow("Target", self.target_combo)

        note_header = QHBoxLayout()
        note_caption = QLabel("Note")
        note_caption.setStyleSheet("font-weight: 600;")
        note_header.addWidget(note_caption)
        note_header.addStretch(1)
        note_header.addWidget(self.preview_button)
        self._note_pages.addWidget(self.note_edit)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(8)
        column.addWidget(self._quote_card)
        column.addWidget(self.origin_label)
        column.addWidget(self.read_only_label)
        column.addWidget(self.error_label)
        column.addLayout(form)
        column.addLayout(note_header)
        column.addWidget(self._note_pages, 1)
        column.addLayout(buttons)

        empty = QWidget()
        empty_column = QVBoxLayout(empty)
        empty_column.addStretch(1)
        empty_column.addWidget(self.empty_title)
        empty_column.addWidget(self.empty_label)
        empty_column.addStretch(2)
        self._pages.addWidget(empty)
        self._pages.addWidget(details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

    def _connect_signals(self) -> None:
        # editing
        self.label_combo.activated.connect(self._on_label_chosen)
        self.stance_combo.activated.connect(self._on_stance_chosen)
        self.target_combo.activated.connect(self._on_target_chosen)
        self.note_edit.textChanged.connect(self._on_note_typed)
        self.note_edit.installEventFilter(self)
        self._note_timer.timeout.connect(self.commit_note)
        self.preview_button.toggled.connect(self._on_preview_toggled)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        # session
        self._session.spans_changed.connect(self._on_spans_changed)
        self._session.scheme_changed.connect(self._on_scheme_changed)
        self._session.external_change_detected.connect(self._on_scheme_changed)

    def _fill_combos(self) -> None:
        scheme = self._session.scheme
        self._loading = True
        self.label_combo.clear()
        for item in scheme.labels:
            self.label_combo.addItem(swatch_icon(item.color), item.name, item.name)
        self.stance_combo.clear()
        self.stance_combo.addItem(NO_VALUE, None)
        for item in scheme.stances:
            self.stance_combo.addItem(swatch_icon(item.color), item.name, item.name)
        self.target_combo.clear()
        self.target_combo.addItem(NO_VALUE, None)
        for item in scheme.targets:
            self.target_combo.addItem(item.name, item.name)
        self._loading = False

    # -- showing -----------------------------------------------------------------------
    def _read(self, span_id: str | None) -> Span | None:
        if span_id is None:
            return None
        try:
            return self._session.store.annotations.span(span_id)
        except AnnotatorError:
            return None

    def _show(self, span: Span | None) -> None:
        self._span = span
        self.error_label.hide()
        if span is None:
            self._pages.setCurrentIndex(0)
            return
        self._loading = True
        try:
            # Only the passage: a whole 1 MB article per click would cost milliseconds.
            passage, title = self._session.store.documents.passage(
                span.document_id, span.start, span.end
            )
        except AnnotatorError:
            passage, title = "", span.document_id
        color = self._session.scheme.color_of(span.label)
        quote = " ".join(passage.split())
        if len(quote) > QUOTE_LIMIT:
            quote = quote[: QUOTE_LIMIT - 1] + "…"
        if color != self._tint:
            # A style sheet set re-polishes the card and lays the dock out again: only when
            # the colour changes, not on every annotation added in the same label (#15).
            self._tint = color
            tint = QColor(color)
            self._quote_bar.setStyleSheet(f"background: {tint.name()}; border-radius: 2px;")
            self._quote_card.setStyleSheet(
                f"#quoteCard {{ background: rgba({tint.red()}, {tint.green()}, {tint.blue()},"
                " 30); border-radius: 4px; }"
            )
        self.quote_label.setText(f"“{html.escape(quote)}”")
        self.quote_label.setToolTip(f"Characters {span.start}–{span.end}")
        self.origin_label.setText(
            f"{isolated(span.annotator)} · {isolated(title or span.document_id)}"
        )
        self._select(self.label_combo, span.label)
        self._select(self.stance_combo, span.stance)
        self._select(self.target_combo, span.target)
        if self.note_edit.toPlainText() != span.note:
            self.note_edit.setPlainText(span.note)
        if self.preview_button.isChecked():
            self.note_preview.set_safe_html(_note_html(span.note))
        editable = self.is_editable()
        for widget in (self.label_combo, self.stance_combo, self.target_combo, self.delete_button):
            widget.setEnabled(editable)
        self.note_edit.setReadOnly(not editable)
        self.note_edit.setPlaceholderText(NOTE_PLACEHOLDER if editable else "No note.")
        self.delete_button.setVisible(editable)
        if editable:
            self.read_only_label.hide()
        else:
            owner = (
                "this project is read-only"
                if self._session.read_only
                else f"by {isolated(span.annotator)}"
            )
            self.read_only_label.setText(f"Read only: {owner}.")
            self.read_only_label.show()
        self._pages.setCurrentIndex(1)
        self._loading = False

    def _select(self, combo: QComboBox, value: str | None) -> None:
        position = combo.findData(value)
        if position < 0 and value:
            # Unknown to the scheme (renamed meanwhile): show it rather than lie.
            combo.addItem(value, value)
            position = combo.count() - 1
        combo.setCurrentIndex(max(position, 0))

    def _push(self, command: EditSpanCommand | DeleteSpansCommand) -> None:
        self._session.undo_stack.push(command)
        if command.failure is not None:
            # Refused by the store (e.g. this label already on this passage): show what is
            # stored, and why nothing changed.
            self._show(self._read(self.span_id))
            self.error_label.setText(str(command.failure))
            self.error_label.show()

    def _edit(self, **changes: object) -> None:
        span = self._span
        if span is None or self._loading or not self.is_editable():
            return
        if all(getattr(span, name) == value for name, value in changes.items()):
            return
        self.commit_note()  # keep the note's undo step before this one
        self._push(EditSpanCommand(self._session, span.id, **changes))

    # -- slots -------------------------------------------------------------------------
    def _on_label_chosen(self, index: int) -> None:
        label = self.label_combo.itemData(index)
        if label:
            self._edit(label=label)

    def _on_stance_chosen(self, index: int) -> None:
        self._edit(stance=self.stance_combo.itemData(index))

    def _on_target_chosen(self, index: int) -> None:
        self._edit(target=self.target_combo.itemData(index))

    def _on_note_typed(self) -> None:
        if not self._loading and self.is_editable():
            self._note_timer.start()

    def _on_preview_toggled(self, checked: bool) -> None:
        if checked:
            self.commit_note()
            self.note_preview.set_safe_html(_note_html(self.note_edit.toPlainText()))
        self._note_pages.setCurrentIndex(1 if checked else 0)
        self.preview_button.setText("Edit" if checked else "Preview")

    def _on_delete_clicked(self) -> None:
        span = self._span
        if span is not None and self.is_editable():
            self._note_timer.stop()
            self._push(DeleteSpansCommand(self._session, [span]))

    def _on_spans_changed(
        self, _document_id: str, _added: list[str], removed: list[str], changed: list[str]
    ) -> None:
        span = self._span
        if span is None:
            return
        if span.id in removed:
            self._note_timer.stop()
            self._show(None)
        elif span.id in changed:
            self._reload_keeping_typing()

    def _on_scheme_changed(self) -> None:
        self._fill_combos()
        self._reload_keeping_typing()

    def _reload_keeping_typing(self) -> None:
        # A pending note edit is newer than the store; keep it and save it later.
        typed = self.note_edit.toPlainText() if self._note_timer.isActive() else None
        span = self._read(self.span_id)
        self._show(span)
        if typed is not None and span is not None and typed != span.note:
            self._loading = True
            self.note_edit.setPlainText(typed)
            self._loading = False
            self._note_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        return super().eventFilter(watched, event)
