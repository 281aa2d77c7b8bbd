"""A DocumentView that also shows claim links: markers, the lit claim, drag-to-link, claim menu.

Linked spans carry a numbered badge in the margin and an underline in the claim's
colour (painted by `ClaimMarkLayer` through the same `QtPositionMap` as highlights).
Clicking a badge asks every pane to light that claim up; dragging a badge onto a span
in another pane links that span to the claim. The selected span, when it is mine and not
linked yet, shows a "+" link handle instead: dragging it onto a span in another pane makes
the two one claim; clicking it makes the span a claim. Hovering a badge shows the claim's
wording as plain text.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from annotator.core.model import Document, Scheme, Span
from annotator.gui.reading.claim_marks import ClaimMark, ClaimMarkLayer
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.line_geometry import ScreenLines
from annotator.gui.shell.plain_text import literal
from annotator.gui.shell.window_actions import CONTEXT_MENU_ACTIONS, make_action, spec

CLAIM_MIME = "application/x-annotator-claim"  # payload: the claim id, UTF-8
SPAN_MIME = "application/x-annotator-span"  # payload: the dragged span's id, UTF-8
HANDLE_TOOLTIP = (
    "Drag onto an annotation in another pane: the two become one claim.\n"
    "Click: make this annotation a claim (Ctrl+K)."
)


def claim_mime(claim_id: str) -> QMimeData:
    """What a dragged claim (a badge, a row of the claims list) carries."""
    data = QMimeData()
    data.setData(CLAIM_MIME, QByteArray(claim_id.encode("utf-8")))
    data.setText(claim_id)
    return data


def claim_from_mime(data: QMimeData) -> str | None:
    if not data.hasFormat(CLAIM_MIME):
        return None
    return bytes(data.data(CLAIM_MIME).data()).decode("utf-8") or None


def span_mime(span_id: str) -> QMimeData:
    """What a dragged link handle carries: the span's id."""
    data = QMimeData()
    data.setData(SPAN_MIME, QByteArray(span_id.encode("utf-8")))
    return data


def span_from_mime(data: QMimeData) -> str | None:
    if not data.hasFormat(SPAN_MIME):
        return None
    return bytes(data.data(SPAN_MIME).data()).decode("utf-8") or None


