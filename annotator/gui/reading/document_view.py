# Over 400 lines: highlight painting, code-point selection and hit testing all work through
# the one position map of the shown text (styles: text_styles.py; tooltip and menu: span_menu.py).
"""The reading and highlighting surface for one document: read-only, selectable text.

Everything outside this widget speaks code points into `Document.text`; only here are
positions converted to Qt's UTF-16 with `QtPositionMap`. Highlights are painted per
segment (core.segments) as merged char formats, first only near the screen and the rest
as it scrolls into view (highlight_chunks.py), and repainted only over the range a change
touches, so a 1 MB article with thousands of spans stays responsive.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.model import Document, Scheme, Span, StyleRun
from annotator.core.offsets import QtPositionMap, display_text
from annotator.core.segments import Segment, segments, spans_at
from annotator.core.span_edges import tidy_selection
from annotator.core.span_lanes import LaneIndex
from annotator.gui.reading import view_colors
from annotator.gui.reading.glyph_keeper import GlyphKeeper
from annotator.gui.reading.highlight_chunks import CHUNK, HighlightChunks
from annotator.gui.reading.line_geometry import ScreenLines, blocks_band, visible_qt_range
from annotator.gui.reading.paragraph_layout import ParagraphLayout
from annotator.gui.reading.span_menu import SpanMenuRequests, context_menu, span_tooltip
from annotator.gui.reading.text_styles import cleared_format, style_format
from annotator.gui.reading.view_colors import MAX_DEPTH_SHOWN, ViewColors

_CLEARED = cleared_format()  # merged before every repaint of a range: made once
_KEEP_ANCHOR = QTextCursor.MoveMode.KeepAnchor  # looked up once: enum access is slow per call
READABLE_WIDTH_EM = 46  # beyond this, lines get too long to read comfortably
MARGIN_PX = 24
PARAGRAPH_GAP_LINES = 0.6  # blank space between paragraphs, in lines of the body font
CARET_WIDTH = 2
# Overlapping spans' underlines (core.span_lanes): lane 0 just under the baseline, the next
# ones below it, so crossing spans each show where they start and end.
LANE_PX = 2.0
LANE_STEP_PX = 3.0
LANE_BOTTOM_PX = 1.0  # the deepest lane's centre, up from the line's bottom
MAX_LANES_SHOWN = 3  # deeper overlaps share the last lane

ExtraSelection = QTextEdit.ExtraSelection


def blend(base: QColor, over: QColor, alpha: float) -> QColor:
    """`over` painted at `alpha` on an opaque `base`."""
    return QColor(
        round(base.red() * (1 - alpha) + over.red() * alpha),
        round(base.green() * (1 - alpha) + over.green() * alpha),
        round(base.blue() * (1 - alpha) + over.blue() * alpha),
    )


class PaintedScreen(NamedTuple):
    """What a paint of the lanes found on screen: an edit repaints from it only the
    blocks whose lanes changed (DocumentView._update_lanes)."""

    place: tuple[int, int, int]  # scroll position, viewport width and height
    visible: tuple[int, int]  # Qt positions, as ScreenLines.range()
    blocks: list[tuple[int, int, float, float]]  # ScreenLines.blocks
    deepest: int | None  # the deepest lane shown, as capped by _paint_lanes


def _wrap_viewport(view: QPlainTextEdit) -> None:
    """Give the viewport Qt made its Python wrapper by name, not through `viewport()`.

    The viewport is a QWidget made in C++; `viewport()`, as the first call in a process to
    hand one back, makes PySide6 load every lazily loaded QtWidgets class (and create its
    enums) to find the widget's most derived type: ~10 ms of start-up (#15). `findChild`
    wraps it as the QWidget asked for, and each later `viewport()` returns that wrapper.
    """
    view.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)


class DocumentView(QPlainTextEdit):
    """Shows one document with its highlights; reports selections and clicked spans."""

    selection_changed_range = Signal(int, int)  # code points; (-1, -1) when empty
    span_clicked = Signal(str)  # span id
    span_selection_cleared = Signal()  # clicked outside every highlight
    label_requested = Signal(str)  # label name
    stance_requested = Signal(str, str)  # span id, stance ("" = no stance)
    note_requested = Signal(str)  # span id
    delete_requested = Signal(str)  # span id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _wrap_viewport(self)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(MARGIN_PX)
        self._paragraphs = ParagraphLayout(self.document())
        self.document().setDocumentLayout(self._paragraphs)
        self._colors = view_colors.current()
        self._apply_typography()

        self._document: Document | None = None
        self._map = QtPositionMap("")
        self._scheme = Scheme()
        self._annotator = ""
        self._spans: dict[str, Span] = {}
        self._lane_index = LaneIndex()  # the spans' lanes, kept up to date per change
        self._chunks = HighlightChunks()  # which parts of the text have highlights yet
        self._catching_up = False  # a paint found text on screen without its highlights
        self._painted: PaintedScreen | None = None  # what the last paint with lanes showed
        self._seen_on_screen: tuple[object, ...] = ()  # what that paint looked at
        self._styles: tuple[StyleRun, ...] = ()
        self._style_starts: list[int] = []
        self._formats: dict[tuple[str | None, int, str | None, str | None], QTextCharFormat] = {}
        self._lane_pens: dict[tuple[str, bool], QPen] = {}  # (label, mine): per scheme
        self._glyphs = GlyphKeeper()  # shaped once per layout, not once per paint
        self._selected_span: str | None = None
        self._search_hits: list[tuple[int, int]] = []
        self._search_current = -1
        self._last_range: tuple[int, int] = (-1, -1)
        self._press_pos: QPoint | None = None
        self._click_cycle: tuple[int, int] = (-1, 0)  # offset, index into spans there
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.selectionChanged.connect(self._on_selection_changed)
        self.verticalScrollBar().valueChanged.connect(self._highlight_near_screen)

    def _apply_typography(self) -> None:
        font = QFont()
        font.setFamilies(["Charter", "Georgia", "Source Serif Pro", "DejaVu Serif", "serif"])
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(12)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._paragraphs.set_gap(round(self.fontMetrics().lineSpacing() * PARAGRAPH_GAP_LINES))
        self._apply_palette()
        self.setCursorWidth(0)  # shown only while focused: see focusInEvent

    @property
    def colors(self) -> ViewColors:
        return self._colors

    def set_colors(self, colors: ViewColors) -> None:
        """Repaint page, text, selection and every highlight in `colors` (the system
        switched between light and dark)."""
        if colors == self._colors:
            return
        self._colors = colors
        self._apply_palette()
        self._formats.clear()  # cached formats hold the old page's blends
        if self._document is not None:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            self._merge(cursor, 0, self._map.length, _CLEARED)
            self._restore_style_underlines(cursor, 0, self._map.length)
            cursor.endEditBlock()
            self._chunks.reset(self._map.length)  # in the new colours as each is seen
            self._highlight_near_screen()
        self._update_extra_selections()

    def _apply_palette(self) -> None:
        colors = self._colors
        palette = self.palette()
        palette.setColor(palette.ColorRole.Base, QColor(colors.page))
        # Shows beside the readable column on wide panes, like the desk around a page.
        palette.setColor(palette.ColorRole.Window, QColor(colors.desk))
        palette.setColor(palette.ColorRole.Text, QColor(colors.text))
        group = palette.ColorGroup
        for active in (group.Active, group.Inactive):
            selection, text = (
                (colors.selection, colors.selection_text)
                if active == group.Active
                else (colors.inactive_selection, colors.inactive_selection_text)
            )
            palette.setColor(active, palette.ColorRole.Highlight, QColor(selection))
            palette.setColor(active, palette.ColorRole.HighlightedText, QColor(text))
        self.setPalette(palette)
        # A restyle (the app stylesheet swapped with the scheme) pins the viewport's own
        # palette to the one it saw then, so the page colour must be given to it directly.
        self.viewport().setPalette(palette)

    # -- loading ---------------------------------------------------------------------
    @property
    def document_model(self) -> Document | None:
        return self._document

    def spans(self) -> list[Span]:
        return list(self._spans.values())

    def set_document(
        self, document: Document, spans: list[Span], scheme: Scheme, current_annotator: str
    ) -> None:
        """Show `document` with `spans` highlighted; one edit block, no undo history."""
        # Nothing waits for highlights while the text is replaced: the scroll bar moving
        # meanwhile must not format the old text's chunks into the new one.
        self._chunks.reset(0)
        self._document = document
        self._scheme = scheme
        self._annotator = current_annotator
        self._formats.clear()
        self._lane_pens.clear()
        self._spans = {s.id: s for s in spans}
        self._lane_index.reset(spans)
        self._painted = None
        self._styles = tuple(sorted(document.styles, key=lambda r: (r.start, r.end)))
        self._style_starts = [r.start for r in self._styles]
        shown = display_text(document.text)
        self._map = QtPositionMap(shown)
        self._selected_span = None
        self._search_hits, self._search_current = [], -1
        self._click_cycle = (-1, 0)

        qdoc = self.document()
        qdoc.setUndoRedoEnabled(False)
        self._glyphs.reset()
        self.setPlainText("")
        cursor = QTextCursor(qdoc)
        cursor.beginEditBlock()
        cursor.insertText(shown, QTextCharFormat())
        for run in self._styles:
            self._merge(
                cursor, run.start, run.end, style_format(run.style, self.font().pointSizeF())
            )
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._chunks.reset(self._map.length)
        self._highlight_near_screen()
        self._update_extra_selections()
        self._emit_range_if_changed()

    def set_current_annotator(self, annotator: str) -> None:
        self._annotator = annotator

    # -- incremental highlight changes -----------------------------------------------
    def add_spans(self, spans: list[Span]) -> None:
        for span in spans:
            self._spans[span.id] = span
        swept = self._lane_index.update(added=spans)
        self._repaint([(s.start, s.end) for s in spans], swept)

    def remove_spans(self, ids: list[str]) -> None:
        ranges = []
        for span_id in ids:
            span = self._spans.pop(span_id, None)
            if span is not None:
                ranges.append((span.start, span.end))
        swept = self._lane_index.update(removed=ids)
        if self._selected_span in ids:
            self._selected_span = None
            self._update_extra_selections()
        self._repaint(ranges, swept)

    def update_spans(self, spans: list[Span]) -> None:
        # A resized span dirties both its old and its new range.
        ranges = []
        for span in spans:
            old = self._spans.get(span.id)
            if old is not None:
                ranges.append((old.start, old.end))
            ranges.append((span.start, span.end))
            self._spans[span.id] = span
        swept = self._lane_index.update(added=spans)
        self._repaint(ranges, swept)
        if self._selected_span in {s.id for s in spans}:
            self._update_extra_selections()

    def _repaint(self, ranges: list[tuple[int, int]], swept: list[tuple[int, int]]) -> None:
        """Recompute and repaint segments over `ranges` only (merged where they touch), and
        the lanes of the clusters `swept` again (LaneIndex.update)."""
        if self._document is None:
            return
        self._update_lanes(swept)
        clusters: list[list[int]] = []
        for start, end in sorted(ranges):
            start, end = max(0, start), min(self._map.length, end)
            if start >= end:
                continue
            if clusters and start <= clusters[-1][1]:
                clusters[-1][1] = max(clusters[-1][1], end)
            else:
                clusters.append([start, end])
        if not clusters:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for lo, hi in clusters:
            touching = [self._spans[i] for i in self._lane_index.overlapping(lo, hi)]
            self._merge(cursor, lo, hi, _CLEARED)
            self._restore_style_underlines(cursor, lo, hi)
            self._paint_segments(cursor, segments(touching, lo, hi))
        cursor.endEditBlock()

    def _update_lanes(self, swept: list[tuple[int, int]]) -> None:
        """Schedule the repaint of lanes an edit changed: Qt repaints the blocks whose formats
        change, and lanes only change in the clusters swept again, unless the deepest lane on
        screen changed (every lane's height over its line depends on it). A whole viewport's
        paint per add, undo or redo cost as much as the rest of the edit (#15)."""
        painted = self._current_painted()
        if painted is None:
            if self._lane_index.lanes():  # no paint to go by (or scrolled since): all of it
                self.viewport().update()
            return
        depths = [lane for _, lane in self._lanes_within(painted.visible)]
        deepest = min(max(depths), MAX_LANES_SHOWN - 1) if depths else None
        if deepest != painted.deepest:
            self.viewport().update()
            return
        for lo, hi in swept:
            self.update_blocks(lo, hi)

    def update_blocks(self, start: int, end: int) -> None:
        """Repaint the viewport's full width over the blocks holding code points
        [start, end) that are on screen (margins included: badges and handles sit there),
        placed by the last paint; the whole viewport when there is none to go by."""
        painted = self._current_painted()
        if painted is None:
            self.viewport().update()
            return
        to_qt, length = self._map.to_qt, self._map.length
        qt_start = to_qt(min(max(0, start), length))
        band = blocks_band(painted.blocks, qt_start, max(qt_start, to_qt(min(end, length)) - 1))
        if band is not None:
            viewport = self.viewport()
            y = max(0, math.floor(band[0]) - 1)
            viewport.update(QRect(0, y, viewport.width(), math.ceil(band[1]) + 2 - y))

    def _current_painted(self) -> PaintedScreen | None:
        """The last paint's screen if the text has not moved since (scrolled, resized)."""
        painted = self._painted
        if painted is None or painted.place != self._place():
            return None
        return painted

    def _place(self) -> tuple[int, int, int]:
        viewport = self.viewport()
        return self.verticalScrollBar().value(), viewport.width(), viewport.height()

    def _highlight_near_screen(self, *_args: object) -> bool:
        """Apply the highlights of the chunks on screen and a screen either side that
        have none yet; True if there were any."""
        if self._document is None or not self._chunks.pending():
            return False
        visible = self._visible_range()
        if visible is None:
            return False
        lo, hi = visible
        margin = max(hi - lo, CHUNK)  # a page down finds its highlights already there
        ranges = self._chunks.take(lo - margin, hi + margin)
        if not ranges:
            return False
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end in ranges:
            touching = [self._spans[i] for i in self._lane_index.overlapping(start, end)]
            self._paint_segments(cursor, segments(touching, start, end))
        cursor.endEditBlock()
        return True

    def _visible_range(self) -> tuple[int, int] | None:
        """Code points from the first block on screen to the end of the last."""
        visible = visible_qt_range(self)
        if visible is None:
            return None
        qt_end, from_qt = self._map.qt_length, self._map.from_qt
        return from_qt(min(visible[0], qt_end)), from_qt(min(visible[1], qt_end))

    def _needs_catching_up(self) -> bool:
        """Whether text on screen waits for its highlights; looked at again only when the
        scroll position, size, font or pending chunks changed (not on every edit's paint)."""
        pending = self._chunks.pending()
        if self._catching_up or not pending:
            return False
        seen = (
            self.verticalScrollBar().value(),
            self.viewport().size().toTuple(),
            self.font().pointSizeF(),
            pending,
        )
        if seen == self._seen_on_screen:
            return False
        self._seen_on_screen = seen
        visible = self._visible_range()
        return visible is not None and self._chunks.any_pending(*visible)

    def _catch_up(self) -> None:
        self._catching_up = False
        self._highlight_near_screen()

    def _paint_segments(self, cursor: QTextCursor, parts: list[Segment]) -> None:
        """Apply each segment's format, joining neighbours that look the same: one Qt
        merge per visible run instead of one per segment (dense overlaps make many)."""
        run_start, run_end, run_format = -1, -1, None
        for segment in parts:
            fmt = self._segment_format(segment)
            if fmt is run_format and segment.start == run_end:
                run_end = segment.end
                continue
            if run_format is not None:
                self._merge(cursor, run_start, run_end, run_format)
            run_start, run_end, run_format = segment.start, segment.end, fmt
        if run_format is not None:
            self._merge(cursor, run_start, run_end, run_format)

    def _restore_style_underlines(self, cursor: QTextCursor, lo: int, hi: int) -> None:
        """Clearing highlight underlines also cleared link underlines; put those back."""
        # Runs are sorted by start; only those starting before `hi` can overlap.
        for run in self._styles[: bisect_left(self._style_starts, hi)]:
            if run.style == "link" and run.end > lo:
                self._merge(
                    cursor,
                    max(run.start, lo),
                    min(run.end, hi),
                    style_format("link", self.font().pointSizeF()),
                )

    def _merge(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        to_qt = self._map.to_qt
        cursor.setPosition(to_qt(start))
        cursor.setPosition(to_qt(end), _KEEP_ANCHOR)
        cursor.mergeCharFormat(fmt)

    # -- formats ---------------------------------------------------------------------
    def _segment_format(self, segment: Segment) -> QTextCharFormat:
        known = self._spans
        ids = segment.span_ids
        if len(ids) == 1 and ids[0] in known:  # most segments: one span, no lists
            only = known[ids[0]]
            mine = [only] if only.annotator == self._annotator else []
            others = [] if mine else [only]
        else:
            me = self._annotator
            mine, others = [], []
            for span_id in ids:  # one pass: dense overlaps make this the hot loop
                span = known.get(span_id)
                if span is not None:
                    (mine if span.annotator == me else others).append(span)
        # Everything the format depends on, by name: the cache is hit before any colour
        # maths (which dominated opening a document with thousands of spans).
        key = (
            mine[0].label if mine else None,
            min(len(mine), MAX_DEPTH_SHOWN),
            mine[1].label if len(mine) > 1 else None,
            others[0].label if others else None,
        )
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        colors = self._colors
        background = QColor(colors.page)
        if mine:
            # The innermost label's hue, deeper for each span stacked on it: hues mixed
            # together turn to grey and stop saying which label is where.
            alpha = colors.depth_alpha(len(mine))
            background = blend(background, QColor(self._scheme.color_of(mine[0].label)), alpha)
        elif others:
            background = blend(
                background, QColor(self._scheme.color_of(others[0].label)), colors.others_alpha
            )
        if others:
            style = QTextCharFormat.UnderlineStyle.DashUnderline
            underline = self._scheme.color_of(others[0].label)
        else:  # overlapping spans of mine show their extents in lanes (_paint_lanes)
            style = QTextCharFormat.UnderlineStyle.NoUnderline
            underline = ""
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        fmt.setUnderlineStyle(style)
        if underline:
            fmt.setUnderlineColor(QColor(underline).darker(140))
        self._formats[key] = fmt
        return fmt

    # -- lanes: every overlapping span's extent, underlined in its colour -------------
    def span_lanes(self) -> dict[str, int]:
        """The lane of each shown span that overlaps another (core.span_lanes)."""
        return dict(self._lane_index.lanes())

    def _lane_runs(self, screen: ScreenLines) -> list[tuple[int, int, int, Span]]:
        """(Qt start, Qt end, lane, span) per laned span on screen: only those are converted
        to Qt positions, so an edit's paint does not convert every laned span again."""
        visible = screen.range()
        if visible is None:
            return []
        to_qt, spans = self._map.to_qt, self._spans
        return [
            (to_qt((span := spans[span_id]).start), to_qt(span.end), lane, span)
            for span_id, lane in self._lanes_within(visible)
        ]

    def _lanes_within(self, visible: tuple[int, int]) -> list[tuple[str, int]]:
        """(span id, lane) per laned span meeting Qt positions `visible`: the spans of the
        clusters on screen, not every laned span of the document (50,000 in a dense
        article: tens of milliseconds per paint)."""
        # The last block's length counts a separator past the end of the text.
        qt_end = min(visible[1], self._map.qt_length)
        lo, hi = self._map.from_qt(min(visible[0], qt_end)), self._map.from_qt(qt_end)
        lanes = self._lane_index.lanes()
        return [
            (span_id, lane)
            for span_id in self._lane_index.overlapping(lo, hi)
            if (lane := lanes.get(span_id)) is not None
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._needs_catching_up():
            # Scrolling and resizing apply the highlights coming into view before the
            # paint; anything else that moved the text gets them just after this paint
            # (a format merged while painting would change the layout being drawn).
            self._catching_up = True
            QTimer.singleShot(0, self, self._catch_up)  # not after the view is gone
        self._glyphs.keep_on_screen(self)
        super().paintEvent(event)
        self._painted = None
        if self._document is None:
            return
        screen = ScreenLines(self) if self._lane_index.lanes() else None
        if screen is not None:
            self._paint_lanes_over(event, screen)
        self.paint_overlay(screen)

    def paint_overlay(self, screen: ScreenLines | None) -> None:
        """Paint over the text and lanes (a subclass's marks); `screen` is this paint's
        lines on screen, None when there were no lanes to measure them for."""

    def _paint_lanes_over(self, event: QPaintEvent, screen: ScreenLines) -> None:
        shown = self._lane_runs(screen)
        visible = screen.range()
        deepest = min(max(run[2] for run in shown), MAX_LANES_SHOWN - 1) if shown else None
        if visible is not None:
            self._painted = PaintedScreen(self._place(), visible, screen.blocks, deepest)
        if deepest is None:
            return
        # Only the runs on the lines being repainted (an edit repaints a few blocks):
        # measuring every run on screen costs more than the text's own paint.
        rect = event.rect()
        band = screen.between(rect.top(), rect.bottom() + 1)
        runs = [r for r in shown if band is not None and r[0] < band[1] and r[1] > band[0]]
        if not runs:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_lanes(painter, runs, screen, deepest)
        finally:
            painter.end()

    def _paint_lanes(
        self,
        painter: QPainter,
        runs: list[tuple[int, int, int, Span]],
        screen: ScreenLines,
        deepest: int,
    ) -> None:
        """The deepest lane on screen sits at the line's bottom, lane 0 nearest the text;
        each underline ends where its span ends, with a short tick at both ends, so crossing
        spans both show their start and end whatever colour the background took."""
        lo, hi = screen.range() or (0, 0)
        for qt_start, qt_end, lane, span in runs:
            rects = screen.rects(qt_start, qt_end)
            if not rects:
                continue
            painter.setPen(self._lane_pen(span))
            rise = LANE_BOTTOM_PX + LANE_STEP_PX * (deepest - min(lane, deepest))
            for rect in rects:
                y = rect.bottom() - rise
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            ticks = []  # an end off screen has no tick: the underline runs on past the edge
            if qt_start >= lo:
                ticks.append((rects[0].left() + 1, rects[0].bottom()))
            if qt_end <= hi:
                ticks.append((rects[-1].right() - 1, rects[-1].bottom()))
            for x, bottom in ticks:
                painter.drawLine(
                    QPointF(x, bottom - rise - LANE_STEP_PX), QPointF(x, bottom - rise)
                )

    def _lane_pen(self, span: Span) -> QPen:
        key = (span.label, span.annotator == self._annotator)
        pen = self._lane_pens.get(key)
        if pen is None:
            colour = QColor(self._scheme.color_of(span.label)).darker(115)
            if not key[1]:
                colour.setAlphaF(0.6)  # others' work stays in the background
            pen = QPen(colour, LANE_PX, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            self._lane_pens[key] = pen
        return pen

    # -- selection -------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selected code points [start, end), or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.from_qt(cursor.selectionStart())
        end = self._map.from_qt(cursor.selectionEnd())
        return (start, end) if start < end else None

    def annotation_range(self, snap_to_words: bool) -> tuple[int, int] | None:
        """The selection as a new annotation should cover it: trimmed of surrounding
        whitespace and, with `snap_to_words`, widened to whole words (core/span_edges.py)."""
        selection = self.selection_range()
        if selection is None or self._document is None:
            return selection
        return tidy_selection(self._document.text, *selection, snap_to_words=snap_to_words)

    def clear_selection(self) -> None:
        """Drop the text selection, leaving the caret at its end."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.setPosition(cursor.selectionEnd())
            self.setTextCursor(cursor)

    def selected_text(self) -> str:
        selection = self.selection_range()
        if selection is None or self._document is None:
            return ""
        return self._document.text[selection[0] : selection[1]]

    def select_range(self, start: int, end: int) -> None:
        """Select code points [start, end) (used by find and by tests)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def caret_offset(self) -> int:
        """The caret's code point (where a Shift+arrow selection starts)."""
        return self._map.from_qt(self.textCursor().position())

    def place_caret(self, offset: int) -> None:
        """Move the caret to code point `offset`, selecting nothing."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(max(0, min(offset, self._map.length))))
        self.setTextCursor(cursor)

    def _on_selection_changed(self) -> None:
        self._emit_range_if_changed()

    def _emit_range_if_changed(self) -> None:
        current = self.selection_range() or (-1, -1)
        if current != self._last_range:
            self._last_range = current
            self.selection_changed_range.emit(*current)

    # -- selected span, search hits, scrolling ----------------------------------------
    @property
    def selected_span(self) -> str | None:
        return self._selected_span

    def set_selected_span(self, span_id: str | None) -> None:
        """Outline one span (an overlay: the document's formats are untouched)."""
        self._selected_span = span_id if span_id in self._spans else None
        self._update_extra_selections()

    def search_hits(self) -> tuple[list[tuple[int, int]], int]:
        """The highlighted search hits and the index of the current one (-1 for none)."""
        return list(self._search_hits), self._search_current

    def set_search_hits(self, hits: list[tuple[int, int]], current: int = -1) -> None:
        self._search_hits = [(s, e) for s, e in hits if 0 <= s < e <= self._map.length]
        self._search_current = current
        self._update_extra_selections()

    def scroll_to(self, start: int, end: int) -> None:
        """Centre code points [start, end) vertically, keeping the user's selection."""
        start = max(0, min(start, self._map.length))
        end = max(start, min(end, self._map.length))
        saved = self.textCursor()
        # Moving the caret is only a means to centre: no selection signals on the way.
        blocked = self.blockSignals(True)
        try:
            target = QTextCursor(self.document())
            target.setPosition(self._map.to_qt(end))
            self.setTextCursor(target)
            target.setPosition(self._map.to_qt(start))
            self.setTextCursor(target)
            self.centerCursor()
            value = self.verticalScrollBar().value()
            self.setTextCursor(saved)
        finally:
            self.blockSignals(blocked)
        self.verticalScrollBar().setValue(value)

    def _update_extra_selections(self) -> None:
        selections = []
        colors = self._colors
        for index, (start, end) in enumerate(self._search_hits):
            fmt = QTextCharFormat()
            current = index == self._search_current
            fmt.setBackground(QColor(colors.search_current if current else colors.search_hit))
            fmt.setForeground(QColor(colors.search_text))  # a light page's text, also in dark
            selections.append(self._extra(start, end, fmt))
        span = self._spans.get(self._selected_span or "")
        if span is not None:
            colour = QColor(self._scheme.color_of(span.label))
            fmt = QTextCharFormat()
            fmt.setBackground(blend(QColor(colors.page), colour, colors.max_alpha))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colors.selected_underline))
            selections.append(self._extra(span.start, span.end, fmt))
        self.setExtraSelections(selections)

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> ExtraSelection:
        extra = ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        extra.cursor = cursor
        extra.format = fmt
        return extra

    # -- hit testing -----------------------------------------------------------------
    def offset_at(self, point: QPoint) -> int | None:
        """Code point under viewport `point` (the character, not the nearest gap)."""
        if self._document is None or not self._map.length:
            return None
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        after = QTextCursor(cursor)
        if not after.movePosition(QTextCursor.MoveOperation.NextCharacter) or (
            after.block() != cursor.block()
        ):
            after = cursor
        left, right = self.cursorRect(cursor).x(), self.cursorRect(after).x()
        inside = min(left, right) <= point.x() < max(left, right)
        if not inside and position > 0:
            before = QTextCursor(cursor)
            before.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
            position = before.position()
        offset = self._map.from_qt(position)
        return min(offset, self._map.length - 1)

    def spans_at_point(self, point: QPoint) -> list[Span]:
        offset = self.offset_at(point)
        if offset is None:
            return []
        return spans_at(list(self._spans.values()), offset)  # type: ignore[return-value]

    # -- Qt event overrides ----------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        point = event.position().toPoint()
        if (
            event.button() != Qt.MouseButton.LeftButton
            or press is None
            or (point - press).manhattanLength() > 3
            or self.textCursor().hasSelection()
        ):
            return
        self._on_click(point)

    def _on_click(self, point: QPoint) -> None:
        offset = self.offset_at(point)
        hits = [] if offset is None else spans_at(list(self._spans.values()), offset)
        if not hits or offset is None:
            self._click_cycle = (-1, 0)
            if self._selected_span is not None:
                self.set_selected_span(None)
                self.span_selection_cleared.emit()
            return
        # The same place clicked again steps outward through the overlapping spans.
        previous_offset, index = self._click_cycle
        index = (index + 1) % len(hits) if previous_offset == offset else 0
        self._click_cycle = (offset, index)
        span_id = hits[index].id
        self.set_selected_span(span_id)
        self.span_clicked.emit(span_id)

    def viewportEvent(self, event: QEvent) -> bool:
        # Tooltip events go to the viewport, which the scroll area does not forward.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hits = self.spans_at_point(event.pos())
            if hits:
                QToolTip.showText(event.globalPos(), self._tooltip(hits), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, spans: list[Span]) -> str:
        """The highlight tooltip for `spans` (the claim view adds its claims to it)."""
        return span_tooltip(spans, self._scheme)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        hits = self.spans_at_point(event.pos())
        has_selection = self.selection_range() is not None
        span: Span | None = None
        if hits:
            selected = [s for s in hits if s.id == self._selected_span]
            span = selected[0] if selected else hits[0]
            if not has_selection:
                self.set_selected_span(span.id)
                self.span_clicked.emit(span.id)
        menu = self.build_context_menu(span, has_selection)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, span: Span | None, has_selection: bool) -> QMenu:
        """The menu for a selection and/or a span (separate so tests can inspect it)."""
        return context_menu(
            self,
            self._scheme,
            span,
            has_selection,
            SpanMenuRequests(
                label=self.label_requested.emit,
                stance=self.stance_requested.emit,
                note=self.note_requested.emit,
                delete=self.delete_requested.emit,
                copy=self.copy,
            ),
        )

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Read-only, but the keyboard selects (Shift+arrows): the caret shows where a
        # selection will start. Only in the focused column, so the others stay quiet.
        self.setCursorWidth(CARET_WIDTH)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setCursorWidth(0)
        super().focusOutEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Centre a column of readable width instead of stretching lines across a wide pane.
        readable = self.fontMetrics().horizontalAdvance("m") * READABLE_WIDTH_EM
        spare = max(0, self.width() - readable - 2 * MARGIN_PX)
        side = spare // 2
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
        self._highlight_near_screen()  # a taller view shows more text
