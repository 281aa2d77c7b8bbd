"""Resources are found as package data; missing ones degrade quietly.

tests/packaging/test_wheel.py checks the same from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import annotator
from annotator.gui.shell import resources


def test_finds_icon_and_stylesheet_in_the_checkout(qapp):
    path = resources.icon_path()
    assert path is not None and path.name == "annotator.svg"
    assert resources.resources_folder() == Path(annotator.__file__).parent / "resources"
    assert not resources.app_icon().isNull()
    assert "QToolBar" in resources.load_stylesheet()


def test_missing_resources_give_empty_results(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "resources_folder", lambda: None)
    assert resources.icon_path() is None
    assert resources.app_icon().isNull()
    assert resources.load_stylesheet() == ""


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen cannot resize
def test_stylesheet_parses_without_warnings(qtbot):
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("x")
    qtbot.addWidget(button)
    button.setStyleSheet(resources.load_stylesheet())
    button.show()  # a parse error would log a Qt warning, which fails the test


def test_the_dark_sheet_styles_the_same_widgets_in_dark_colours() -> None:
    import re

    light, dark = resources.load_stylesheet(), resources.load_stylesheet(dark=True)
    assert dark and dark != light

    def selectors(sheet: str) -> list[str]:
        return re.findall(r"^([^\s/*{][^{]*)\{", sheet, flags=re.MULTILINE)

    assert selectors(dark) == selectors(light)  # the two are kept in step
    assert "#ffffff" not in dark.lower()  # no white page behind the widgets in dark
    assert "chevron-down-dark.svg" in dark
