"""AnnotationListPanel: filters, counts, activation and deleting with the Delete key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.gui.annotating.annotation_list_panel import EMPTY_FILTERED, AnnotationListPanel
from annotator.gui.annotating.annotation_table_model import SPAN_ID_ROLE, Column

# Showing a top-level widget on the offscreen platform warns once; not our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def shown(panel: AnnotationListPanel) -> list[str]:
    proxy = panel.model
    return [proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(proxy.rowCount())]


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_shows_my_annotations_with_a_count(panel):
    assert shown(panel) == ["a1", "a2", "c1"]
    assert panel.count_label.text() == "3 of 3 annotations"


def test_combos_filter_and_update_the_count(panel):
    choose(panel.label_filter, "Evidence")
    assert shown(panel) == ["a2", "c1"]
    assert panel.count_label.text() == "2 of 3 annotations"
    choose(panel.stance_filter, "favor")
    assert shown(panel) == ["c1"]
    choose(panel.stance_filter, "— none")
    assert shown(panel) == ["a2"]
    choose(panel.stance_filter, "All stances")
    choose(panel.document_filter, "cjk article")
    assert shown(panel) == ["c1"]
    choose(panel.label_filter, "All labels")
    choose(panel.document_filter, "All documents")
    assert len(shown(panel)) == 3


def test_annotator_filter_when_showing_others(panel, session):
    assert panel.annotator_filter.isHidden()
    assert panel.table.isColumnHidden(Column.ANNOTATOR)
    session.set_show_others(True)
    assert not panel.annotator_filter.isHidden()
    assert not panel.table.isColumnHidden(Column.ANNOTATOR)
    choose(panel.annotator_filter, "bob")
    assert shown(panel) == ["b1"]


def test_text_filter_and_empty_state(panel):
    panel.text_filter.setText("160 EXPERTS")
    assert shown(panel) == ["a1"]
    panel.text_filter.setText("no such words")
    assert shown(panel) == []
    assert panel.count_label.text() == "0 of 3 annotations"
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == EMPTY_FILTERED


def test_clicking_a_row_emits_its_document_and_span(panel, qtbot):
    index = panel.model.index(2, 1)
    rect = panel.table.visualRect(index)
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["cjk", "c1"]


def test_enter_emits_the_current_row(panel, qtbot):
    assert panel.select_span("a2")
    with qtbot.waitSignal(panel.annotation_activated) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args == ["en", "a2"]


def test_delete_key_deletes_as_one_undoable_step(panel, session, qtbot):
    assert panel.select_span("a1")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [s.id for s in session.visible_spans()] == ["a2", "c1"]
    assert shown(panel) == ["a2", "c1"]
    session.undo_stack.undo()
    assert session.store.annotations.span("a1").label == "Claim"
    assert shown(panel) == ["a1", "a2", "c1"]


def test_delete_key_leaves_other_annotators_alone(panel, session, qtbot):
    session.set_show_others(True)
    assert panel.select_span("b1")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert session.store.annotations.span("b1").annotator == "bob"
    assert session.undo_stack.count() == 0


def test_new_label_appears_in_the_filter(panel, session):
    from annotator.core.model import SchemeItem, SchemeKind
    from annotator.gui.commands import AddSchemeItemCommand

    session.undo_stack.push(AddSchemeItemCommand(session, SchemeItem(SchemeKind.LABEL, "Quote")))
    assert panel.label_filter.findText("Quote") >= 0


def test_sorting_by_a_header_sorts_in_the_model(panel):
    # With 100,000 annotations a sort through Python comparisons took 40 s to open the
    # window; the model sorts in SQL, and document order needs no sort at all.
    model = panel.model
    in_document_order = shown(panel)
    assert in_document_order == ["a1", "a2", "c1"]
    assert model.sort_column() == Column.DOCUMENT
    panel.table.sortByColumn(Column.LABEL, Qt.SortOrder.AscendingOrder)
    labels = [model.span_at(model.row_of(i)).label for i in shown(panel)]
    assert labels == sorted(labels) and len(set(labels)) > 1
    panel.table.sortByColumn(Column.DOCUMENT, Qt.SortOrder.AscendingOrder)
    assert shown(panel) == in_document_order
    assert panel.table.horizontalHeader().sortIndicatorSection() == Column.DOCUMENT
    panel.table.sortByColumn(Column.DOCUMENT, Qt.SortOrder.DescendingOrder)
    assert shown(panel) == in_document_order[::-1]


def test_the_document_filter_calls_no_python_per_document(session, qtbot, qtmodeltester):
    # An archive of 10,000 articles: put in its dock's scroll area under the app's style
    # sheet, the combo's list view is polished and asks the model's rowCount twice per
    # title; in Python that was 20,000 calls on opening the project (#15). The titles now
    # live in a C++ string list.
    import sys

    from PySide6.QtWidgets import QApplication, QScrollArea

    from annotator.core.model import Document
    from annotator.gui.annotating import annotation_list_panel
    from annotator.gui.shell.resources import load_stylesheet

    many = 2000
    with session.store.write():
        position = session.store.documents.next_position()
        for index in range(many):
            session.store.documents.add(
                Document(id=f"m{index}", text=f"text {index}", title=f"Story {index}"),
                position + index,
            )
    calls = 0

    def count(frame, event, _arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == annotation_list_panel.__file__:
            calls += 1

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    app.setStyleSheet(load_stylesheet())
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    sys.setprofile(count)
    try:
        widget = AnnotationListPanel(session)
        area.setWidget(widget)  # as the dock column does
        area.show()
        qtbot.waitExposed(area)
    finally:
        sys.setprofile(None)
        app.setStyleSheet(sheet)
    assert widget.document_filter.count() == many + 4  # "All documents" and every title
    assert calls < many // 10, calls
    choose(widget.document_filter, "Story 1999")
    assert widget.document_filter.currentData() == "m1999"
    qtmodeltester.check(widget._documents)


def test_an_added_row_is_laid_out_at_once_not_on_a_later_pass(panel, session):
    # The table placed an added row on a timer of its own after the change, so every add,
    # undo and redo painted the window twice: the change, then the table (#15).
    many = [Span(f"m{i}", "en", i, i + 3, "Claim", "alice") for i in range(0, 60, 2)]
    session.apply_add_spans(many)
    QApplication.processEvents()
    bar = panel.table.verticalScrollBar()
    before = bar.maximum()
    assert before > 0, "more rows than the table shows"
    session.apply_add_spans([Span("one-more", "en", 70, 75, "Claim", "alice")])
    assert bar.maximum() == before + 1  # before any event is processed
    session.apply_delete_spans([session.store.annotations.span("one-more")])
    assert bar.maximum() == before
