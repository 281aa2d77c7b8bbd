"""The Documents panel: filter by title, outlet and done; a virtual list; Enter opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document
from annotator.gui.commands import SetDoneCommand
from annotator.gui.reading import document_list_model, documents_panel
from annotator.gui.reading.documents_panel import EMPTY_FILTERED, DocumentsPanel
from annotator.gui.session import ProjectSession
from annotator.store.project_store import ProjectStore

MANY = 600


@pytest.fixture
def panel(qtbot, session: ProjectSession) -> DocumentsPanel:
    made = DocumentsPanel(session)
    qtbot.addWidget(made)
    made.resize(300, 400)
    made.show()
    qtbot.waitExposed(made)
    return made


def _summaries_asked(session: ProjectSession, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    finder = session.store.document_list
    summaries = finder.summaries
    monkeypatch.setattr(
        finder, "summaries", lambda ids, me: (asked.extend(ids), summaries(ids, me))[1]
    )
    return asked


def test_nothing_is_read_before_the_panel_is_shown(qtbot, session, monkeypatch) -> None:
    # Its dock starts as a hidden tab: opening the project must not pay for it.
    seen: list[str] = []
    session.store.conn.set_trace_callback(seen.append)
    try:
        hidden = DocumentsPanel(session)
        qtbot.addWidget(hidden)
    finally:
        session.store.conn.set_trace_callback(None)
    assert hidden.model is None and seen == []
    hidden.show()
    assert hidden.model is not None and hidden.model.rowCount() == 3


def test_typing_filters_by_title_and_says_how_many(qtbot, qtmodeltester, panel) -> None:
    assert panel.count_label.text() == "3 documents"
    qtbot.keyClicks(panel.filter_field, "CJK art")
    assert panel.model.document_ids() == ["cjk"]
    assert panel.count_label.text() == "1 of 3 documents"
    qtmodeltester.check(panel.model)
    panel.filter_field.setText("nothing like it")
    assert panel.model.rowCount() == 0
    assert panel._stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == EMPTY_FILTERED
    panel.filter_field.clear()
    assert panel.model.rowCount() == 3
    assert panel._stack.currentWidget() is panel.list


def test_the_outlet_chooser_lists_outlets_with_counts_and_filters(panel) -> None:
    texts = [panel.outlet_filter.itemText(i) for i in range(panel.outlet_filter.count())]
    assert texts == ["All outlets", "cjk outlet (1)", "emoji outlet (1)", "en outlet (1)"]
    panel.outlet_filter.setCurrentIndex(texts.index("en outlet (1)"))
    assert panel.model.document_ids() == ["en"]
    panel.filter_field.setText("cjk")  # both filters apply
    assert panel.model.document_ids() == []


def test_the_done_chooser_keeps_my_done_or_not_done(panel, session) -> None:
    session.undo_stack.push(SetDoneCommand(session, "emoji", True))
    panel.done_filter.setCurrentIndex(panel.done_filter.findText("Done"))
    assert panel.model.document_ids() == ["emoji"]
    panel.done_filter.setCurrentIndex(panel.done_filter.findText("Not done"))
    assert "emoji" not in panel.model.document_ids()
    session.undo_stack.undo()  # not done again: the list follows
    assert "emoji" in panel.model.document_ids()


def test_enter_in_the_box_opens_the_current_row_and_esc_goes_back(qtbot, panel) -> None:
    panel.filter_field.setText("emoji")
    with qtbot.waitSignal(panel.document_activated) as opened:
        qtbot.keyClick(panel.filter_field, Qt.Key.Key_Return)
    assert opened.args == ["emoji"]
    with qtbot.waitSignal(panel.text_focus_requested):
        qtbot.keyClick(panel.filter_field, Qt.Key.Key_Escape)


def test_down_goes_to_the_list_where_enter_opens_the_row(qtbot, panel) -> None:
    panel.focus_filter()
    qtbot.keyClick(panel.filter_field, Qt.Key.Key_Down)
    assert panel.list.hasFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.document_activated) as opened:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert opened.args == [panel.model.document_ids()[1]]


def test_a_new_outlet_appears_when_documents_are_added(panel, session) -> None:
    with session.store.write():
        session.store.documents.add(Document(id="new", text="x", title="New", source="Wire"))
    session.documents_changed.emit()
    texts = [panel.outlet_filter.itemText(i) for i in range(panel.outlet_filter.count())]
    assert "Wire (1)" in texts
    assert panel.count_label.text() == "4 documents"


@pytest.fixture
def many(store: ProjectStore) -> ProjectStore:
    with store.write():
        position = store.documents.next_position()
        for index in range(MANY):
            store.documents.add(
                Document(id=f"m{index:04d}", text=f"text {index}", title=f"Story {index}",
                         source="Wire" if index % 2 else "Ledger"),
                position + index,
            )  # fmt: skip
    return store


def test_only_the_rows_on_screen_are_read(qtbot, many, monkeypatch) -> None:
    # An archive of 10,000: the list is virtual. A keystroke reads the ids it keeps and
    # one page of summaries; the view is handed rows a batch at a time as it scrolls.
    monkeypatch.setattr(document_list_model, "COUNT_PAGE", 40)
    monkeypatch.setattr(documents_panel, "ROWS_AT_A_TIME", 50)
    session = ProjectSession(many, "alice")
    try:
        asked = _summaries_asked(session, monkeypatch)
        shown = DocumentsPanel(session)
        qtbot.addWidget(shown)
        shown.resize(300, 400)  # about 10 rows on screen
        shown.show()
        qtbot.waitExposed(shown)
        model = shown.model
        assert model is not None and model.match_count() == MANY + 3
        assert model.rowCount() == 50
        assert shown.count_label.text() == f"{MANY + 3} documents"
        QApplication.processEvents()  # the list lays its rows out, then paints them
        assert 0 < len(asked) <= 40
        asked.clear()
        shown.filter_field.setText("story 5")  # both words, anywhere in the title
        QApplication.processEvents()
        assert model.match_count() == sum("5" in str(i) for i in range(MANY))
        assert model.rowCount() == 50
        assert 0 < len(asked) <= 40
        shown.list.scrollToBottom()
        QApplication.processEvents()
        assert model.rowCount() == 100  # scrolled to the end: the next batch
        QApplication.processEvents()
        assert len(asked) <= 40 * 3  # the first page, the last, at most one between
    finally:
        session._poll.stop()
