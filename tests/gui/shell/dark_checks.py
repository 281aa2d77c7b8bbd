"""What "readable in dark mode" means on a grabbed window (issue #13), in two measures.

1. No large light area: the grab is cut into 8 px tiles; a tile whose mean relative luminance
   is over LIGHT_TILE is light; light tiles touching one another form an area, and an area
   over LIGHT_AREA_PX (a white card, a pale table cell column, a light header) is a failure.
2. Text contrast: for each piece of text on screen (every visible label, button, tab, header
   section and item-view cell with text), the region is cut from the grab; its background is
   the region's most frequent colour and its text's contrast that of its second most
   contrasted pixel (so one stray pixel is not text, and a thin glyph like ✓ still counts). Under MIN_CONTRAST (WCAG AA, 4.5:1) is a failure. Taking
   the best-contrasted pixel is lenient on purpose: a failure means no part of the text reads.

`scheme_follower()` is the one way tests switch the scheme: it yields the app's
ColorSchemeFollower and puts the app back in light (style sheet, palette, tables) afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTabBar,
    QWidget,
)

from annotator.gui.reading import view_colors
from annotator.gui.shell.color_scheme import ColorSchemeFollower

LIGHT_TILE = 0.5
LIGHT_AREA_PX = 6000
MIN_CONTRAST = 4.5
TILE = 8
MAX_CELLS = 80  # per item view: enough to meet every kind of cell


@contextmanager
def scheme_follower() -> Iterator[ColorSchemeFollower]:
    """A follower started in light; on exit the app is light again, as it was before."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette = app.styleSheet(), QPalette(app.palette())
    follower = ColorSchemeFollower(app)
    follower.apply(Qt.ColorScheme.Light)
    try:
        yield follower
    finally:
        follower.apply(Qt.ColorScheme.Light)
        app.styleHints().colorSchemeChanged.disconnect(follower.apply)
        follower.setParent(None)
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        view_colors.use_dark(False)


def image_array(image: QImage) -> np.ndarray:
    """(height, width, 3) uint8 RGB of `image`."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    raw = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of the last axis' RGB."""
    c = rgb.astype(np.float64) / 255.0
    linear = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def light_areas(pixels: np.ndarray) -> list[tuple[int, QRect]]:
    """(area in px, bounding rect) of every light area over LIGHT_AREA_PX."""
    height, width = pixels.shape[:2]
    rows, cols = height // TILE, width // TILE
    tiles = luminance(pixels[: rows * TILE, : cols * TILE]).reshape(rows, TILE, cols, TILE)
    light = tiles.mean(axis=(1, 3)) > LIGHT_TILE
    seen = np.zeros_like(light)
    found: list[tuple[int, QRect]] = []
    for r0, c0 in zip(*np.nonzero(light), strict=True):
        if seen[r0, c0]:
            continue
        stack, cells = [(r0, c0)], []
        seen[r0, c0] = True
        while stack:
            r, c = stack.pop()
            cells.append((r, c))
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and light[nr, nc] and not seen[nr, nc]:
                    seen[nr, nc] = True
                    stack.append((nr, nc))
        area = len(cells) * TILE * TILE
        if area > LIGHT_AREA_PX:
            rs, cs = [c[0] for c in cells], [c[1] for c in cells]
            box = QRect(min(cs) * TILE, min(rs) * TILE, (max(cs) - min(cs) + 1) * TILE,
                        (max(rs) - min(rs) + 1) * TILE)  # fmt: skip
            found.append((area, box))
    return found


def region_contrast(pixels: np.ndarray, rect: QRect) -> float | None:
    """Contrast of the region's text against its background; None when it has no pixels."""
    height, width = pixels.shape[:2]
    x0, y0 = max(rect.left(), 0), max(rect.top(), 0)
    x1, y1 = min(rect.right() + 1, width), min(rect.bottom() + 1, height)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    region = pixels[y0:y1, x0:x1].reshape(-1, 3)
    colours, counts = np.unique(region, axis=0, return_counts=True)
    background = luminance(colours[counts.argmax()])
    lum = luminance(region)
    lighter, darker = np.maximum(lum, background), np.minimum(lum, background)
    ratios = np.sort((lighter + 0.05) / (darker + 0.05))
    return float(ratios[-2])  # the second best pixel: one stray pixel is not text


