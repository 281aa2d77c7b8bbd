"""The tabbed docks' tab bars kept whole in a narrow column (#13).

Six tabbed docks in the 300 px column that leaves four articles room at 1366 px did not
fit: their titles were elided ("Anno…", "Se…"), then scrolled, with "ations" cut at the
left edge and Suggestions and Documents out of sight. Each dock has an icon; when a tab
bar's full titles do not fit its column, every tab but the current one shows only its
icon (its title in the tooltip, as Zotero's and VS Code's side bars do), and the current
one its title. The full titles come back when the column is widened.

Qt draws a tabbed dock's tab from the dock's window title and icon and rewrites the tab
from them on every layout, so the short form is the dock's title itself; the View menu's
toggle and the shortcut sheet keep the full title (`toggleViewAction` text is restored).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QTabBar,
    QToolTip,
    QWidget,
)

from annotator.gui.shell import ui_colors
from annotator.gui.shell.resources import find_resource

# Between an icon and its text QTabBar adds a few pixels an icon-only tab does not have.
_TEXT_GAP = 6


def dock_icon(name: str, dark: bool = False) -> QIcon:
    """resources/icons/dock-<name>.svg (-dark.svg: light strokes for a dark window), a null
    icon when it is not shipped."""
    path = find_resource("icons", f"dock-{name}{'-dark' if dark else ''}.svg")
    return QIcon(str(path)) if path is not None else QIcon()


class NarrowTabs(QProxyStyle):
    """The app's style with half its space around a tab's icon and title."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return value // 2
        return value


class DockTabs(QObject):
    """Fits the tab bars of `docks` (each titled `titles[i]`) in `window`'s columns."""

    def __init__(self, window: QMainWindow, docks: list[QDockWidget], titles: list[str]):
        super().__init__(window)
        self._window = window
        self._titles = dict(zip(docks, titles, strict=True))
        # Qt keeps the dock's address as its tab's data (QDockAreaLayoutInfo::tabId).
        self._by_address = {shiboken6.getCppPointer(dock)[0]: dock for dock in docks}
        self._can_shorten = False
        self._icons_changed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._filtered: set[QTabBar] = set()
        self._narrow = NarrowTabs()  # over the platform's default style, as the app uses
        self._narrow.setParent(self)
        window.installEventFilter(self)
        for dock in docks:
            dock.visibilityChanged.connect(self.schedule)
            dock.dockLocationChanged.connect(self.schedule)
            dock.topLevelChanged.connect(self.schedule)
        ui_colors.follow(self, self._set_icons)  # light strokes on a dark window

    def _set_icons(self, colors: ui_colors.UiColors) -> None:
        for dock, title in self._titles.items():
            dock.setWindowIcon(dock_icon(title.lower(), colors.dark))
        self._icons_changed = True  # Qt gives a tab its dock's icon only when it makes it
        # Without every icon an icon-only tab would be blank: keep the titles (and scroll).
        self._can_shorten = all(not dock.windowIcon().isNull() for dock in self._titles)
        self.schedule()

    def schedule(self, *_: object) -> None:
        """Fit once the current layout changes are done (several come at once)."""
        self._timer.start()

    def bars(self) -> list[QTabBar]:
        """The main window's dock tab bars on screen (not a panel's own tabs)."""
        return [
            bar
            for bar in self._window.findChildren(QTabBar)
            if bar.parentWidget() is self._window and bar.isVisible() and bar.count()
        ]

    def docks_of(self, bar: QTabBar) -> list[QDockWidget | None]:
        """The dock behind each tab of `bar`, in tab order."""
        return [self._by_address.get(bar.tabData(i)) for i in range(bar.count())]

    def title(self, dock: QDockWidget) -> str:
        """The dock's full title, whatever its tab shows now."""
        return self._titles[dock]

    def fit(self) -> None:
        if self._icons_changed:  # every bar, hidden ones too: shown later, they keep them
            self._icons_changed = False
            for bar in self._window.findChildren(QTabBar):
                for index, dock in enumerate(self.docks_of(bar)):
                    if bar.parentWidget() is self._window and dock is not None:
                        bar.setTabIcon(index, dock.windowIcon())
        tabbed: set[QDockWidget] = set()
        for bar in self.bars():
            # Each setter lays the bar out again, even to the same value: only on change.
            if bar.elideMode() != Qt.TextElideMode.ElideNone:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
            if not bar.usesScrollButtons():
                bar.setUsesScrollButtons(True)  # the last resort: narrower than the icons
            if bar.expanding():
                bar.setExpanding(False)
            if bar not in self._filtered:
                bar.setStyle(self._narrow)
                self._filtered.add(bar)
                bar.installEventFilter(self)
                bar.destroyed.connect(lambda _=None, b=bar: self._filtered.discard(b))
            docks = self.docks_of(bar)
            if None in docks:
                continue  # a tab this fitter does not know: leave the bar as Qt made it
            current = docks[bar.currentIndex()] if bar.currentIndex() >= 0 else None
            short = self._can_shorten and self._full_width(bar, docks) > self._room(bar)
            for dock in docks:
                assert dock is not None
                tabbed.add(dock)
                self._show_title(dock, not short or dock is current)
            for index, dock in enumerate(docks):
                assert dock is not None
                if bar.tabToolTip(index) != self._titles[dock]:
                    bar.setTabToolTip(index, self._titles[dock])
                if bar.accessibleTabName(index) != self._titles[dock]:  # a screen reader's
                    bar.setAccessibleTabName(index, self._titles[dock])
        for dock in self._titles.keys() - tabbed:  # dragged out of a tab group: its title bar
            self._show_title(dock, True)

    def _full_width(self, bar: QTabBar, docks: list[QDockWidget | None]) -> int:
        metrics = bar.fontMetrics()
        width = 0
        for index, dock in enumerate(docks):
            assert dock is not None
            shown = bar.tabText(index)
            chrome = bar.tabSizeHint(index).width() - metrics.horizontalAdvance(shown)
            width += chrome + metrics.horizontalAdvance(self._titles[dock])
            if not shown:
                width += _TEXT_GAP
        return width

    def _room(self, bar: QTabBar) -> int:
        """The column's width: the bar is laid out across it."""
        return bar.width()

    def _show_title(self, dock: QDockWidget, whole: bool) -> None:
        title = self._titles[dock] if whole else ""
        if dock.windowTitle() != title:
            dock.setWindowTitle(title)
            dock.toggleViewAction().setText(self._titles[dock])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window:
            # Not on LayoutRequest: one comes with every edit, and the docks signal changes.
            if kind in (QEvent.Type.Resize, QEvent.Type.Show):
                self.schedule()
            return False
        if isinstance(watched, QTabBar):
            if kind == QEvent.Type.Resize:
                self.schedule()
            elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                index = watched.tabAt(event.pos())
                docks = self.docks_of(watched)
                dock = docks[index] if 0 <= index < len(docks) else None
                if dock is not None:  # Qt blanks a tab's tooltip with its text
                    QToolTip.showText(event.globalPos(), self._titles[dock], watched)
                    return True
        return False
