"""GuidelinesPanel: read rendered, edit, save as an undoable setting."""

from __future__ import annotations

import pytest

from annotator.gui.annotating.guidelines_dock import GuidelinesPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def panel(session, qtbot):
    widget = GuidelinesPanel(session)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_the_rendered_guidelines(panel):
    text = panel.viewer.toPlainText()
    assert "Annotation guidelines" in text
    assert "**" not in text and "# " not in text
    assert not panel.is_editing()
    assert panel.viewer.isVisible() and not panel.editor.isVisible()


def test_edit_save_undo_redo(panel, session, qtbot):
    original = session.store.settings.get("guidelines")
    panel.edit_button.click()
    assert panel.is_editing()
    assert panel.editor.isVisible()
    assert panel.editor.toPlainText() == original
    panel.editor.setPlainText("# New rules\n\nLabel **every** number.")
    with qtbot.waitSignal(session.settings_changed):
        panel.save_button.click()
    assert not panel.is_editing()
    assert session.store.settings.get("guidelines").startswith("# New rules")
    assert "New rules" in panel.viewer.toPlainText()
    assert session.undo_stack.undoText() == "Edit guidelines"

    session.undo_stack.undo()
    assert session.store.settings.get("guidelines") == original
    assert "Annotation guidelines" in panel.viewer.toPlainText()
    session.undo_stack.redo()
    assert "New rules" in panel.viewer.toPlainText()


def test_cancel_discards(panel, session):
    original = session.store.settings.get("guidelines")
    panel.edit_button.click()
    panel.editor.setPlainText("scratch")
    panel.cancel_button.click()
    assert session.store.settings.get("guidelines") == original
    assert session.undo_stack.count() == 0
    panel.edit_button.click()
    assert panel.editor.toPlainText() == original


def test_saving_unchanged_text_pushes_nothing(panel, session):
    panel.edit_button.click()
    panel.save_button.click()
    assert session.undo_stack.count() == 0


def test_empty_guidelines_invite_writing_them(panel, session):
    session.apply_setting("guidelines", "")
    assert "No guidelines yet" in panel.viewer.toPlainText()
