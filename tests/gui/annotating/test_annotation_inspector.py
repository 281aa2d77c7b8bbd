"""AnnotationInspector: shows one annotation; edits are undoable commands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFocusEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.gui.annotating.annotation_inspector import EMPTY_STATE, AnnotationInspector
from annotator.gui.commands import EditSpanCommand
from tests.conftest import SAMPLE_TEXTS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def inspector(session, qtbot):
    widget = AnnotationInspector(session)
    qtbot.addWidget(widget)
    widget.resize(360, 520)
    return widget


def stored(session, span_id: str) -> Span:
    return session.store.annotations.span(span_id)


def choose(combo, text: str) -> None:
    """What a user's pick does: set the index and emit `activated`."""
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_empty_state(inspector):
    assert inspector.span_id is None
    assert inspector.empty_label.text() == EMPTY_STATE
    assert inspector._pages.currentIndex() == 0


def test_shows_the_span(inspector):
    inspector.set_span("a1")
    assert "More than 160 experts" in inspector.quote_label.text()
    assert inspector.label_combo.currentText() == "Claim"
    assert inspector.stance_combo.currentText() == "against"
    assert inspector.target_combo.currentText() == "—"
    assert inspector.origin_label.text() == "alice · en article"
    assert inspector.is_editable()


def test_unknown_span_shows_the_empty_state(inspector):
    inspector.set_span("nope")
    assert inspector.span_id is None


def test_label_stance_target_edits_are_undoable(inspector, session):
    inspector.set_span("a1")
    target = session.scheme.targets[0].name
    choose(inspector.label_combo, "Evidence")
    choose(inspector.stance_combo, "—")
    choose(inspector.target_combo, target)
    span = stored(session, "a1")
    assert (span.label, span.stance, span.target) == ("Evidence", None, target)
    assert session.undo_stack.count() == 3

    session.undo_stack.undo()
    assert stored(session, "a1").target is None
    assert inspector.target_combo.currentText() == "—"
    session.undo_stack.undo()
    assert stored(session, "a1").stance == "against"
    assert inspector.stance_combo.currentText() == "against"
    session.undo_stack.undo()
    assert stored(session, "a1").label == "Claim"
    assert inspector.label_combo.currentText() == "Claim"
    session.undo_stack.redo()
    assert stored(session, "a1").label == "Evidence"


def test_choosing_the_current_value_pushes_nothing(inspector, session):
    inspector.set_span("a1")
    choose(inspector.label_combo, "Claim")
    assert session.undo_stack.count() == 0


def test_note_is_saved_after_a_pause_as_one_undo_step(inspector, session, qtbot):
    inspector.set_span("a2")
    inspector.note_edit.setPlainText("Where does")
    qtbot.waitUntil(lambda: stored(session, "a2").note == "Where does", timeout=2000)
    inspector.note_edit.setPlainText("Where does 160 come from?")
    qtbot.waitUntil(lambda: stored(session, "a2").note.endswith("from?"), timeout=2000)
    assert session.undo_stack.count() == 1  # consecutive note edits merge
    session.undo_stack.undo()
    assert stored(session, "a2").note == ""
    assert inspector.note_edit.toPlainText() == ""


def test_note_is_saved_when_focus_leaves(inspector, session):
    inspector.set_span("a2")
    inspector.note_edit.setPlainText("checked")
    QApplication.sendEvent(
        inspector.note_edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason)
    )
    assert stored(session, "a2").note == "checked"


def test_switching_span_saves_the_pending_note(inspector, session):
    inspector.set_span("a2")
    inspector.note_edit.setPlainText("pending")
    inspector.set_span("a1")
    assert stored(session, "a2").note == "pending"
    assert inspector.note_edit.toPlainText() == ""


def test_preview_renders_markdown_safely(inspector, session):
    session.undo_stack.push(
        EditSpanCommand(session, "a1", note="**Bold** ![x](file:///etc/passwd)")
    )
    inspector.set_span("a1")
    inspector.preview_button.setChecked(True)
    assert inspector._note_pages.currentWidget() is inspector.note_preview
    assert "Bold" in inspector.note_preview.toPlainText()
    assert "**" not in inspector.note_preview.toPlainText()
    inspector.preview_button.setChecked(False)
    assert inspector._note_pages.currentWidget() is inspector.note_edit