class ClaimLinkedView(DocumentView):
    """DocumentView plus claim markers and the claim actions of its context menu."""

    claim_marker_clicked = Signal(str)  # claim id
    claim_dropped_on_span = Signal(str, str)  # claim id, span id it was dropped on
    span_dropped_on_span = Signal(str, str)  # dragged span id, span id it was dropped on
    create_claim_requested = Signal(str)  # span id ("" = from the selected text)
    link_requested = Signal(str)  # span id ("" = the selected text): link to the current claim
    pick_claim_requested = Signal(str)  # span id: link to a claim chosen from a list
    unlink_requested = Signal(str)  # span id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.claim_layer = ClaimMarkLayer()
        self._claim_press: tuple[QPoint, str] | None = None
        self._handle_press: tuple[QPoint, str] | None = None  # on the link handle: span id
        self._link_target_text = ""  # "claim 3 “Number of experts…”", for the context menu
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def set_document(
        self, document: Document, spans: list[Span], scheme: Scheme, current_annotator: str
    ) -> None:
        self.claim_layer.set_preview(None)  # a preview belongs to the article it was for
        super().set_document(document, spans, scheme, current_annotator)

    def update_spans(self, spans: list[Span]) -> None:
        # A span whose only change is its claim link looks the same: its marker is painted
        # over the text, so re-merging its highlight formats would only cost time.
        relinked = []
        for span in spans:
            old = self._spans.get(span.id)
            if (
                old is not None
                and replace(old, claim=span.claim, claim_value=span.claim_value) == span
            ):
                relinked.append(span)
        for span in relinked:
            self._spans[span.id] = span
        rest = [s for s in spans if s not in relinked]
        if rest:
            super().update_spans(rest)
        elif self.selected_span in {s.id for s in relinked}:
            self.set_selected_span(self.selected_span)

    # -- claim marks -----------------------------------------------------------------
    def set_claim_marks(self, marks: list[ClaimMark]) -> None:
        """Replace the marks and repaint the blocks of those that changed, no re-layout:
        linking one span repainted the whole viewport (#15)."""
        before = set(self.claim_layer.marks())
        self.claim_layer.set_marks(marks)
        self._update_handle()
        for mark in before.symmetric_difference(marks):
            self.update_blocks(mark.start, mark.end)

    def set_selected_span(self, span_id: str | None) -> None:
        super().set_selected_span(span_id)
        self._update_handle()

    def _update_handle(self) -> None:
        """The selected span gets a link handle when it is mine and has no claim yet."""
        span = self._spans.get(self.selected_span or "")
        linked = {m.span_id for m in self.claim_layer.marks()}
        wanted = (
            (span.id, span.start, span.end)
            if span is not None
            and span.claim is None
            and span.id not in linked
            and span.annotator == self._annotator
            else None
        )
        if wanted != self.claim_layer.handle:
            # Where the handle was and where it goes, not the whole viewport: selecting
            # the span just added (every add) repainted it all (#15).
            old = self.claim_layer.handle_rect()
            self.claim_layer.set_handle(wanted)
            if old is not None:
                self.viewport().update(old.toAlignedRect().adjusted(-2, -2, 2, 2))
            if wanted is not None:
                self.update_blocks(wanted[1], wanted[1] + 1)

    def set_lit_claim(self, claim_id: str | None) -> None:
        if claim_id != self.claim_layer.lit_claim:
            self.claim_layer.set_lit(claim_id)
            self.viewport().update()

    def set_preview(self, start: int, end: int) -> None:
        """Outline a suggested sentence and bring it into view; (-1, -1) clears it."""
        if start < 0:
            self.claim_layer.set_preview(None)
        else:
            self.claim_layer.set_preview((start, end))
            self.scroll_to(start, end)
        self.viewport().update()

    def first_mention_of(self, claim_id: str) -> ClaimMark | None:
        for mark in self.claim_layer.marks():
            if mark.claim_id == claim_id:
                return mark
        return None

    def set_link_target_text(self, text: str) -> None:
        """What "Link to …" in the context menu names (the current claim); "" hides it."""
        self._link_target_text = text

    def paint_overlay(self, screen: ScreenLines | None) -> None:
        layer = self.claim_layer
        if not layer.marks() and layer.preview is None and layer.handle is None:
            return
        painter = QPainter(self.viewport())
        try:
            self.claim_layer.paint(self, painter, self._map, screen or ScreenLines(self))
        finally:
            painter.end()

    # -- mouse: badges are clicked or dragged ------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._handle_press = None
        if event.button() == Qt.MouseButton.LeftButton:
            handle = self.claim_layer.handle_at(QPointF(event.position()))
            if handle is not None:
                self._handle_press = (event.position().toPoint(), handle)
                event.accept()
                return
            mark = self.claim_layer.badge_at(QPointF(event.position()))
            if mark is not None:
                self._claim_press = (event.position().toPoint(), mark.claim_id)
                event.accept()
                return
        self._claim_press = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        handle = self._handle_press
        if handle is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - handle[0]).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._handle_press = None
                drag = QDrag(self)
                drag.setMimeData(span_mime(handle[1]))
                drag.exec(Qt.DropAction.LinkAction)
            return
        press = self._claim_press
        if press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = (event.position().toPoint() - press[0]).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._claim_press = None
                drag = QDrag(self)
                drag.setMimeData(claim_mime(press[1]))
                drag.exec(Qt.DropAction.LinkAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        handle, self._handle_press = self._handle_press, None
        if handle is not None and event.button() == Qt.MouseButton.LeftButton:
            self.create_claim_requested.emit(handle[1])  # a click on "+": make it a claim
            event.accept()
            return
        press, self._claim_press = self._claim_press, None
        if press is not None and event.button() == Qt.MouseButton.LeftButton:
            self.claim_marker_clicked.emit(press[1])
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- drops: a claim onto a span ------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if claim_from_mime(data) is not None or span_from_mime(data) is not None:
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        data = event.mimeData()
        dragged = span_from_mime(data)
        if claim_from_mime(data) is not None or dragged is not None:
            hits = [s for s in self.spans_at_point(event.position().toPoint()) if s.id != dragged]
            if hits:
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        claim_id = claim_from_mime(event.mimeData())
        dragged = span_from_mime(event.mimeData())
        if claim_id is None and dragged is None:
            super().dropEvent(event)
            return
        hits = [s for s in self.spans_at_point(event.position().toPoint()) if s.id != dragged]
        if not hits:
            event.ignore()
            return
        event.acceptProposedAction()
        if claim_id is not None:
            self.claim_dropped_on_span.emit(claim_id, hits[0].id)
        elif dragged is not None:
            self.span_dropped_on_span.emit(dragged, hits[0].id)

    # -- tooltips: the claim, as plain text ----------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            if self.claim_layer.handle_at(QPointF(event.pos())) is not None:
                QToolTip.showText(event.globalPos(), HANDLE_TOOLTIP, self.viewport())
                return True
            mark = self.claim_layer.badge_at(QPointF(event.pos()))
            if mark is not None:
                QToolTip.showText(event.globalPos(), self.claim_tooltip(mark), self.viewport())
                return True
        return super().viewportEvent(event)

    @staticmethod
    def claim_tooltip(mark: ClaimMark) -> str:
        text = f"Claim {mark.number}: {mark.wording}"
        if mark.value:
            text += f"\nValue here: {mark.value}"
        text += "\nClick to find it in every pane; drag onto a span to link it."
        return literal(text)

    def _tooltip(self, spans: list[Span]) -> str:
        # The highlight tooltip, plus the claim each linked span mentions (escaped).
        base = super()._tooltip(spans)
        lines = []
        for span in spans:
            for mark in self.claim_layer.marks():
                if mark.span_id == span.id:
                    value = f" ({html.escape(mark.value)})" if mark.value else ""
                    lines.append(
                        f"<span style='color:{mark.colour}'>●</span> claim {mark.number}: "
                        f"{html.escape(mark.wording)}{value}"
                    )
        return base + ("<br>" + "<br>".join(lines) if lines else "")

    # -- context menu ---------------------------------------------------------------------
    def build_context_menu(self, span: Span | None, has_selection: bool) -> QMenu:
        menu = super().build_context_menu(span, has_selection)
        if span is None and not has_selection:
            return menu
        first = menu.actions()[0] if menu.actions() else None
        claims = QMenu("Claim", menu)
        span_id = span.id if span is not None and not has_selection else ""
        create = _claim_action("claim_from_here", claims)
        create.triggered.connect(lambda: self.create_claim_requested.emit(span_id))
        if self._link_target_text:
            link = _claim_action("link_to_current_claim", claims)
            link.setText(f"Link to {self._link_target_text}")
            link.triggered.connect(lambda: self.link_requested.emit(span_id))
        if span is not None:
            pick = _claim_action("link_to_claim", claims)
            pick.triggered.connect(lambda: self.pick_claim_requested.emit(span.id))
            if span.claim is not None:
                unlink = _claim_action("unlink_from_claim", claims)
                unlink.triggered.connect(lambda: self.unlink_requested.emit(span.id))
        if first is not None:
            menu.insertMenu(first, claims)
            menu.insertSeparator(first)
        else:
            menu.addMenu(claims)
        return menu


def _claim_action(action_id: str, menu: QMenu) -> QAction:
    """A claim entry of the context menu, as declared in window_actions, added to `menu`."""
    action = make_action(spec(CONTEXT_MENU_ACTIONS, action_id), menu)
    menu.addAction(action)
    return action
