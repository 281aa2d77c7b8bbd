"""The controller's selected annotation follows what exists (issue #13: selected state after undo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, session: ProjectSession):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.set_session(session)
    yield main
    main.set_session(None)


def test_undone_annotation_is_no_longer_selected(window: MainWindow, qtbot) -> None:
    session = window.session
    assert session is not None and window.controller is not None
    pane = window.active_pane()
    assert pane is not None
    pane.show_document("en")
    text = pane.view.document_model.text  # type: ignore[union-attr]
    start = text.index("Washington")
    pane.view.select_range(start, start + len("Washington"))
    (press_2,) = [a for a in window.menus.label_menu.actions() if a.shortcut().toString() == "2"]
    press_2.trigger()
    added = [s for s in session.store.annotations.spans("en") if s.start == start]
    assert len(added) == 1 and window.controller.selected_span_id == added[0].id
    messages: list[str] = []
    window.controller.message_posted.connect(messages.append)

    session.undo_stack.undo()
    assert window.controller.selected_span_id is None
    qtbot.keyClick(pane.view, Qt.Key.Key_Right)
    window.controller.apply_stance("against")
    window.controller.delete()
    assert "That annotation belongs to another annotator." not in messages
    assert messages == ["Click an annotation first, then choose its stance."]


def _label_selection(window: MainWindow, document_id: str, start: int, end: int) -> str:
    pane = window.active_pane()
    assert pane is not None and window.controller is not None and window.session is not None
    pane.show_document(document_id)
    pane.view.select_range(start, end)
    window.controller.apply_label("Claim")
    span = window.session.store.annotations.span(window.controller.selected_span_id or "")
    return window.session.document(document_id).text[span.start : span.end]


def test_a_label_trims_spaces_snaps_to_words_and_selects_the_new_annotation(
    window: MainWindow,
) -> None:
    text = window.session.document("en").text  # type: ignore[union-attr]
    start = text.index("han 160 ex")  # "More| than 160 ex|perts": a space, half a word
    assert _label_selection(window, "en", start - 2, start + 10) == "than 160 experts"
    pane = window.active_pane()
    assert pane is not None
    assert pane.view.selection_range() is None  # the highlight shows, not the selection
    assert pane.view.textCursor().hasSelection() is False


def test_snapping_keeps_emoji_and_combining_marks_whole(window: MainWindow) -> None:
    text = window.session.document("emoji").text  # type: ignore[union-attr]
    start = text.index("👩")
    # " 👩" with its leading space, ending between the woman and the ZWJ
    assert _label_selection(window, "emoji", start - 1, start + 1) == "👩‍💻"
    accent = text.index("e\u0301")
    assert _label_selection(window, "emoji", accent, accent + 1) == "e\u0301"


def test_the_scheme_option_turns_snapping_off_and_undo_turns_it_back_on(
    window: MainWindow, qtbot
) -> None:
    from annotator.gui.scheme.scheme_editor import SchemeEditorDialog

    session = window.session
    assert session is not None
    editor = SchemeEditorDialog(session, window)
    qtbot.addWidget(editor)
    assert editor.snap_to_words.isChecked()
    editor.snap_to_words.setChecked(False)
    assert session.snap_to_words() is False
    text = session.document("en").text
    start = text.index("han 160 ex")
    assert _label_selection(window, "en", start - 2, start + 10) == "than 160 ex"
    session.undo_stack.undo()  # the label
    session.undo_stack.undo()  # the option
    assert session.snap_to_words() is True and editor.snap_to_words.isChecked()