@dataclass
class TextRegion:
    what: str
    rect: QRect  # in the top widget's coordinates


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.isEnabled() and widget.width() > 0


def _in_top(widget: QWidget, top: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapTo(top, rect.topLeft()), rect.size())


def text_regions(top: QWidget) -> list[TextRegion]:
    """Every piece of text `top` shows now, with where it is."""
    regions: list[TextRegion] = []
    for label in top.findChildren(QLabel):
        if _shown(label, top) and label.text().strip():
            regions.append(TextRegion(f"label {label.text()[:40]!r}",
                                      _in_top(label, top, label.contentsRect())))  # fmt: skip
    for button in top.findChildren(QAbstractButton):
        if _shown(button, top) and button.text().strip():
            regions.append(TextRegion(f"button {button.text()[:40]!r}",
                                      _in_top(button, top, button.rect())))  # fmt: skip
    for bar in top.findChildren(QTabBar):
        if _shown(bar, top):
            for i in range(bar.count()):
                regions.append(TextRegion(f"tab {bar.tabText(i)!r}",
                                          _in_top(bar, top, bar.tabRect(i))))  # fmt: skip
    for header in top.findChildren(QHeaderView):
        if _shown(header, top) and header.model() is not None:
            regions.extend(_header_regions(header, top))
    for view in top.findChildren(QAbstractItemView):
        if _shown(view, top) and not isinstance(view, QHeaderView) and view.model() is not None:
            regions.extend(_cell_regions(view, top))
    return [r for r in regions if r.rect.width() > 2 and r.rect.height() > 2]


def _header_regions(header: QHeaderView, top: QWidget) -> list[TextRegion]:
    model = header.model()
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    count = model.columnCount() if horizontal else model.rowCount()
    found = []
    for section in range(min(count, MAX_CELLS)):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, header.orientation())
        if not text or not str(text).strip():
            continue
        position, size = header.sectionViewportPosition(section), header.sectionSize(section)
        rect = (QRect(position, 0, size, header.height()) if horizontal
                else QRect(0, position, header.width(), size))  # fmt: skip
        rect = rect.intersected(header.viewport().rect())
        if not rect.isEmpty():
            found.append(TextRegion(f"header {str(text)[:30]!r}",
                                    _in_top(header.viewport(), top, rect)))  # fmt: skip
    return found


def _cell_regions(view: QAbstractItemView, top: QWidget) -> list[TextRegion]:
    model = view.model()
    viewport = view.viewport()
    found: list[TextRegion] = []

    def columns(parent: QModelIndex) -> int:
        try:
            return max(model.columnCount(parent), 1)
        except TypeError:  # a list model keeps columnCount private
            return 1

    def visit(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns(parent)):
                if len(found) >= MAX_CELLS:
                    return
                index = model.index(row, column, parent)
                rect = view.visualRect(index).intersected(viewport.rect())
                text = index.data(Qt.ItemDataRole.DisplayRole)
                enabled = bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
                if not rect.isEmpty() and enabled and text is not None and str(text).strip():
                    found.append(TextRegion(f"cell {str(text)[:30]!r} in {type(view).__name__}",
                                            _in_top(viewport, top, rect)))  # fmt: skip
            index = model.index(row, 0, parent)
            expanded = getattr(view, "isExpanded", lambda _i: False)(index)
            if expanded and model.rowCount(index) > 0:
                visit(index)

    visit(QModelIndex())
    return found


def problems(top: QWidget) -> list[str]:
    """What is unreadable in `top` as painted now: light areas and low-contrast text."""
    image = top.grab().toImage()
    pixels = image_array(image)
    found = [f"light area of {area} px at {box.x()},{box.y()} {box.width()}×{box.height()}"
             for area, box in light_areas(pixels)]  # fmt: skip
    for region in text_regions(top):
        ratio = region_contrast(pixels, region.rect)
        if ratio is not None and ratio < MIN_CONTRAST:
            found.append(f"{region.what}: contrast {ratio:.2f}:1")
    return found
