"""Find the app icon and stylesheet, installed with the package or in a source checkout.

A missing file is not an error: the app then runs with no icon and the native style.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICON_NAME = "annotator.svg"
STYLESHEET_NAME = "annotator.qss"
RESOURCES_TOKEN = "@resources@"


def resource_dirs() -> list[Path]:
    """Where resources may be: package data first (installed), then the repository root."""
    here = Path(__file__).resolve()
    return [here.parents[2] / "resources", here.parents[3] / "resources"]


def find_resource(*parts: str) -> Path | None:
    """The first existing `resources/<parts>`, or None."""
    for directory in resource_dirs():
        candidate = directory.joinpath(*parts)
        if candidate.is_file():
            return candidate
    return None


def icon_path() -> Path | None:
    """The SVG app icon, or None when it is not shipped."""
    return find_resource("icons", ICON_NAME)


def app_icon() -> QIcon:
    """The app icon; a null QIcon when missing (checked first, so Qt logs no warning)."""
    path = icon_path()
    return QIcon(str(path)) if path is not None else QIcon()


def load_stylesheet() -> str:
    """The app stylesheet's text, or "" when missing or unreadable.

    `@resources@` in the sheet becomes the resources folder, since Qt resolves a
    relative `url()` against the working directory, not the sheet.
    """
    path = find_resource("styles", STYLESHEET_NAME)
    if path is None:
        return ""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return text.replace(RESOURCES_TOKEN, path.parent.parent.as_posix())
