"""How the Documents panel paints a row: the title, and under it in a quieter colour the
outlet, date and counts, each elided at the panel's edge (its full text in the tooltip).

One line of "title — outlet · 12 annotations (3 mine)" was wider than the 300 px dock, so
the list scrolled sideways and the outlet was cut off; two elided lines fit any width.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.gui.reading.document_list_model import DetailRole, TitleRole

_Index = QModelIndex | QPersistentModelIndex
PADDING = 3  # above, between and below the two lines


class DocumentRowDelegate(QStyledItemDelegate):
    """Two lines per document: title, then outlet · date · counts."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # No width of its own: the row is the view's width and its text elides to it.
        line = option.fontMetrics.height()
        return QSize(0, 2 * line + 3 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        metrics = opt.fontMetrics
        line = metrics.height()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        main = opt.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        quiet = main if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        painter.save()
        top = opt.rect.top() + PADDING
        width = max(0, text.width() - 4)
        left = text.left() + 2
        painter.setPen(main)
        title = str(index.data(TitleRole) or "")
        painter.drawText(
            QRect(left, top, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setPen(quiet)
        detail = str(index.data(DetailRole) or "")
        painter.drawText(
            QRect(left, top + line + PADDING, width, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()
