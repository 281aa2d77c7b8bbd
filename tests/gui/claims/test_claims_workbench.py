"""Claims through the real window: create with one key, link by pointing, light up a claim in
every pane, the contradiction offer, deleting a claim in use asks first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.claims.model import ClaimRelationKind
from annotator.gui.reading.claim_linked_view import ClaimLinkedView, span_mime
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

LETTER_000 = "More than 160 experts in cybersecurity and artificial intelligence"
LETTER_001 = "A coalition of over 40 prominent cybersecurity experts"


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    store = ProjectStore.create(tmp_path / "seeds.annotator")
    load_demo(store)
    main.set_session(ProjectSession(store, "alice"))
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.set_session(None)


def pane(window: MainWindow, index: int) -> DocumentPane:
    return window.panes.panes()[index]


def select(window: MainWindow, index: int, needle: str) -> DocumentPane:
    chosen = pane(window, index)
    window.panes.set_active_pane(chosen)
    text = chosen.view.document_model.text  # type: ignore[union-attr]
    start = text.index(needle)
    chosen.view.select_range(start, start + len(needle))
    return chosen


def view_of(chosen: DocumentPane) -> ClaimLinkedView:
    assert isinstance(chosen.view, ClaimLinkedView)
    return chosen.view


def session_of(window: MainWindow) -> ProjectSession:
    assert window.session is not None
    return window.session


def test_one_key_makes_a_claim_with_a_marker(window: MainWindow) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    window.actions_by_id["create_claim"].trigger()
    (claim,) = session.store.claims.claims()
    assert claim.wording == LETTER_000
    (mention,) = session.store.claims.mentions(claim.id)
    assert mention.label == "Claim" and mention.claim_value == "more than 160"
    marks = view_of(pane(window, 0)).claim_layer.marks()
    assert [(m.claim_id, m.number) for m in marks] == [(claim.id, 1)]
    assert pane(window, 0).view.selection_range() is None  # the marker shows, not a selection
    panel = window.claims.panel
    assert panel.wording.text() == LETTER_000
    panel.wording.setText("Experts signed a letter")
    panel.wording.editingFinished.emit()
    assert session.store.claims.claim(claim.id).wording == "Experts signed a letter"
    session.undo_stack.undo()
    assert session.store.claims.claim(claim.id).wording == LETTER_000


def test_link_by_pointing_and_the_contradiction_offer(window: MainWindow, qtbot) -> None:
    session = session_of(window)
    controller = window.claims.controller
    select(window, 0, LETTER_000)
    claim_id = controller.create_claim()
    assert claim_id is not None
    (first,) = session.store.claims.mentions(claim_id)
    window.controller.select_span(first.id)  # a span of the claim selected in pane 0
    select(window, 1, LETTER_001)  # text selected in pane 1
    with qtbot.waitSignal(controller.contradiction_offered) as offered:
        window.actions_by_id["link_claim"].trigger()
    offer = offered.args[0]
    assert (offer.other_value, offer.value) == ("more than 160", "more than 40")
    panel = window.claims.panel
    assert panel.offer_bar.isVisibleTo(panel)
    assert "160" in panel.offer_label.text() and "40" in panel.offer_label.text()
    # Offered, not marked: nothing is related until the analyst confirms.
    assert session.store.claims.relations() == []
    panel.accept_contradiction.click()
    (relation,) = session.store.claims.relations()
    assert relation.kind is ClaimRelationKind.CONTRADICTS
    assert not panel.offer_bar.isVisibleTo(panel)
    assert len(session.store.claims.claims()) == 2


def test_pointing_at_two_unlinked_spans_makes_one_claim_in_one_undo_step(
    window: MainWindow,
) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    window.controller.apply_label("Claim")
    select(window, 1, LETTER_001)
    window.controller.apply_label("Claim")
    (a,) = session.store.annotations.spans(pane(window, 0).document_id)
    (b,) = session.store.annotations.spans(pane(window, 1).document_id)
    window.controller.select_span(a.id)
    window.controller.select_span(b.id)
    assert window.claims.controller.link_target_text() == "a New Claim with the Previous Selection"
    steps = session.undo_stack.count()
    window.actions_by_id["link_claim"].trigger()
    (claim,) = session.store.claims.claims()
    assert {s.id for s in session.store.claims.mentions(claim.id)} == {a.id, b.id}
    assert session.undo_stack.count() == steps + 1
    session.undo_stack.undo()
    assert session.store.claims.claims() == []
    session.undo_stack.redo()
    assert len(session.store.claims.mentions(claim.id)) == 2


def test_a_marker_click_lights_the_claim_in_every_pane_and_scrolls_to_it(
    window: MainWindow,
) -> None:
    controller = window.claims.controller
    # A mention far down in pane 1, so lighting the claim has to scroll there.
    text_001 = pane(window, 1).view.document_model.text  # type: ignore[union-attr]
    late = text_001.rindex("cybersecurity")
    select(window, 0, LETTER_000)
    claim_id = controller.create_claim()
    assert claim_id is not None
    window.panes.set_active_pane(pane(window, 1))
    pane(window, 1).view.select_range(late, late + len("cybersecurity"))
    assert controller.link_selected()
    for index in (0, 1):
        pane(window, index).view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    view_0 = view_of(pane(window, 0))
    view_0.viewport().repaint()
    _rect, mark = view_0.claim_layer.badge_rects()[0]
    controller.set_current_claim(None)
    view_0.claim_marker_clicked.emit(mark.claim_id)  # what a click on the badge emits
    for index in (0, 1):
        assert view_of(pane(window, index)).claim_layer.lit_claim == claim_id
    assert pane(window, 1).view.verticalScrollBar().value() > 0
    assert controller.current_claim_id == claim_id


def test_deleting_a_claim_in_use_asks_first(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    assert claim_id is not None
    asked: list[int] = []

    def answer(_parent: object, _wording: str, mentions: int) -> bool:
        asked.append(mentions)
        return len(asked) > 1  # no the first time, yes the second

    monkeypatch.setattr("annotator.gui.claims.claim_controller.ask_delete_claim", answer)
    assert not window.claims.controller.delete_claim(claim_id)
    assert len(session.store.claims.claims()) == 1
    assert window.claims.controller.delete_claim(claim_id)
    assert session.store.claims.claims() == []
    assert asked == [1, 1]
    assert pane(window, 0).view.claim_layer.marks() == []  # type: ignore[attr-defined]
    session.undo_stack.undo()
    assert len(view_of(pane(window, 0)).claim_layer.marks()) == 1


def test_deleting_a_mention_updates_the_claim_and_undo_restores_the_link(
    window: MainWindow,
) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    assert claim_id is not None
    (mention,) = session.store.claims.mentions(claim_id)
    window.controller.select_span(mention.id)
    window.actions_by_id["delete_annotation"].trigger()
    assert session.store.claims.mentions(claim_id) == []
    assert session.store.claims.claim(claim_id).wording  # kept: made by nobody now
    assert view_of(pane(window, 0)).claim_layer.marks() == []
    session.undo_stack.undo()
    assert [s.id for s in session.store.claims.mentions(claim_id)] == [mention.id]
    assert len(view_of(pane(window, 0)).claim_layer.marks()) == 1


def test_silent_and_derived_from_through_the_actions(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    window.panes.set_active_pane(pane(window, 1))
    window.actions_by_id["mark_silent"].trigger()
    (silent,) = session.store.claims.silences()
    assert (silent.document_id, silent.claim_id) == (pane(window, 1).document_id, claim_id)
    source = pane(window, 0).document_id
    monkeypatch.setattr(
        "annotator.gui.claims.claims_workbench.ask_source_document",
        lambda _parent, choices: next(i for i, _name in choices if i == source),
    )
    window.actions_by_id["derived_from"].trigger()
    (derivation,) = session.store.claims.derivations()
    assert (derivation.document_id, derivation.source_document_id) == (
        pane(window, 1).document_id,
        source,
    )


def test_said_by_links_the_source_selected_before(window: MainWindow) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    window.controller.apply_label("Claim")
    select(window, 0, "Voice of Emirates")
    window.controller.apply_label("Source")
    spans = {s.label: s for s in session.store.annotations.spans(pane(window, 0).document_id)}
    window.controller.select_span(spans["Source"].id)
    window.controller.select_span(spans["Claim"].id)
    window.actions_by_id["said_by"].trigger()
    (relation,) = session.store.claims.span_relations()
    assert (relation.span, relation.source_span) == (spans["Claim"].id, spans["Source"].id)
    session.undo_stack.undo()
    assert session.store.claims.span_relations() == []


def test_pick_a_claim_from_the_list_to_link(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    offered: list[list[str]] = []

    def pick(_parent: object, rows: list, _prompt: str) -> str:
        offered.append([r.claim.wording for r in rows])
        return rows[0].claim.id

    monkeypatch.setattr("annotator.gui.claims.claim_picker_dialog.ClaimPickerDialog.ask", pick)
    select(window, 1, LETTER_001)
    window.actions_by_id["pick_claim"].trigger()
    assert offered == [[LETTER_000]]
    assert {s.document_id for s in session.store.claims.mentions(claim_id)} == {
        pane(window, 0).document_id,
        pane(window, 1).document_id,
    }


def test_claim_picker_filters_by_words(qtbot) -> None:
    from annotator.core.claims.model import Claim
    from annotator.gui.claims.claim_list_model import ClaimRow
    from annotator.gui.claims.claim_picker_dialog import ClaimPickerDialog

    rows = [
        ClaimRow(Claim("c1", "Experts signed the letter", "alice"), 1),
        ClaimRow(Claim("c2", "The ban is dangerous", "alice"), 2),
    ]
    dialog = ClaimPickerDialog(rows, "Link to which claim?")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "c1"
    dialog.search.setText("dangerous ban")
    assert dialog.proxy.rowCount() == 1 and dialog.chosen() == "c2"
    dialog.search.setText("nothing like this")
    assert dialog.chosen() is None


def test_relating_two_claims_asks_for_the_other_claim_and_a_note(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_of(window)
    controller = window.claims.controller
    select(window, 0, LETTER_000)
    first = controller.create_claim()
    select(window, 1, LETTER_001)
    second = controller.create_claim()
    assert first and second
    monkeypatch.setattr(
        "annotator.gui.claims.claim_picker_dialog.ClaimPickerDialog.ask",
        lambda _p, rows, _prompt: next(r.claim.id for r in rows if r.claim.id == second),
    )
    monkeypatch.setattr(
        "annotator.gui.claims.claim_controller.ask_relation_note", lambda _p, _k: "same letter"
    )
    controller.set_current_claim(first)
    window.claims.panel.detail_button.click()
    (relation,) = session.store.claims.relations()
    assert relation.kind is ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL
    assert relation.note == "same letter"
    assert "same event, different detail claim 2" in window.claims.panel.relations.text()


def test_a_mentions_value_is_edited_in_the_claims_dock(window: MainWindow) -> None:
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    assert claim_id is not None
    panel = window.claims.panel
    item = panel.mentions.topLevelItem(0)
    assert item is not None and item.text(2) == "more than 160"
    item.setText(2, "at least 160")  # what typing into the cell ends in
    (mention,) = session.store.claims.mentions(claim_id)
    assert mention.claim_value == "at least 160"
    session.undo_stack.undo()
    assert session.store.claims.mentions(claim_id)[0].claim_value == "more than 160"
    assert panel.mentions.topLevelItem(0).text(2) == "more than 160"  # type: ignore[union-attr]


def test_dragging_a_spans_handle_onto_a_span_in_another_pane_links_them(
    window: MainWindow,
) -> None:
    """The selected unlinked span shows a "+" handle; dropped onto a span in another pane,
    the two become one claim in one undo step."""
    session = session_of(window)
    select(window, 0, LETTER_000)
    window.controller.apply_label("Claim")
    select(window, 1, LETTER_001)
    window.controller.apply_label("Claim")
    (a,) = session.store.annotations.spans(pane(window, 0).document_id)
    (b,) = session.store.annotations.spans(pane(window, 1).document_id)
    window.panes.set_active_pane(pane(window, 0))
    window.controller.select_span(a.id)
    view_0, view_1 = view_of(pane(window, 0)), view_of(pane(window, 1))
    view_0.viewport().repaint()
    assert view_0.claim_layer.handle == (a.id, a.start, a.end)
    assert view_0.claim_layer.handle_rect() is not None  # painted in the margin
    assert view_1.claim_layer.handle is None  # only the selected span has one
    qt_map = view_1._map
    target = view_1.claim_layer.line_rects(view_1, qt_map.to_qt(b.start), qt_map.to_qt(b.end))
    data = span_mime(a.id)  # held: the event does not own it
    drop = QDropEvent(
        target[0].center(),
        Qt.DropAction.LinkAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    steps = session.undo_stack.count()
    view_1.dropEvent(drop)
    (claim,) = session.store.claims.claims()
    assert claim.wording == LETTER_000  # worded from the dragged span
    assert {s.id for s in session.store.claims.mentions(claim.id)} == {a.id, b.id}
    assert session.undo_stack.count() == steps + 1
    view_0.viewport().repaint()
    assert view_0.claim_layer.handle is None  # linked now: its numbered badge instead
    session.undo_stack.undo()
    assert session.store.claims.claims() == []
    session.undo_stack.redo()
    assert len(session.store.claims.mentions(claim.id)) == 2


def test_each_mentions_passage_is_cut_from_its_text_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every refresh (each link) cut every mention's text again from its article (#15)."""
    session = session_of(window)
    select(window, 0, LETTER_000)
    claim_id = window.claims.controller.create_claim()
    assert claim_id is not None
    panel = window.claims.panel
    cut: list[tuple[str, int, int]] = []
    documents = session.store.documents
    passage = documents.passage
    monkeypatch.setattr(
        documents, "passage", lambda d, s, e: cut.append((d, s, e)) or passage(d, s, e)
    )
    select(window, 1, LETTER_001)
    window.actions_by_id["link_claim"].trigger()
    assert len(cut) == 1  # the new mention's; the first one's is remembered
    shown = [panel.mentions.topLevelItem(i).text(1) for i in range(2)]  # type: ignore[union-attr]
    assert shown == [LETTER_000, LETTER_001]
    panel.refresh()
    assert len(cut) == 1
    session.documents_changed.emit()  # a retitle or a re-import: read afresh
    assert len(cut) == 3
    assert [panel.mentions.topLevelItem(i).text(1) for i in range(2)] == shown  # type: ignore[union-attr]
