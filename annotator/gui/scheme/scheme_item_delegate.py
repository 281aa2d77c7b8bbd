"""How a scheme entry looks in a list: a round colour swatch, the name, the shortcut as a key cap."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.gui.scheme.scheme_list_model import KeyProblemRole, ShortcutRole


class SchemeItemDelegate(QStyledItemDelegate):
    """A round colour swatch, the name, and the shortcut as a key cap on the right."""

    ROW_HEIGHT = 30

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        color = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(color, QColor):
            option.icon = swatch(color, option.decorationSize)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        shortcut = str(index.data(ShortcutRole) or "")
        cap = self._cap_rect(opt, shortcut) if shortcut else QRect()
        if shortcut:
            # Leave room for the key cap so a long name is elided before it.
            room = cap.left() - opt.rect.left() - opt.decorationSize.width() - 24
            opt.text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if shortcut:
            self._paint_cap(painter, opt, cap, shortcut, dead=bool(index.data(KeyProblemRole)))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 60, max(size.height(), self.ROW_HEIGHT))

    @staticmethod
    def _cap_rect(option: QStyleOptionViewItem, shortcut: str) -> QRect:
        width = option.fontMetrics.horizontalAdvance(shortcut) + 14
        height = option.fontMetrics.height() + 4
        rect = option.rect
        return QRect(rect.right() - width - 8, rect.center().y() - height // 2 + 1, width, height)

    @staticmethod
    def _paint_cap(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRect, shortcut: str, *, dead: bool
    ) -> None:
        """The key cap; struck through and dashed when the key does nothing (a window
        action has it), so the list does not claim a key the analyst cannot use."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.highlightedText().color() if selected else palette.text().color()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QColor(text)
        border.setAlphaF(0.35)
        painter.setPen(QPen(border, 1, Qt.PenStyle.DashLine) if dead else border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 4, 4)
        muted = QColor(text)
        muted.setAlphaF(0.8)
        painter.setPen(muted)
        if dead:
            font = painter.font()
            font.setStrikeOut(True)
            painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shortcut)
        painter.restore()


def swatch(color: QColor, size: QSize) -> QIcon:
    """A round colour disc for list rows and combo boxes."""
    side = max(10, min(size.width(), size.height()))
    pixmap = QPixmap(side * 2, side * 2)  # drawn at 2x so it stays round on HiDPI
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color.darker(125))
    painter.setBrush(color)
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    icon = QIcon(pixmap)
    # A selected row must show the true colour, not the style's tinted version.
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
