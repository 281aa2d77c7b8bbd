"""Find the app icon and stylesheet: package data (`annotator/resources`), loaded with
importlib.resources, so a wheel, a frozen bundle and a source checkout all find them.

A missing file is not an error: the app then runs with no icon and the native style.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

from annotator.gui.shell import ui_colors

ICON_NAME = "annotator.svg"
STYLESHEET_NAME = "annotator.qss"
DARK_STYLESHEET_NAME = "annotator-dark.qss"  # the same rules in dark colours
RESOURCES_TOKEN = "@resources@"


def resources_folder() -> Path | None:
    """The shipped resources folder, or None when this installation lacks it.

    Qt needs real files (the stylesheet's `url()`s, QIcon), so a resource that is not on
    the file system (a zipped install) counts as missing.
    """
    folder = resources.files("annotator") / "resources"
    return folder if isinstance(folder, Path) and folder.is_dir() else None


def find_resource(*parts: str) -> Path | None:
    """`resources/<parts>` when it is shipped, else None."""
    folder = resources_folder()
    if folder is None:
        return None
    candidate = folder.joinpath(*parts)
    return candidate if candidate.is_file() else None


def icon_path() -> Path | None:
    """The SVG app icon, or None when it is not shipped."""
    return find_resource("icons", ICON_NAME)


def app_icon() -> QIcon:
    """The app icon; a null QIcon when missing (checked first, so Qt logs no warning)."""
    path = icon_path()
    return QIcon(str(path)) if path is not None else QIcon()


def load_stylesheet(dark: bool = False) -> str:
    """The app stylesheet's text (the dark one when `dark`), or "" when missing or unreadable.

    `@resources@` in the sheet becomes the resources folder, since Qt resolves a
    relative `url()` against the working directory, not the sheet. The sheet ends with the
    label tones of ui_colors' matching table.
    """
    path = find_resource("styles", DARK_STYLESHEET_NAME if dark else STYLESHEET_NAME)
    if path is None:
        return ""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    tones = ui_colors.tone_rules(ui_colors.DARK if dark else ui_colors.LIGHT)
    return text.replace(RESOURCES_TOKEN, path.parent.parent.as_posix()) + "\n" + tones
