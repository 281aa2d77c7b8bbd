"""The agreement tables sort in their model: undefined last, ties in the given order, the
summary row on top, and the selected row stays selected across a sort."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from annotator.gui.review.agreement_table_model import (
    AgreementTableModel,
    Row,
    count_cell,
    number_cell,
    text_cell,
)
from annotator.gui.review.agreement_table_view import AgreementTableView


def rows() -> list[Row]:
    return [
        Row("b", [text_cell("Bravo"), number_cell(0.5, "")]),
        Row(None, [text_cell("All"), number_cell(0.9, "")]),
        Row("u", [text_cell("undefined"), number_cell(None, "no pair")]),
        Row("a", [text_cell("alpha"), number_cell(0.5, "")]),
        Row("c", [text_cell("Charlie"), count_cell(0)]),
    ]


def test_sorting_in_the_model(qtbot, qtmodeltester) -> None:
    model = AgreementTableModel(["Name", "Value"])
    view = AgreementTableView(model)
    qtbot.addWidget(view)
    model.set_rows(rows())
    qtmodeltester.check(model)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert view.keys_in_view_order() == [None, "c", "b", "a", "u"]  # b before a: as given
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.keys_in_view_order() == [None, "u", "b", "a", "c"]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # case folded
    assert view.keys_in_view_order() == [None, "a", "b", "c", "u"]
    view.selectionModel().select(
        model.index(2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    (selected,) = view.selectionModel().selectedRows()
    assert view.row_key(selected) == "b"
    model.set_rows(rows()[:3])  # new rows keep the view's sort
    assert view.keys_in_view_order() == [None, "u", "b"]
    qtmodeltester.check(model)
