"""Four panes at 1366 px: nothing in a pane header is cut to "…" (issue #13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.reading.stance_row import Fit, StanceRow
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
