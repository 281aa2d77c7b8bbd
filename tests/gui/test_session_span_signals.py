"""An add, undo or redo tells views which spans of which document changed, and no more.

Each one also emitted `documents_changed`, which a dozen views answer with a full refresh:
the document list counted every shown row again reading each text's length, the
annotation list read every annotator's name. On a 1 MB article that was most of an add's
cost outside the paint (#15).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow


def test_a_span_change_emits_spans_changed_only(qtbot, session: ProjectSession) -> None:
    seen: list[object] = []
    session.spans_changed.connect(lambda *args: seen.append(args))
    session.documents_changed.connect(lambda: seen.append("documents_changed"))
    session.undo_stack.push(AddSpanCommand(session, Span("n1", "en", 0, 2, "Claim", "alice")))
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert seen == [("en", ["n1"], [], []), ("en", [], ["n1"], []), ("en", ["n1"], [], [])]


def test_add_undo_redo_in_the_window_measure_no_text_and_list_no_names(
    qtbot, tmp_path: Path, session: ProjectSession
) -> None:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.set_session(session)
    window.show()
    qtbot.waitExposed(window)
    pane = window.active_pane()
    assert pane is not None and window.controller is not None
    pane.show_document("en")
    pane.view.select_range(0, 4)  # the length is known once the first add has checked it
    window.controller.apply_label("Claim")
    qtbot.wait(1)
    statements: list[str] = []
    session.store.conn.set_trace_callback(statements.append)
    try:
        pane.view.select_range(5, 12)
        window.controller.apply_label("Evidence")
        qtbot.wait(1)
        session.undo_stack.undo()
        qtbot.wait(1)
        session.undo_stack.redo()
        qtbot.wait(1)
    finally:
        session.store.conn.set_trace_callback(None)
    assert any("INSERT INTO spans" in s for s in statements)
    assert [s for s in statements if "length(" in s] == []  # no text measured
    assert [s for s in statements if "min(annotator)" in s] == []  # no annotators' names
    listed = pane.combo.model()  # the document list the columns share
    assert "5 annotations (4 mine)" in listed.data(listed.index(listed.row_of("en"), 0))
    window.set_session(None)