def test_delete_button_and_undo(inspector, session):
    inspector.set_span("a1")
    inspector.delete_button.click()
    assert "a1" not in {s.id for s in session.visible_spans()}
    assert inspector.span_id is None
    session.undo_stack.undo()
    assert stored(session, "a1").label == "Claim"


def test_other_annotators_span_is_read_only(inspector, session):
    session.set_show_others(True)
    inspector.set_span("b1")
    assert not inspector.is_editable()
    assert not inspector.label_combo.isEnabled()
    assert not inspector.stance_combo.isEnabled()
    assert inspector.note_edit.isReadOnly()
    assert inspector.delete_button.isHidden()
    assert "bob" in inspector.read_only_label.text()
    inspector.note_edit.setPlainText("sneaky")
    inspector.commit_note()
    assert stored(session, "b1").note == ""
    assert session.undo_stack.count() == 0


def test_refused_edit_shows_why_and_keeps_the_stored_value(inspector, session):
    # a2 and a new span on the same passage: relabelling one onto the other's label is refused.
    a2 = stored(session, "a2")
    session.store.annotations.add_span(Span("a3", "en", a2.start, a2.end, "Source", "alice"))
    inspector.set_span("a3")
    choose(inspector.label_combo, "Evidence")
    assert stored(session, "a3").label == "Source"
    assert inspector.label_combo.currentText() == "Source"
    assert inspector.error_label.isVisibleTo(inspector)
    assert session.undo_stack.count() == 0


def test_refreshes_on_scheme_rename(inspector, session):
    from annotator.core.model import SchemeKind

    inspector.set_span("a1")
    session.store.scheme.update(SchemeKind.LABEL, "Claim", name="Assertion")
    session.scheme_did_change()
    assert inspector.label_combo.currentText() == "Assertion"
    assert inspector.label_combo.findText("Claim") < 0


def test_deleted_elsewhere_shows_the_empty_state(inspector, session):
    inspector.set_span("a1")
    session.apply_delete_spans([stored(session, "a1")])
    assert inspector.span_id is None


def test_the_quote_card_is_restyled_only_when_the_label_colour_changes(
    inspector, session, monkeypatch
):
    # Setting a style sheet re-polishes the card and lays the dock out again: labelling
    # passage after passage in one label paid that on every add (#15).
    sheets = []
    card = inspector._quote_card
    monkeypatch.setattr(card, "setStyleSheet", lambda sheet: sheets.append(sheet))
    inspector.set_span("a1")  # Claim
    inspector.set_span("b1")  # Claim too (bob's)
    assert len(sheets) == 1
    inspector.set_span("a2")  # Evidence: another colour
    assert len(sheets) == 2
    evidence = QColor(session.scheme.color_of("Evidence"))
    assert f"rgba({evidence.red()}, {evidence.green()}, {evidence.blue()}, 30)" in sheets[-1]


def test_a_quote_of_another_length_does_not_move_the_fields_below_it(inspector, session):
    # Each new annotation's quote resized the card: every field under it moved and was
    # repainted, and the inspector's dock laid out again (#15).
    text = SAMPLE_TEXTS["en"]
    longer = Span("long", "en", 0, min(len(text), 90), "Claim", "alice")
    session.apply_add_spans([longer])
    inspector.show()
    inspector.set_span("a2")  # three characters: one line
    QApplication.processEvents()
    moved = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
                moved.append((type(watched).__name__, event.type().name))
            return False

    watch = Watch(inspector)
    for widget in (inspector._quote_card, inspector.label_combo, inspector.note_edit):
        widget.installEventFilter(watch)
    inspector.set_span("long")  # ninety characters: two lines or more at this width
    QApplication.processEvents()
    assert inspector.quote_label.heightForWidth(inspector.quote_label.width()) > (
        inspector.quote_label.fontMetrics().lineSpacing() * 2
    )
    assert moved == []
