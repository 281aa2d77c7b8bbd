"""The issue #13 screenshot matrix, checked: the main window at 1366×768, 1920×1080 and
2560×1440 with 2, 3 and 4 panes (the scene `make screenshots --matrix` photographs: the
annotated demo, claims shown) has nothing elided, overlapping, covered or cut off.

- a pane header's buttons show their whole text (no "…", no text wider than the button);
- an elided title or metadata line carries the full text in its tooltip;
- the visible controls of a pane header do not overlap one another;
- no dock covers the articles;
- no dock's panel is wider than its dock (its right edge, buttons included, cut off);
- the tabbed docks' titles are whole ("Anno…" reads as nothing), or a tab is an icon with
  its title in the tooltip, and every tab is on screen without scrolling.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)

from annotator.gui.reading.document_list_model import TitleRole
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.reading.eliding import ElidedLabel, MiddleElidingComboBox
from annotator.gui.shell.dock_column import DEFAULT_WIDTH
from tests.gui.shell.dark_checks import scheme_follower
from tests.gui.shell.screenshot_script import screenshot_script

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints", "raise"), pytest.mark.slow]


SHOTS = screenshot_script()
MATRIX = [(size, panes) for size in SHOTS.MATRIX_SIZES for panes in SHOTS.MATRIX_PANES]


@pytest.fixture(scope="module")
def studio(qapp, tmp_path_factory):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # With the app's own style sheet, as the app runs: its buttons are wider than Qt's
    # plain ones (a Claims panel row fitted without it and was cut off with it).
    with scheme_follower() as follower:
        folder = tmp_path_factory.mktemp("matrix")
        project = SHOTS.make_project(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        made = SHOTS.Studio(app, settings, project)
        made.follower = follower  # the dark cases switch the app's scheme through it
        yield made
        made.close()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def header_problems(pane: DocumentPane, window: QWidget) -> list[str]:
    found = []
    header = pane.header
    for button in header.findChildren(QAbstractButton):
        if not _shown(button, window) or not button.text():
            continue
        if "…" in button.text() or "..." in button.text():
            found.append(f"button {button.text()!r} elided")
        elif button.width() < button.sizeHint().width():
            found.append(f"button {button.text()!r} is {button.width()} px, needs "
                         f"{button.sizeHint().width()}")  # fmt: skip
    combo = pane.combo
    assert isinstance(combo, MiddleElidingComboBox)
    title = str(combo.currentData(TitleRole) or "")
    if combo.shown_text() != title and title not in combo.toolTip():
        found.append(f"title {combo.shown_text()!r} elided without its tooltip")
    for label in header.findChildren(ElidedLabel):
        elided = _shown(label, window) and label.text() != label.full_text()
        if elided and label.full_text() not in label.toolTip():
            found.append(f"label {label.text()!r} elided without its tooltip")
    leaves = [w for w in header.findChildren(QWidget)
              if _shown(w, window) and isinstance(w, QAbstractButton | QComboBox | QLabel)
              and w.parentWidget() is not None and not isinstance(w.parentWidget(), QComboBox)]  # fmt: skip
    for a, b in combinations(leaves, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        overlap = _in_window(a, window).intersected(_in_window(b, window))
        if overlap.width() > 1 and overlap.height() > 1:
            found.append(f"{type(a).__name__} {_name(a)!r} overlaps "
                         f"{type(b).__name__} {_name(b)!r}")  # fmt: skip
    return found


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else widget.objectName()


def dock_problems(window: QWidget, articles: QWidget) -> list[str]:
    """Each dock raised in turn (tabbed docks share a place), then the first one again."""
    found = []
    area = _in_window(articles, window)
    for bar in window.findChildren(QTabBar):
        if bar.parentWidget() is window and _shown(bar, window):
            for index in range(bar.count()):
                text, tip = bar.tabText(index), bar.tabToolTip(index)
                needed = bar.fontMetrics().horizontalAdvance(text)
                if bar.tabRect(index).width() < needed:
                    found.append(f"dock tab {text!r} elided")
                if not text and (not tip or bar.tabIcon(index).isNull()):
                    found.append(f"dock tab {index} has neither a title nor an icon and tooltip")
            arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
            if arrows or bar.tabRect(bar.count() - 1).right() > bar.width():
                found.append(f"dock tabs scroll: {bar.count()} tabs in {bar.width()} px")
    docks = [
        d for d in window.findChildren(QDockWidget) if _shown(d, window) and not d.isFloating()
    ]
    for dock in docks + docks[:1]:
        dock.raise_()
        QApplication.processEvents()
        covered = _in_window(dock, window).intersected(area)
        if covered.width() > 1 and covered.height() > 1:
            found.append(f"dock {dock.windowTitle()!r} covers the articles")
        scroll = dock.widget()
        if isinstance(scroll, QScrollArea) and scroll.widget() is not None:
            panel = scroll.widget()
            needed = max(panel.minimumSizeHint().width(), panel.minimumWidth())
            room = scroll.viewport().width()
            if scroll.isVisible() and needed > room + 1:
                found.append(f"dock {dock.windowTitle()!r}: its panel needs {needed} px, "
                             f"has {room}")  # fmt: skip
    return found


def _arrange(studio, size: tuple[int, int], panes: int) -> QWidget:
    studio.set_panes(panes)
    window = studio._scene_main()
    window.resize(*size)
    window.show()
    studio.settle()
    return window


SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


@pytest.fixture(params=sorted(SCHEMES))
def scheme(request, studio):
    """Each case in the light and the dark style sheet: their buttons, borders and
    paddings differ, so fitting in one proves nothing of the other (#13)."""
    studio.follower.apply(SCHEMES[request.param])
    yield request.param
    studio.follower.apply(Qt.ColorScheme.Light)


@pytest.mark.parametrize(("size", "panes"), MATRIX, ids=[f"{s[0]}x{s[1]}-{p}p" for s, p in MATRIX])
def test_nothing_is_elided_overlapping_covered_or_cut_off(studio, scheme, size, panes) -> None:
    assert studio.follower.dark is (scheme == "dark")  # the style sheet in force
    window = _arrange(studio, size, panes)
    shown = window.panes.panes()
    assert len(shown) == panes
    assert (window.width(), window.height()) == size
    found = []
    for pane in shown:
        found += [
            f"pane {pane.view.document_model.id[:3]}: {p}" for p in header_problems(pane, window)
        ]
    found += dock_problems(window, window.panes)
    # The column leaves the articles the window: it took 420 px at 1440 (#13).
    column = max(d.width() for d in window.findChildren(QDockWidget) if _shown(d, window))
    if column > DEFAULT_WIDTH + 20:
        found.append(f"the dock column is {column} px, more than {DEFAULT_WIDTH} + 20")
    assert found == [], "\n".join(found)


def test_the_checks_fail_on_an_elided_button_and_a_cut_off_dock(studio) -> None:
    """They are not checks that cannot fail: a squeezed header and an over-wide panel."""
    window = _arrange(studio, (1366, 768), 4)
    pane = window.panes.panes()[0]
    pane.done_box.setFixedWidth(12)
    studio.settle()
    assert any("Done" in p for p in header_problems(pane, window))
    pane.done_box.setMinimumWidth(0)
    pane.done_box.setMaximumWidth(16777215)
    dock = window.findChild(QDockWidget, "dock_claims")
    assert dock is not None
    scroll = dock.widget()
    assert isinstance(scroll, QScrollArea) and scroll.widget() is not None
    scroll.widget().setMinimumWidth(2000)
    studio.settle()
    try:
        assert any("Claims" in p for p in dock_problems(window, window.panes))
    finally:
        scroll.widget().setMinimumWidth(0)
        studio.settle()
    # A column too narrow even for six icons: the tabs scroll, and the check says so.
    docks = window.findChildren(QDockWidget)
    window.resizeDocks(docks, [140] * len(docks), Qt.Orientation.Horizontal)
    studio.settle()
    try:
        assert any("dock tabs scroll" in p for p in dock_problems(window, window.panes))
    finally:
        window.resizeDocks(docks, [300] * len(docks), Qt.Orientation.Horizontal)
        studio.settle()


def test_the_review_window_fits_a_1366_px_laptop(studio) -> None:
    """Its one-line legend made it 1404 px at least: cut off on a 1366 px screen."""
    view = studio._scene_review()
    try:
        view.resize(1366, 768)
        view.show()
        studio.settle()
        assert view.minimumSizeHint().width() <= 1366
        assert view.width() == 1366
    finally:
        view.hide()
