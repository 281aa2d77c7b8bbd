"""Four panes at 1366 px: nothing in a pane header is cut to "…" (issue #13)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMessageBox, QWidget

from annotator.gui.reading.stance_row import Chip, Fit, StanceChoice, StanceRow, letter_for
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    store = ProjectStore.create(tmp_path / "demo.annotator")
    load_demo(store)
    target = store.settings.default_target()
    assert target is not None
    for document_id in store.documents.ids():
        store.annotations.set_document_stance(document_id, "bob", target, "against")
        store.annotations.set_document_stance(document_id, "carol", target, "unclear")
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.set_session(ProjectSession(store, "alice"))
    main.actions_by_id["show_others"].trigger()
    yield main
    main.set_session(None)


def _four_panes(window: MainWindow, width: int, height: int, count: int = 4) -> None:
    window.resize(width, height)  # wide first, then the columns narrow it (as an analyst adds them)
    QApplication.processEvents()
    while len(window.panes.panes()) < count:
        window._on_add_pane()
    assert window.session is not None
    for pane, document_id in zip(
        window.panes.panes(), window.session.store.documents.ids(), strict=False
    ):
        pane.show_document(document_id)
    window.resize(width, height)
    QApplication.processEvents()


def _squeezed(widget) -> bool:
    """Qt elides a tool button's or label's text when it gets less than it asks for."""
    return widget.isVisible() and widget.width() < widget.sizeHint().width()


@pytest.mark.parametrize(
    ("count", "width", "height"),
    [(4, 1366, 768), (4, 1440, 900), (3, 1920, 1080), (2, 1366, 768), (4, 2560, 1440)],
)
def test_pane_headers_cut_nothing(window: MainWindow, count: int, width: int, height: int) -> None:
    _four_panes(window, width, height, count)
    for pane in window.panes.panes():
        row: StanceRow = pane.stance_row
        buttons = row.group.buttons()
        assert len(buttons) == 5 and all(b.isVisible() for b in buttons)
        assert not [(b.text(), b.width(), b.sizeHint().width()) for b in buttons if _squeezed(b)]
        chips = [w for w in row.findChildren(type(row.caption)) if w.property("chip")]
        assert len([c for c in chips if c.isVisible()]) == 2
        assert not [c.text() for c in chips if _squeezed(c)]
        assert row.layout().sizeHint().width() <= row.width()
        # every toggle and chip names its stance in full in its tooltip
        assert all(b.toolTip() for b in buttons)
        assert {c.toolTip().rsplit(": ", 1)[-1] for c in chips if c.isVisible()} == {
            "against",
            "unclear",
        }


def test_narrow_rows_use_coloured_letters_and_wide_rows_words(window: MainWindow) -> None:
    _four_panes(window, 1366, 768)
    narrow = window.panes.panes()[0].stance_row
    assert narrow.fit is not Fit.WORDS
    assert [b.text() for b in narrow.group.buttons()] == ["F", "A", "N", "U", "–"]
    assert "color: #" in narrow.group.buttons()[1].styleSheet()
    while len(window.panes.panes()) > 1:
        window.panes.remove_pane(window.panes.panes()[-1])
    window.resize(1920, 1080)
    QApplication.processEvents()
    wide = window.panes.panes()[0].stance_row
    assert wide.fit is Fit.WORDS
    assert [b.text() for b in wide.group.buttons()] == [
        "favor",
        "against",
        "neutral",
        "unclear",
        "none",
    ]
    assert wide.chip_texts() == ["bob: against", "carol: unclear"]


def test_titles_elide_in_the_middle_with_the_whole_title_in_the_tooltip(
    window: MainWindow,
) -> None:
    _four_panes(window, 1366, 768)
    assert window.session is not None
    for pane in window.panes.panes():
        title = window.session.document(pane.document_id).title
        shown = pane.combo.shown_text()
        if shown != title:
            head, _, tail = shown.partition("…")
            assert head and tail and title.startswith(head) and title.endswith(tail)
        assert pane.combo.toolTip() == title
        outlet = window.session.document(pane.document_id).source
        assert pane.meta_label.full_text().startswith(outlet)
        assert outlet in pane.meta_label.toolTip()
    assert any("…" in pane.combo.shown_text() for pane in window.panes.panes())


def _needed(row: StanceRow) -> int:
    for box in row.findChildren(QHBoxLayout):  # each box caches its hint: measure afresh
        box.invalidate()
    row.layout().invalidate()
    return row.layout().sizeHint().width()


_HOLDERS: list[QWidget] = []  # qtbot holds widgets weakly: these keep the rows alive


def _row(qtbot, width: int) -> StanceRow:
    holder = QWidget()  # a top-level row of its own would resize its window: Qt warns
    qtbot.addWidget(holder)
    _HOLDERS.append(holder)
    holder.resize(width, 40)
    row = StanceRow(holder)
    row.resize(width, 40)
    holder.show()
    row.set_choices(
        [StanceChoice(n, c, letter_for(n, "")) for n, c in _STANCES]
        + [StanceChoice("", "#9e9e9e", letter_for("", ""))],
        True,
    )
    return row


_STANCES = [("favor", "#009e73"), ("against", "#d55e00"), ("neutral", "#0072b2")]


def test_a_row_fitted_again_from_what_it_measured_fits_as_a_new_row_would(qtbot) -> None:
    # Switching document changes only the chips; the row keeps what the rest of it needs
    # per wording (#15), and must still choose what a row measuring everything chooses.
    rng = random.Random(7)
    reused = _row(qtbot, 520)
    kept = []
    for step in range(40):
        chips = [
            Chip(f"annotator{i:02d}", name, colour, name[0].upper(), "T")
            for i in sorted(rng.sample(range(10), rng.randint(0, 6)))
            for name, colour in [rng.choice(_STANCES)]
        ]
        if step == 20:
            reused.caption.setText("Stance toward")  # the row needs more: re-measured
        reused.set_chips(chips)
        fresh = _row(qtbot, 520)
        fresh.caption.setText(reused.caption.text())
        fresh.set_chips(chips)
        assert (step, reused.fit, reused.chip_texts()) == (step, fresh.fit, fresh.chip_texts())
        assert [b.text() for b in reused.group.buttons()] == [
            b.text() for b in fresh.group.buttons()
        ]
        if reused.fit is not Fit.TIGHT:
            assert _needed(reused) <= reused.width()
        kept.append(reused.fit)
        fresh.parentWidget().close()
    _HOLDERS.clear()
    assert len(set(kept)) == 3  # every wording was chosen along the way


def test_switching_document_reuses_the_chip_labels(qtbot) -> None:
    row = _row(qtbot, 900)
    chip = Chip("bob", "against", "#d55e00", "A", "T")
    row.set_chips([chip, replace(chip, annotator="carol")])
    labels = [w for w in row.findChildren(type(row.caption)) if w.property("chip")]
    row.set_chips([replace(chip, annotator="dan", stance="favor", colour="#009e73")])
    assert row.chip_texts() == ["dan: favor"]
    assert labels[0].text() == "dan: favor" and "#009e73" in labels[0].styleSheet()
    assert not labels[1].isVisible()
    _HOLDERS.clear()
