"""The app's windows in one process: one per open project, never two on the same file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from annotator.app.gui_main import AppController


class AppWindows:
    """Opens projects handed over by later launches: raises the window that already shows one,
    reuses a window on its welcome page, otherwise opens a new window."""

    def __init__(self, settings: QSettings, annotator: str | None = None):
        self.settings = settings
        self._annotator = annotator
        self.controllers: list[AppController] = []

    def start(self, project: Path | None) -> AppController:
        """The first window, on `project` (created when missing), else the last project."""
        controller = self._new_window()
        target = project or controller.recent.last()
        if target is not None:
            create = project is not None and not Path(project).exists()
            controller.open_project(Path(target), create=create)
        return controller

    def open_files(self, paths: list[Path]) -> None:
        """What a later launch asked for: these projects, or (none) just a window in front."""
        if not paths:
            live = self._live()
            if live:
                _raise(live[-1].window)
            else:
                self.start(None)
            return
        for path in paths:
            self.open(Path(path))

    def open(self, path: Path) -> AppController:
        showing = self.showing(path)
        if showing is not None:
            _raise(showing.window)
            return showing
        idle = [c for c in self._live() if c.window.session is None]
        controller = idle[0] if idle else self._new_window()
        controller.open_project(path, create=not path.exists())
        _raise(controller.window)
        return controller

    def showing(self, path: Path) -> AppController | None:
        """The window whose project is `path`, if any."""
        wanted = _same_file_key(path)
        for controller in self._live():
            session = controller.window.session
            if session is not None and _same_file_key(session.store.path) == wanted:
                return controller
        return None

    def _focus_elsewhere(self, path: Path, asking: AppController) -> bool:
        showing = self.showing(path)
        if showing is None or showing is asking:
            return False
        _raise(showing.window)
        return True

    def _new_window(self) -> AppController:
        controller = AppController(self.settings, self._annotator, self._focus_elsewhere)
        self.controllers.append(controller)
        controller.window.show()
        return controller

    def _live(self) -> list[AppController]:
        # A closed window has torn its project down; forget it.
        self.controllers = [c for c in self.controllers if c.window.isVisible()]
        return self.controllers


def _same_file_key(path: Path) -> tuple[int, int] | Path:
    try:
        stat = Path(path).stat()
    except OSError:
        return Path(path).resolve()
    return (stat.st_dev, stat.st_ino)


def _raise(window: QWidget) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()
