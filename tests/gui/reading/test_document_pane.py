"""DocumentPane: choosing documents, done, document stance, incremental span updates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand, DeleteSpansCommand, EditSpanCommand
from annotator.gui.reading.document_pane import DocumentPane


@pytest.fixture
def pane(qtbot, session):
    widget = DocumentPane(session)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show_document("en")
    return widget


def test_shows_visible_spans_only(pane):
    assert pane.document_id == "en"
    assert {s.id for s in pane.view.spans()} == {"a1", "a2"}
    assert pane.combo.currentIndex() == pane._model.row_of("en")
    assert pane.meta_label.text() == "en outlet"


def test_choosing_a_document_in_the_combo(pane, qtbot):
    row = pane._model.row_of("emoji")
    with qtbot.waitSignal(pane.document_changed) as blocker:
        pane.combo.setCurrentIndex(row)
        pane.combo.activated.emit(row)
    assert blocker.args == ["emoji"]
    assert pane.view.toPlainText().startswith("Experts 👩‍💻")


def test_done_checkbox_pushes_undoable_command(pane, session):
    pane.done_box.click()
    assert session.store.documents.is_done("en", "alice")
    assert pane.done_box.isChecked()
    session.undo_stack.undo()
    assert not session.store.documents.is_done("en", "alice")
    assert not pane.done_box.isChecked()
    session.undo_stack.redo()
    assert pane.done_box.isChecked()


def test_stance_buttons_push_undoable_commands(pane, session):
    target = session.default_target()
    against = pane.stance_group.button(pane._stance_names.index("against"))
    against.click()
    assert session.my_document_stance("en", target) == "against"
    pane.stance_group.button(pane._stance_names.index("")).click()
    assert session.my_document_stance("en", target) is None
    session.undo_stack.undo()
    assert session.my_document_stance("en", target) == "against"
    assert against.isChecked()
    session.undo_stack.undo()
    assert session.my_document_stance("en", target) is None
    assert pane.stance_group.button(pane._stance_names.index("")).isChecked()


def test_others_stance_chips_when_shown(pane, session):
    target = session.default_target()
    session.store.annotations.set_document_stance("en", "bob", target, "favor")
    session.set_show_others(True)
    pane.resize(700, 500)
    assert pane.stance_row.chip_texts() == ["bob: favor"]
    assert "b1" in {s.id for s in pane.view.spans()}


def test_span_commands_update_the_view_incrementally(pane, session):
    session.undo_stack.push(AddSpanCommand(session, Span("n1", "en", 22, 28, "Source", "alice")))
    assert "n1" in {s.id for s in pane.view.spans()}
    session.undo_stack.push(EditSpanCommand(session, "n1", label="Claim"))
    assert next(s for s in pane.view.spans() if s.id == "n1").label == "Claim"
    session.undo_stack.push(DeleteSpansCommand(session, [session.store.annotations.span("a2")]))
    assert "a2" not in {s.id for s in pane.view.spans()}
    session.undo_stack.undo()
    assert "a2" in {s.id for s in pane.view.spans()}


def test_other_documents_changes_are_ignored(pane, session):
    before = pane.view.spans()
    session.undo_stack.push(AddSpanCommand(session, Span("c1", "cjk", 0, 2, "Claim", "alice")))
    assert pane.view.spans() == before


def test_activation_and_close_signals(pane, qtbot):
    with qtbot.waitSignal(pane.activated):
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(pane.close_requested):
        pane.close_button.click()
    pane.set_active(True)
    assert pane.is_active() and pane.header.property("active")


@pytest.mark.qt_log_ignore("propagateSizeHints", "raise", "grabbing")
def test_opening_the_chooser_reads_only_the_rows_it_shows(qtbot, store, monkeypatch):
    # An archive of 10,000: the popup sized itself to the widest of every entry, reading
    # every document's summary and counting its spans (5 s on the archive, #15).
    from annotator.core.model import Document
    from annotator.gui.reading import document_list_model
    from annotator.gui.session import ProjectSession

    monkeypatch.setattr(document_list_model, "COUNT_PAGE", 40)
    with store.write():
        position = store.documents.next_position()
        for index in range(600):
            store.documents.add(
                Document(id=f"m{index:04d}", text=f"text {index}", title=f"Story {index}"),
                position + index,
            )
    session = ProjectSession(store, "alice")
    try:
        widget = DocumentPane(session)
        qtbot.addWidget(widget)
        widget.resize(700, 500)
        widget.show()
        widget.show_document("m0300")
        qtbot.waitExposed(widget)
        finder = session.store.document_list
        summaries = finder.summaries
        asked: list[str] = []
        monkeypatch.setattr(
            finder, "summaries", lambda ids, me: (asked.extend(ids), summaries(ids, me))[1]
        )
        widget.combo.showPopup()
        qtbot.waitUntil(lambda: widget.combo.view().isVisible())
        assert widget.combo.view().verticalScrollBar().isVisible()
        assert widget.combo.view().currentIndex().data(Qt.ItemDataRole.UserRole) == "m0300"
        assert len(asked) <= 2 * 40  # the page shown, perhaps its neighbour
        widget.combo.hidePopup()
    finally:
        session._poll.stop()


def test_a_new_pane_does_not_lay_out_every_document(qtbot, store, monkeypatch):
    # The chooser's style sheet set after its model made the list lay out all rows at
    # once, asking the Python model about each: 200 ms for two panes on the archive (#15).
    import sys

    from annotator.core.model import Document
    from annotator.gui.reading import document_list_model
    from annotator.gui.session import ProjectSession

    with store.write():
        position = store.documents.next_position()
        for index in range(600):
            store.documents.add(
                Document(id=f"m{index:04d}", text=f"text {index}", title=f"Story {index}"),
                position + index,
            )
    session = ProjectSession(store, "alice")
    calls = 0

    def count(frame, event, _arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == document_list_model.__file__:
            calls += 1

    try:
        model = document_list_model.DocumentListModel(session)
        sys.setprofile(count)
        try:
            widget = DocumentPane(session, model)
            qtbot.addWidget(widget)
            widget.show_document("m0300")
            widget.show()
            qtbot.waitExposed(widget)
        finally:
            sys.setprofile(None)
        assert calls < 200, calls
    finally:
        session._poll.stop()
