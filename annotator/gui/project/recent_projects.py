"""The Open Recent list, kept in QSettings (a UI preference, not project data)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent_projects"
LIMIT = 10


class RecentProjects:
    def __init__(self, settings: QSettings):
        self._settings = settings

    def paths(self) -> list[Path]:
        raw = self._settings.value(KEY, [])
        # QSettings hands back a str for a one-item list on some backends.
        values = (
            [raw]
            if isinstance(raw, str)
            else [str(v) for v in raw]
            if isinstance(raw, list)
            else []
        )
        return [Path(v) for v in values if v and Path(v).exists()]

    def add(self, path: Path) -> None:
        resolved = str(Path(path).resolve())
        values = [str(p) for p in self.paths() if str(p) != resolved]
        self._settings.setValue(KEY, [resolved, *values][:LIMIT])

    def last(self) -> Path | None:
        paths = self.paths()
        return paths[0] if paths else None
