"""How a search result is painted: the hit in bold on a marker colour inside its context,
a document row with its hit count; and the item data the results carry.

The marker and its letters come from gui/shell/ui_colors at paint time, so a dark scheme
gets a dark lime marker with light letters instead of a pale patch on the dark list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.gui.shell import ui_colors
from annotator.store.search_repo import MAX_HITS_PER_DOCUMENT

CONTEXT_CHARS = 48

# Item data: hits carry (document id, start, end) and their context in three parts.
HIT_ROLE = Qt.ItemDataRole.UserRole
CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 3


def context_parts(
    text: str, start: int, end: int, width: int = CONTEXT_CHARS
) -> tuple[str, str, str]:
    """(before, hit, after) around text[start:end], on one line, with ellipses where cut."""
    left = max(0, start - width)
    right = min(len(text), end + width)

    def flat(part: str) -> str:
        return part.replace("\r", " ").replace("\n", " ").replace("\u2029", " ")

    before = ("…" if left else "") + flat(text[left:start]).lstrip()
    after = flat(text[end:right]).rstrip() + ("…" if right < len(text) else "")
    return before, flat(text[start:end]), after


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as context with the match in bold on a marker colour; documents with a count."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._font_cache: dict[str, tuple[QFont, QFontMetrics, QFontMetrics]] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        parts = index.data(CONTEXT_ROLE)
        count = index.data(COUNT_ROLE)
        if not parts and count is None:
            super().paint(painter, option, index)
            return
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 0, -2, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        if parts:
            self._paint_hit(painter, rect, opt.font, parts, text_color, selected)
        else:
            self._paint_document(painter, rect, opt, str(index.data()), int(count), text_color)
        painter.restore()

    def _paint_hit(
        self,
        painter: QPainter,
        rect: QRect,
        font: QFont,
        parts: tuple[str, str, str],
        color: QColor,
        selected: bool,
    ) -> None:
        before, hit, after = parts
        bold, plain_metrics, bold_metrics = self._fonts(font)
        width = rect.width()
        hit = bold_metrics.elidedText(hit, Qt.TextElideMode.ElideRight, max(width // 2, 40))
        hit_width = bold_metrics.horizontalAdvance(hit)
        # Keep some context on the left but make sure the hit itself is always visible.
        room = max(0, width - hit_width)
        after_width = plain_metrics.horizontalAdvance(after)
        before_width = plain_metrics.horizontalAdvance(before)
        before_budget = max(min(room // 3, before_width), room - after_width)
        if before_width > before_budget:
            before = plain_metrics.elidedText(before, Qt.TextElideMode.ElideLeft, before_budget)
            before_width = plain_metrics.horizontalAdvance(before)
        # Drawn at a baseline, not into a rectangle with alignment flags: the texts are
        # already cut to fit, and the flagged form lays each one out again (a third of a
        # search's first page painted, #15).
        baseline = (
            rect.top() + (rect.height() + plain_metrics.ascent() - plain_metrics.descent()) // 2
        )
        x = rect.left()
        painter.setPen(color)
        painter.setFont(font)
        painter.drawText(x, baseline, before)
        x += before_width
        hit_rect = QRect(x, rect.top() + 2, hit_width + 2, rect.height() - 4)
        if not selected:
            colors = ui_colors.current()
            painter.fillRect(hit_rect, QColor(colors.hit_box))
            painter.setPen(QColor(colors.hit_text))
        painter.setFont(bold)
        painter.drawText(x + 1, baseline, hit)
        x += hit_width + 2
        painter.setPen(color)
        painter.setFont(font)
        if after_width > rect.right() - x:
            after = plain_metrics.elidedText(after, Qt.TextElideMode.ElideRight, rect.right() - x)
        painter.drawText(x, baseline, after)

    def _fonts(self, font: QFont) -> tuple[QFont, QFontMetrics, QFontMetrics]:
        """The bold font and both metrics for `font`, made once per font, not per row."""
        key = font.key()
        cached = self._font_cache.get(key)
        if cached is None:
            bold = QFont(font)
            bold.setBold(True)
            cached = (bold, QFontMetrics(font), QFontMetrics(bold))
            self._font_cache[key] = cached
        return cached

    def _paint_document(
        self,
        painter: QPainter,
        rect: QRect,
        opt: QStyleOptionViewItem,
        title: str,
        count: int,
        color: QColor,
    ) -> None:
        bold = QFont(opt.font)
        bold.setBold(True)
        counter = f"{count} hit" if count == 1 else f"{count} hits"
        if count >= MAX_HITS_PER_DOCUMENT:
            counter = f"{MAX_HITS_PER_DOCUMENT}+ hits"
        plain_metrics, bold_metrics = QFontMetrics(opt.font), QFontMetrics(bold)
        counter_width = plain_metrics.horizontalAdvance(counter) + 8
        flags = Qt.AlignmentFlag.AlignVCenter
        title = bold_metrics.elidedText(
            title, Qt.TextElideMode.ElideRight, max(0, rect.width() - counter_width)
        )
        painter.setPen(color)
        painter.setFont(bold)
        painter.drawText(rect, flags | Qt.AlignmentFlag.AlignLeft, title)
        faded = QColor(color)
        faded.setAlphaF(0.6)
        painter.setPen(faded)
        painter.setFont(opt.font)
        painter.drawText(rect, flags | Qt.AlignmentFlag.AlignRight, counter)
