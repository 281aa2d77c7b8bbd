"""Project switches leave the window and its docks as they were (issue #13: the window grew)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

from annotator.gui.session import ProjectSession
from annotator.gui.shell.dock_column import DeferredPanel
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def projects(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.annotator", tmp_path / "b.annotator"
    for path in (first, second):
        store = ProjectStore.create(path)
        load_demo(store)
        store.close()
    return first, second


def _open(window: MainWindow, path: Path) -> None:
    window.set_session(ProjectSession(ProjectStore.open(path), "alice"))


def _tab_groups(window: MainWindow) -> list[int]:
    return [len(window.tabifiedDockWidgets(dock)) for dock in window._docks]


def test_switching_projects_neither_grows_the_window_nor_splits_the_tabs(
    qtbot, tmp_path: Path, projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    first, second = projects
    settings_path = str(tmp_path / "settings.ini")
    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    _open(window, first)
    window.close()  # saves geometry and dock layout

    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    _open(window, first)
    size, groups = window.size(), _tab_groups(window)
    # Annotations, Search, Guidelines, Claims, Suggestions, Documents tabbed
    assert groups[1:] == [5] * 6
    for path in (second, first, second):
        _open(window, path)
        assert window.size() == size
        assert _tab_groups(window) == groups
    available = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= available.height()
    window.set_session(None)


def test_the_window_fits_a_screen_smaller_than_its_default_size(qtbot, tmp_path: Path) -> None:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()


def test_the_dock_column_can_shrink_below_its_panels_wishes(
    qtbot, tmp_path: Path, projects: tuple[Path, Path]
) -> None:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    _open(window, projects[0])
    # A 1366 × 768 laptop leaves about 700 px under the title bar and panel; the
    # inspector and the claims panel used to insist on 830 between them.
    window.resize(900, 560)
    QApplication.processEvents()
    assert window.height() <= 560 and window.width() <= 900
    window.set_session(None)


def test_status_messages_do_not_carry_over_to_the_next_project(
    qtbot, tmp_path: Path, projects: tuple[Path, Path]
) -> None:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    _open(window, projects[0])
    window.show_message("Saved a copy to /tmp/a-copy.annotator")
    assert window.statusBar().currentMessage()
    _open(window, projects[1])
    assert window.statusBar().currentMessage() == ""
    window.show_message("Restored.")
    window.set_session(None)
    assert window.statusBar().currentMessage() == ""


def test_no_labels_toolbar_on_a_project_without_documents(qtbot, tmp_path: Path) -> None:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    store = ProjectStore.create(tmp_path / "fresh.annotator")
    window.set_session(ProjectSession(store, "alice"))
    assert not window._toolbar.isVisible()
    load_demo(store)
    assert window.session is not None
    window.session.documents_did_change()
    assert window._toolbar.isVisible()
    window.set_session(None)
    assert not window._toolbar.isVisible()


# -- panels behind tabs are made on first use (issue #15, start-up) ------------------------
def _shown_window(qtbot, tmp_path: Path, project: Path) -> MainWindow:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    _open(window, project)
    window.show()
    QApplication.processEvents()
    return window


def _deferred(window: MainWindow) -> dict[int, DeferredPanel[QWidget]]:
    assert window.claims.deferred_suggestions is not None  # the window always ranks
    return {
        2: window._search,
        3: window._guidelines,
        4: window.claims.deferred_panel,
        5: window.claims.deferred_suggestions,
        6: window._documents,
    }


def test_panels_behind_tabs_are_made_when_their_tab_is_first_shown(
    qtbot, tmp_path: Path, projects: tuple[Path, Path]
) -> None:
    window = _shown_window(qtbot, tmp_path, projects[0])
    deferred = _deferred(window)
    assert all(d.built is None for d in deferred.values())
    for index, panel in deferred.items():
        window._docks[index].raise_()  # the analyst clicks the tab
        QApplication.processEvents()
        built = panel.built
        assert built is not None, window._docks[index].windowTitle()
        assert built.isVisible()  # in its dock, on screen, not an empty placeholder
        area = window._docks[index].widget()
        assert isinstance(area, QScrollArea) and area.widget() is built
    assert window.guidelines.viewer.toPlainText()  # rendered on first show, as before
    window.set_session(None)


def test_the_menu_reaches_panels_not_made_yet(
    qtbot, tmp_path: Path, projects: tuple[Path, Path]
) -> None:
    window = _shown_window(qtbot, tmp_path, projects[0])
    window.actions_by_id["find"].trigger()  # Ctrl+F
    assert window._search.built is not None
    assert window.search_panel.isVisible()
    window.actions_by_id["filter_documents"].trigger()
    assert window._documents.built is not None and window.documents_panel.isVisible()
    # Search follows the active pane once made, as it did when made at start-up.
    pane = window.panes.panes()[1]
    window.panes.set_active_pane(pane)
    assert window.search_panel._document_id == pane.document_id
    window.set_session(None)


def test_a_closed_projects_panels_are_never_made(
    qtbot, tmp_path: Path, projects: tuple[Path, Path]
) -> None:
    window = _shown_window(qtbot, tmp_path, projects[0])
    old = _deferred(window)
    _open(window, projects[1])
    for index in old:
        window._docks[index].raise_()
        QApplication.processEvents()
    assert all(d.built is None for d in old.values())
    assert all(d.built is not None for d in _deferred(window).values())


def _visible_docks(window: MainWindow) -> list[str]:
    """The docks shown (a tab behind another counts), as the View menu ticks them."""
    return [dock.objectName() for dock in window._docks if dock.toggleViewAction().isChecked()]


def test_ctrl_shift_h_hides_the_panels_and_brings_them_back_as_they_were(
    qtbot, tmp_path: Path, projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings_path = str(tmp_path / "s.ini")
    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    _open(window, projects[0])
    window._docks[5].close()  # the analyst closed Suggestions
    QApplication.processEvents()
    shown, columns = _visible_docks(window), window.panes.width()
    assert len(shown) == 6 and "dock_suggestions" not in shown
    pane = window.active_pane()
    assert pane is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_H, CTRL | SHIFT)
    QApplication.processEvents()
    assert _visible_docks(window) == [] and window.actions_by_id["hide_panels"].isChecked()
    assert window.panes.width() > columns + 250  # the articles have the dock column's room
    window.close()  # the layout saved is the one with panels, hidden only for now
    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    _open(window, projects[0])
    QApplication.processEvents()
    assert _visible_docks(window) == shown
    window.actions_by_id["hide_panels"].trigger()
    _open(window, projects[1])  # another project: the panels again, the toggle off
    QApplication.processEvents()
    assert _visible_docks(window) == shown and not window.actions_by_id["hide_panels"].isChecked()
    window.actions_by_id["hide_panels"].trigger()
    window.actions_by_id["find"].trigger()  # Ctrl+F shows the Search panel it needs
    assert _visible_docks(window) == ["dock_search"]
    window.actions_by_id["hide_panels"].trigger()  # and Ctrl+Shift+H brings back the rest
    QApplication.processEvents()
    assert _visible_docks(window) == shown and not window.actions_by_id["hide_panels"].isChecked()
    window.set_session(None)
