"""Issue #9's "done when", through the real widgets on the four seed articles: create a claim
from a span in 000, link the matching sentences of 001 and 004 from the suggestions, mark
160-vs-40 as a contradiction, mark 003 explicitly silent, open the matrix and jump from a
cell to the mention; undo all of it step by step, redo it, reopen the project: all there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from annotator.core.claims.model import ClaimRelationKind
from annotator.gui.claims.claim_matrix_model import SPAN_ID_ROLE, STATE_ROLE
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

D000, D001, D003, D004 = (
    "000_2c013282298383f6",
    "001_e619423e771bc6b3",
    "003_f7fa3a3640ffb058",
    "004_576dfc317f407cdf",
)
LETTER_000 = (
    "More than 160 experts in cybersecurity and artificial intelligence have issued a stark "
    "warning to Washington"
)
WORDING = "Number of experts who signed the letter"


def claim_state(session: ProjectSession) -> tuple[object, ...]:
    """Everything claim-related that is stored, without timestamps or row ids."""
    store = session.store
    claims = store.claims
    return (
        sorted((c.id, c.wording, c.annotator) for c in claims.claims()),
        sorted((d, link.span_id, link.claim_id, link.value) for d, link in claims.links()),
        sorted((r.id, r.kind, r.claim_a, r.claim_b, r.note) for r in claims.relations()),
        sorted((m.document_id, m.claim_id) for m in claims.silences()),
        sorted((s.id, s.document_id, s.start, s.end, s.label) for s in store.annotations.spans()),
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seeds.annotator"
    store = ProjectStore.create(path)
    load_demo(store)
    store.close()
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1600, 950)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.set_session(None)


def open_seeds(window: MainWindow, path: Path) -> ProjectSession:
    session = ProjectSession(ProjectStore.open(path), "alice")
    window.set_session(session)
    while len(window.panes.panes()) < 4:
        window._on_add_pane()
    for pane, document_id in zip(window.panes.panes(), (D000, D001, D003, D004), strict=True):
        pane.show_document(document_id)
    return session


def pane_of(window: MainWindow, document_id: str) -> DocumentPane:
    return next(p for p in window.panes.panes() if p.document_id == document_id)


def link_suggestion(window: MainWindow, qtbot, document_id: str, needle: str) -> None:
    """Click Link on the suggestion for `document_id` whose sentence contains `needle`."""
    panel = window.claims.suggestions
    assert panel is not None
    qtbot.waitUntil(lambda: any(needle in i.text(0) for i in panel.items()), timeout=3000)
    group_names = {
        panel.tree.topLevelItem(i).text(0)  # type: ignore[union-attr]
        for i in range(panel.tree.topLevelItemCount())
    }
    assert any(name.startswith(document_id.split("_", 1)[0]) for name in group_names)
    item = next(i for i in panel.items() if needle in i.text(0))
    assert item.data(0, Qt.ItemDataRole.UserRole)[0] == document_id
    button = panel.tree.itemWidget(item, 2)
    assert isinstance(button, QPushButton)
    button.click()


def test_claims_across_articles_done_when(window: MainWindow, project: Path, qtbot) -> None:
    session = open_seeds(window, project)
    stack = session.undo_stack
    controller = window.claims.controller
    states = [claim_state(session)]

    # 1. Select the sentence in 000 and press Ctrl+K: a claim, worded from the span.
    pane_000 = pane_of(window, D000)
    window.panes.set_active_pane(pane_000)
    start = session.document(D000).text.index(LETTER_000)
    pane_000.view.select_range(start, start + len(LETTER_000))
    pane_000.view.setFocus()
    qtbot.keyClick(pane_000.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    (claim,) = session.store.claims.claims()
    assert claim.wording == LETTER_000
    states.append(claim_state(session))
    # ...and rename it inline in the Claims dock.
    panel = window.claims.panel
    panel.wording.setText(WORDING)
    panel.wording.editingFinished.emit()
    assert session.store.claims.claim(claim.id).wording == WORDING
    states.append(claim_state(session))

    # 2. The suggestions list the matching sentences of 001 and 004: link them.
    link_suggestion(window, qtbot, D001, "over 40 prominent cybersecurity experts")
    states.append(claim_state(session))
    offer = controller.offer
    assert offer is not None and "160" in offer.other_value and "40" in offer.value
    assert panel.offer_bar.isVisibleTo(panel)
    assert session.store.claims.relations() == []  # offered, not marked
    link_suggestion(window, qtbot, D004, "Adobe, Nvidia and Zoom")
    states.append(claim_state(session))
    mentions = session.store.claims.mentions(claim.id)
    assert {m.document_id for m in mentions} == {D000, D001, D004}
    marks_001 = pane_of(window, D001).view.claim_layer.marks()
    assert [m.claim_id for m in marks_001] == [claim.id]  # the marker, painted in 001

    # 3. Confirm the contradiction the offer names (160 vs 40).
    panel.accept_contradiction.click()
    (relation,) = session.store.claims.relations()
    assert relation.kind is ClaimRelationKind.CONTRADICTS
    assert "160" in relation.note and "40" in relation.note
    states.append(claim_state(session))

    # 4. 003 never gives a number: mark it explicitly silent on the claim.
    controller.set_current_claim(claim.id)
    window.panes.set_active_pane(pane_of(window, D003))
    window.actions_by_id["mark_silent"].trigger()
    assert [(m.document_id, m.claim_id) for m in session.store.claims.silences()] == [
        (D003, claim.id)
    ]
    states.append(claim_state(session))

    # 5. Open the matrix (Ctrl+M) and jump from the 004 cell to its mention.
    window.actions_by_id["show_claim_matrix"].trigger()
    matrix = window.claims.matrix_window
    assert matrix is not None
    matrix.refresh()
    assert matrix.cell_index(claim.id, D003).data(STATE_ROLE) == "silent"
    assert "160" in matrix.cell_index(claim.id, D000).data()
    cell = matrix.cell_index(claim.id, D004)
    span_004 = cell.data(SPAN_ID_ROLE)
    last = window.panes.panes()[-1]
    last.show_document(D003)  # 004 is not open anywhere now
    window.panes.set_active_pane(last)
    matrix.table.doubleClicked.emit(cell)
    assert last.document_id == D004  # the active pane opened it
    assert window.controller.selected_span_id == span_004
    assert last.view.selected_span == span_004
    mention = session.store.annotations.span(span_004)
    assert "Adobe, Nvidia and Zoom" in session.document(D004).text[mention.start : mention.end]
    QApplication.processEvents()

    # 6. Undo all of it, step by step; then redo it all.
    done = states[-1]
    for expected in reversed(states[:-1]):
        stack.undo()
        assert claim_state(session) == expected
    assert session.store.claims.claims() == []
    for expected in states[1:]:
        stack.redo()
        assert claim_state(session) == expected
    assert claim_state(session) == done

    # 7. Reopen the project: everything is there.
    window.set_session(None)
    reopened = open_seeds(window, project)
    assert claim_state(reopened) == done
    window.actions_by_id["show_claim_matrix"].trigger()
    matrix = window.claims.matrix_window
    assert matrix is not None
    assert matrix.cell_index(claim.id, D003).data(STATE_ROLE) == "silent"
    assert [m.claim_id for m in pane_of(window, D004).view.claim_layer.marks()] == [claim.id]
