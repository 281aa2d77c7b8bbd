"""The six tabbed docks in a 300 px column (#13): every tab on screen without scrolling,
the current one titled, the others as icons with their titles in the tooltip; the full
titles come back in a wide column, and the View menu keeps them all along."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTabBar, QToolButton, QToolTip

from annotator.gui.session import ProjectSession
from annotator.gui.shell.dock_column import TITLES
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "demo.annotator"
    store = ProjectStore.create(path)
    load_demo(store)
    store.close()
    made = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    made.set_session(ProjectSession(ProjectStore.open(path), "alice"))
    _settle(made)
    yield made
    made.set_session(None)


def _settle(window: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()
        window.dock_column.tabs.fit()


def _bar(window: MainWindow) -> QTabBar:
    bars = window.dock_column.tabs.bars()
    assert len(bars) == 1
    return bars[0]


def _tabs(bar: QTabBar) -> list[tuple[str, str]]:
    return [(bar.tabText(i), bar.tabToolTip(i)) for i in range(bar.count())]


def _scrolls(bar: QTabBar) -> bool:
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    return bool(arrows) or bar.tabRect(bar.count() - 1).right() > bar.width()


def test_six_tabs_fit_a_narrow_column_as_icons_the_current_one_titled(window) -> None:
    bar = _bar(window)
    assert bar.width() <= 320
    docks = window.dock_column.tabs.docks_of(bar)
    titles = [window.dock_column.tabs.title(d) for d in docks if d is not None]
    assert sorted(titles) == sorted(TITLES[1:])
    current = bar.currentIndex()
    assert not _scrolls(bar)
    for index, (text, tip) in enumerate(_tabs(bar)):
        assert tip == titles[index] == bar.accessibleTabName(index)
        assert text == (titles[index] if index == current else "")
        assert not bar.tabIcon(index).isNull()
    # The View menu's toggles keep their whole names.
    assert {d.toggleViewAction().text() for d in window.dock_column.docks} == set(TITLES)


def test_raising_another_panel_moves_the_title_to_its_tab(window) -> None:
    bar = _bar(window)
    search = window.dock_column.docks[TITLES.index("Search")]
    search.raise_()
    _settle(window)
    texts = [text for text, _tip in _tabs(bar)]
    assert [t for t in texts if t] == ["Search"]
    assert search.windowTitle() == "Search"  # its title bar names it


def test_a_wide_column_shows_every_title(window) -> None:
    docks = window.dock_column.docks
    window.resizeDocks([docks[0]], [900], Qt.Orientation.Horizontal)
    _settle(window)
    bar = _bar(window)
    assert bar.width() > 600
    assert sorted(text for text, _tip in _tabs(bar)) == sorted(TITLES[1:])
    assert not _scrolls(bar)
    window.resizeDocks([docks[0]], [300], Qt.Orientation.Horizontal)
    _settle(window)
    assert sum(1 for text, _tip in _tabs(_bar(window)) if text) == 1


def test_hovering_an_icon_tab_shows_its_title(window) -> None:
    bar = _bar(window)
    index = next(i for i in range(bar.count()) if not bar.tabText(i))
    where = bar.tabRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, bar.mapToGlobal(where))
    QApplication.sendEvent(bar, event)
    assert QToolTip.isVisible()
    assert QToolTip.text() == bar.tabToolTip(index) != ""
    QToolTip.hideText()


def test_a_panel_taken_out_of_the_tabs_gets_its_title_back(window) -> None:
    docks = window.dock_column.docks
    search = docks[TITLES.index("Search")]
    _settle(window)
    assert search.windowTitle() == ""  # an icon tab behind the current one
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, search)
    search.show()
    _settle(window)
    assert search.windowTitle() == "Search"
    assert not any(d is search for bar in window.dock_column.tabs.bars()
                   for d in window.dock_column.tabs.docks_of(bar))  # fmt: skip
