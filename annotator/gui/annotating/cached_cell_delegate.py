"""A table delegate that paints each cell once and reuses the picture while it is unchanged.

Every row added, undone or redone changes the annotation list's row count, and Qt's table
repaints its whole viewport for that even when the new row is far off screen: thirty-odd
styled cells drawn again, unchanged, for each keystroke (4 ms of an add's 17, #15). A cell's
picture depends only on what it shows, its size, its state and the style's inputs, so it is
kept under exactly those, and a changed cell simply has a new key.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

_Index = QModelIndex | QPersistentModelIndex
CACHED_CELLS = 600  # a tall list's screen of cells in two or three states
_RESTYLING = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.StyleChange,
        QEvent.Type.ApplicationFontChange,
        QEvent.Type.ApplicationPaletteChange,
        QEvent.Type.LayoutDirectionChange,
    }
)


class CachedCellDelegate(QStyledItemDelegate):
    """`content_of(index)` names what a cell of `view` shows (None: paint it directly,
    uncached). The view is required: its font, palette and style changes are what make
    every kept picture stale."""

    def __init__(
        self,
        content_of: Callable[[_Index], Hashable | None],
        view: QWidget,
        limit: int = CACHED_CELLS,
    ):
        super().__init__(view)
        self._content_of = content_of
        self._limit = limit
        self._pictures: OrderedDict[Hashable, QPixmap] = OrderedDict()
        # Not in each cell's key: a font's key() is built as a string, per cell.
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESTYLING:
            self._pictures.clear()
        return super().eventFilter(watched, event)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        content = self._content_of(index)
        rect = option.rect
        if content is None or rect.isEmpty():
            super().paint(painter, option, index)
            return
        ratio = painter.device().devicePixelRatioF()
        key = (
            content,
            rect.width(),
            rect.height(),
            option.state.value,
            option.features.value,
            ratio,
        )  # the view's font, palette and style: `eventFilter` forgets every picture
        picture = self._pictures.get(key)
        if picture is None:
            picture = self._draw(option, index, ratio)
            self._pictures[key] = picture
            if len(self._pictures) > self._limit:
                self._pictures.popitem(last=False)
        else:
            self._pictures.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), picture)

    def _draw(self, option: QStyleOptionViewItem, index: _Index, ratio: float) -> QPixmap:
        size = option.rect.size()
        picture = QPixmap(size * ratio)
        picture.setDevicePixelRatio(ratio)
        # Transparent: the view has already drawn the row's own (alternating) background.
        picture.fill(Qt.GlobalColor.transparent)
        local = QStyleOptionViewItem(option)
        local.rect = QRect(0, 0, size.width(), size.height())
        painter = QPainter(picture)
        try:
            super().paint(painter, local, index)
        finally:
            painter.end()
        return picture
