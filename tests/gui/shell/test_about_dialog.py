"""The About box lists versions and the open project."""

from __future__ import annotations

import annotator
from annotator.gui.shell.about_dialog import AboutDialog
from annotator.store.schema import SCHEMA_VERSION


def test_lists_versions_and_project(qtbot, session):
    dialog = AboutDialog(session)
    qtbot.addWidget(dialog)
    text = dialog.details_text()
    assert f"Version: {annotator.__version__}" in text
    assert f"Project schema: {SCHEMA_VERSION}" in text
    assert str(session.store.path) in text
    assert "Qt: " in text and "PySide: " in text


def test_without_a_project(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "Project:" not in dialog.details_text()
