"""Resources are found in the checkout; missing ones degrade quietly."""

from __future__ import annotations

import pytest

from annotator.gui.shell import resources


def test_finds_icon_and_stylesheet_in_the_checkout(qapp):
    path = resources.icon_path()
    assert path is not None and path.name == "annotator.svg"
    assert not resources.app_icon().isNull()
    assert "QToolBar" in resources.load_stylesheet()


def test_missing_resources_give_empty_results(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "resource_dirs", lambda: [tmp_path / "nowhere"])
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
