"""The main window's docks: made once per window, refilled per project, laid out idempotently.

The docks used to be made for each project and the saved layout restored over them while
the previous project's docks (same object names, deleted later) were still in the window:
every File → Open stacked a second set, the window grew to hold both (900 → 1127 → 1658 px,
taller than the screen) and the tabs came apart (issue #13). Now the same docks stay, only
their panels change; the saved layout is restored once, on the first project; later projects
keep whatever the analyst arranged; and the window is kept on its screen.

A panel behind a tab can be deferred (`DeferredPanel`): it is built, and its room's modules
imported, when its dock is first shown or the window first asks for it, not at start-up,
where five of the seven panels are hidden tabs (issue #15, start-up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QWidget,
)

from annotator.gui.shell.dock_tabs import DockTabs

# In this order: the window refers to them by index (0 is the inspector, 2 search, 4 claims,
# 6 documents).
TITLES = ("Annotation", "Annotations", "Search", "Guidelines", "Claims", "Suggestions", "Documents")
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
# A column that leaves four articles room at 1366 px; the analyst can widen it.
DEFAULT_WIDTH = 300
INSPECTOR_HEIGHT = 260

P = TypeVar("P", bound=QWidget, covariant=True)  # a deferred SearchPanel is a deferred QWidget


class DeferredPanel(Generic[P]):
    """A dock's panel made by `build` on first use: when its dock is shown, or `get()`."""

    def __init__(self, build: Callable[[], P]):
        self._build = build
        self._panel: P | None = None
        self._install: Callable[[QWidget], None] | None = None  # set by the dock column

    @property
    def built(self) -> P | None:
        """The panel if it has been made, else None (nothing is built)."""
        return self._panel

    def get(self) -> P:
        """The panel, made (and put in its dock) now if it was not yet."""
        if self._panel is None:
            self._panel = self._build()
            if self._install is not None:
                self._install(self._panel)
        return self._panel


Panel = QWidget | DeferredPanel[QWidget] | None


