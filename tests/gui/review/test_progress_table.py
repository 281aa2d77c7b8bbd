"""The progress table: done flags and span counts per annotator and document, refresh, opening."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.gui.commands import AddSpanCommand, SetDoneCommand
from annotator.gui.review.progress_table import ProgressPanel, ProgressTableModel, done_background
from annotator.gui.session import ProjectSession
from tests.conftest import SAMPLE_TEXTS

TARGET = "US restrictions on Anthropic's models"


@pytest.fixture
def progress_session(session: ProjectSession) -> ProjectSession:
    """alice (2 spans on en) and bob (1 span on en), with done flags, a stance and gold."""
    store = session.store
    store.documents.set_done("en", "alice", True)
    store.documents.set_done("emoji", "alice", True)
    store.documents.set_done("cjk", "bob", True)
    store.annotations.set_document_stance("emoji", "bob", TARGET, "favor")
    start = SAMPLE_TEXTS["en"].index("More than 160 experts")
    store.annotations.add_span(Span("g1", "en", start, start + 21, "Claim", GOLD_ANNOTATOR))
    store.documents.set_done("en", GOLD_ANNOTATOR, True)
    return session


@pytest.fixture
def panel(qtbot, progress_session: ProjectSession) -> ProgressPanel:
    widget = ProgressPanel(progress_session)
    qtbot.addWidget(widget)
    return widget


def _texts(model: ProgressTableModel) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_model_passes_the_model_tester(panel, qtmodeltester) -> None:
    qtmodeltester.check(panel.model)


def test_cells_show_done_and_span_counts_per_annotator(panel) -> None:
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Document", "alice", "bob", "Gold"]
    assert _texts(model) == [
        ["en article", "✓ 2", "1", "✓ 1"],
        ["emoji article", "✓ 0", "0", "—"],  # bob set a document stance only
        ["cjk article", "—", "✓ 0", "—"],
    ]
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) == done_background()
    assert model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    tooltip = model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "bob · emoji article\n0 spans · 1 document stance\nnot marked done"
    assert "adjudicated ✓" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_footer_sums_up_each_annotator(panel) -> None:
    texts = {name: label.text() for name, label in panel.summary_labels.items()}
    assert texts == {
        "alice": "alice: 2 of 3 documents done, 2 spans",
        "bob": "bob: 1 of 3 documents done, 1 span",
        GOLD_ANNOTATOR: "Gold: 1 of 3 documents adjudicated, 1 span",
    }


def test_refreshes_after_commands_and_undo(panel, progress_session) -> None:
    stack = progress_session.undo_stack
    stack.push(SetDoneCommand(progress_session, "cjk", True))  # the session's annotator: alice
    span = Span("a9", "cjk", 0, 2, "Claim", "alice")
    stack.push(AddSpanCommand(progress_session, span))
    assert panel.model.index(2, 1).data() == "✓ 1"
    assert panel.summary_labels["alice"].text() == "alice: 3 of 3 documents done, 3 spans"
    stack.undo()
    stack.undo()
    assert panel.model.index(2, 1).data() == "—"


def test_a_new_annotator_adds_a_column(panel, progress_session) -> None:
    progress_session.store.documents.set_done("en", "carol", True)
    progress_session.external_change_detected.emit()
    model = panel.model
    assert model.headerData(3, Qt.Orientation.Horizontal) == "carol"
    assert model.index(0, 3).data() == "✓ 0"
    assert "carol" in panel.summary_labels


# the offscreen platform cannot size top-level windows to their hints
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_double_click_requests_the_document(panel, qtbot) -> None:
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    index = panel.model.index(1, 2)
    center = panel.table.visualRect(index).center()
    viewport = panel.table.viewport()
    with qtbot.waitSignal(panel.document_requested) as blocker:
        # a real double-click: Qt only acts on one whose press landed on the same cell
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == ["emoji"]
