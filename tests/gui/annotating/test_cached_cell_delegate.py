"""The annotation list's cached cell pictures look exactly like freshly styled cells,
whatever changed: the rows, a span's label, the selection, the font, the palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QStyledItemDelegate

from annotator.gui.annotating.annotation_list_panel import AnnotationListPanel
from annotator.gui.annotating.annotation_table_model import Column
from annotator.gui.annotating.cached_cell_delegate import CachedCellDelegate
from annotator.gui.commands import EditSpanCommand

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ROUNDING = 3  # channel levels out of 255


@pytest.fixture
def wide(panel):
    """The list panel (tests/gui/annotating/conftest.py) wide enough to show the label
    swatches and the stance colours."""
    panel.resize(1100, 300)
    return panel


def pictures(panel: AnnotationListPanel) -> tuple[QImage, QImage]:
    """The table's viewport painted by its cached delegate, then by a plain styled one."""
    table = panel.table
    cached = table.itemDelegate()
    assert isinstance(cached, CachedCellDelegate)
    plain = QStyledItemDelegate(table)
    first = table.viewport().grab().toImage()
    table.setItemDelegate(plain)
    second = table.viewport().grab().toImage()
    table.setItemDelegate(cached)
    plain.deleteLater()
    return first, second


def assert_looks_styled(panel: AnnotationListPanel) -> None:
    """Equal but for rounding: text blended onto a transparent picture, then onto the row,
    may differ by a level or two in a channel from text blended onto the row directly."""
    cached, plain = pictures(panel)
    assert cached.size() == plain.size()
    worst = 0
    for y in range(cached.height()):
        for x in range(cached.width()):
            if cached.pixel(x, y) != plain.pixel(x, y):
                a, b = QColor(cached.pixel(x, y)), QColor(plain.pixel(x, y))
                worst = max(
                    worst, *(abs(i - j) for i, j in zip(a.getRgb(), b.getRgb(), strict=True))
                )
    assert worst <= ROUNDING


def test_cells_look_as_styled_ones_and_are_reused(wide):
    assert_looks_styled(wide)
    delegate = wide.table.itemDelegate()
    kept = len(delegate._pictures)
    assert kept > 0
    wide.table.viewport().grab()
    assert len(delegate._pictures) == kept  # the second paint drew nothing new


def test_a_changed_label_and_the_selection_are_painted_anew(wide, session):
    assert_looks_styled(wide)
    span = wide.model.span_at(0)
    session.undo_stack.push(EditSpanCommand(session, span.id, label="Source"))
    assert wide.model.index(0, Column.LABEL).data() == "Source"
    assert_looks_styled(wide)
    wide.table.selectRow(1)
    assert_looks_styled(wide)


def test_font_and_palette_changes_forget_the_pictures(wide):
    assert_looks_styled(wide)
    font = QFont(wide.table.font())
    font.setPointSize(font.pointSize() + 5)
    wide.table.setFont(font)
    assert_looks_styled(wide)
    palette = QPalette(wide.table.palette())
    palette.setColor(QPalette.ColorRole.Text, QColor("#b00020"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    wide.table.setPalette(palette)
    assert_looks_styled(wide)