class DockColumn:
    """The docks on the right of `window`, each with its toggle in `view_menu`."""

    def __init__(self, window: QMainWindow, view_menu: QMenu):
        self._window = window
        self.docks: list[QDockWidget] = []
        for title in TITLES:
            dock = QDockWidget(title, window)
            dock.setObjectName(f"dock_{title.lower()}")
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            dock.setWidget(QWidget(dock))
            window.addDockWidget(RIGHT, dock)
            toggle = dock.toggleViewAction()
            toggle.setStatusTip(f"Show or hide the {title} panel")
            toggle.setToolTip(f"Show or hide the {title} panel")
            view_menu.addAction(toggle)
            self.docks.append(dock)
        for previous, dock in zip(self.docks[1:], self.docks[2:], strict=False):
            window.tabifyDockWidget(previous, dock)
        self.tabs = DockTabs(window, self.docks, list(TITLES))  # their icons, tabs fitted
        self._laid_out = False  # the default layout (or the saved one) is applied on first fill
        self._remembered: QByteArray | None = None  # this window's layout while no project
        self._before_hiding: QByteArray | None = None  # the layout that View → Hide Panels hid
        self._filled = False
        self._deferred: dict[QDockWidget, DeferredPanel[QWidget]] = {}  # not built yet
        for dock in self.docks:
            dock.visibilityChanged.connect(
                lambda visible, d=dock: self._build_deferred(d) if visible else None
            )
        self.set_available(False)

    def fill(self, panels: Sequence[Panel], saved_state: object | None) -> None:
        """Put a project's panels in the docks (None leaves a dock out, a DeferredPanel is
        made when its dock is first shown) and lay them out: the first time from
        `saved_state` (or the defaults), later as the analyst left them."""
        for dock, panel in zip(self.docks, panels, strict=True):
            if not isinstance(panel, DeferredPanel):
                self._put(dock, panel)
        size_before = self._window.size()
        state: QByteArray | bytes | None = self._remembered
        if not self._laid_out:
            self._laid_out = True
            self._default_layout()
            state = saved_state if isinstance(saved_state, QByteArray | bytes) else None
        if state is not None:
            self._window.restoreState(state)
        self._filled = True
        self.set_available(True)
        for dock, panel in zip(self.docks, panels, strict=True):
            if panel is None:
                dock.hide()
                dock.toggleViewAction().setVisible(False)
            elif isinstance(panel, DeferredPanel):
                panel._install = lambda built, d=dock: self._put(d, built)
                if dock.isVisible():  # on screen already: the window is up, its tab in front
                    panel.get()
                else:  # the empty placeholder stays until the dock is first shown
                    self._deferred[dock] = panel
        self.tabs.fit()
        size = self._window.size()
        if size.width() > size_before.width() or size.height() > size_before.height():
            keep_on_screen(self._window)  # a layout never pushes the window off its screen

    def empty(self) -> None:
        """Take the project's panels out (they are deleted) and hide the column, remembering
        its layout for the next project."""
        if self._filled:
            self._remembered = self.state()
        self._before_hiding = None
        self._filled = False
        for deferred in self._deferred.values():
            deferred._install = None  # never built now: the project it was for is gone
        self._deferred.clear()
        for dock in self.docks:
            panel = dock.widget()
            dock.setWidget(QWidget(dock))
            if panel is not None:
                panel.deleteLater()
        self.set_available(False)

    def state(self) -> QByteArray:
        """The layout to save: the live one with a project open, else the remembered one."""
        if not self._filled and self._remembered is not None:
            return self._remembered
        if self._before_hiding is not None:
            return self._before_hiding  # hidden for now, not closed for good
        return self._window.saveState()

    def hide_panels(self, hidden: bool) -> None:
        """Hide every dock, giving the articles the window (#13: the docks can collapse), or
        bring back the layout they had; a dock shown meanwhile (Ctrl+F) does not undo it."""
        if hidden and self._before_hiding is None and self._filled:
            self._before_hiding = self._window.saveState()
            for dock in self.docks:
                dock.hide()
        elif not hidden and self._before_hiding is not None:
            state, self._before_hiding = self._before_hiding, None
            self._window.restoreState(state)

    def panels_hidden(self) -> bool:
        return self._before_hiding is not None

    def set_available(self, available: bool) -> None:
        """Docks and their toggles exist only with a project open."""
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            toggle.setEnabled(available)
            toggle.setVisible(True)
            if not available:
                dock.hide()

    def _put(self, dock: QDockWidget, panel: QWidget | None) -> None:
        placeholder = dock.widget()
        dock.setWidget(_scrolling(panel, dock) if panel is not None else QWidget(dock))
        if placeholder is not None:
            placeholder.deleteLater()

    def _build_deferred(self, dock: QDockWidget) -> None:
        deferred = self._deferred.pop(dock, None)
        if deferred is not None:
            deferred.get()

    def _default_layout(self) -> None:
        for dock in self.docks:
            dock.show()
        self.docks[1].raise_()
        window = self._window
        window.resizeDocks(
            [self.docks[0], self.docks[1]], [INSPECTOR_HEIGHT, 440], Qt.Orientation.Vertical
        )
        window.resizeDocks([self.docks[0]], [DEFAULT_WIDTH], Qt.Orientation.Horizontal)


def _scrolling(panel: QWidget, dock: QDockWidget) -> QScrollArea:
    """`panel` in a scroll area, so a dock can be made smaller than the panel would like:
    the inspector and the claims panel together wanted 830 px, more than a 768 px laptop."""
    area = QScrollArea(dock)
    area.setObjectName(f"{dock.objectName()}_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(panel)
    return area


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move `window` so it fits the available area of its screen."""
    screen = window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), available.width() - extra_w)
    height = min(window.height(), available.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 200), max(height, 200))
    frame = window.frameGeometry()
    x = max(min(frame.x(), available.right() - frame.width() + 1), available.left())
    y = max(min(frame.y(), available.bottom() - frame.height() + 1), available.top())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
