"""Every window and dialog is readable in dark mode (issue #13), not only the text view.

The scene is the one `make screenshots` photographs (docs/screenshots/make_screenshots.py's
Studio: the demo annotated through the app's own actions in four panes, a claim linked across
outlets, bob's copy merged in), so this checks what the README shows. Each window is opened
while the scheme is light and then switched to dark, as a system switch would do it, so a
window that does not repaint on the change fails too. dark_checks.py says what fails.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.shell.dark_checks import image_array, luminance, problems, scheme_follower
from tests.gui.shell.screenshot_script import screenshot_script

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints", "raise"), pytest.mark.slow]

SCENES = ("main", "matrix", "agreement", "review", "help", "tour", "scheme", "shortcuts",
          "export", "hub", "welcome")  # fmt: skip
AGREEMENT_TABS = 6


@pytest.fixture(scope="module")
def studio(qapp, tmp_path_factory):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with scheme_follower() as follower:
        script = screenshot_script()
        folder = tmp_path_factory.mktemp("dark")
        project = script.make_project(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        made = script.Studio(app, settings, project)
        made.follower = follower
        yield made
        made.close()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


def _shown_dark(studio, scene: str) -> QWidget:
    """`scene` opened in light, then the scheme switched to dark."""
    studio.follower.apply(Qt.ColorScheme.Light)
    widget = getattr(studio, f"_scene_{scene}")()
    widget.resize(1366, 768)
    widget.show()
    studio.settle()
    studio.follower.apply(Qt.ColorScheme.Dark)
    studio.settle()
    return widget


@pytest.mark.parametrize("scene", SCENES)
def test_each_window_is_dark_and_its_text_readable(studio, scene: str) -> None:
    widget = _shown_dark(studio, scene)
    try:
        assert problems(widget) == [], scene
    finally:
        if widget is not studio.window:
            widget.hide()


def test_every_tab_of_the_agreement_window_is_dark_and_readable(studio) -> None:
    from PySide6.QtWidgets import QTabWidget

    widget = _shown_dark(studio, "agreement")
    tabs = widget.findChild(QTabWidget)
    assert tabs is not None and tabs.count() == AGREEMENT_TABS
    found = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        studio.settle()
        found[tabs.tabText(index)] = problems(widget)
    widget.hide()
    assert found == {name: [] for name in found}


def test_the_review_windows_claims_tab_is_dark_and_readable(studio) -> None:
    """Its Grouping colours were set once, light, and kept after the switch (2.8:1)."""
    widget = _shown_dark(studio, "review")
    try:
        widget.bottom_tabs.setCurrentWidget(widget.claims_panel)
        studio.settle()
        assert widget.claims_panel.tree.topLevelItemCount() > 0
        assert problems(widget) == []
    finally:
        widget.hide()


def test_the_gold_edit_dialog_is_dark_and_readable(studio) -> None:
    from annotator.gui.review.gold_edit_dialog import GoldEditDialog

    review = _shown_dark(studio, "review")
    scheme = studio.session.store.scheme.get()
    span = studio.session.store.annotations.spans(screenshot_script().D000)[0]
    dialog = GoldEditDialog(scheme, span, None, review)
    try:
        dialog.show()
        studio.settle()
        assert problems(dialog) == []
    finally:
        dialog.hide()
        dialog.deleteLater()
        review.hide()


def test_search_hits_in_the_result_list_are_dark_markers_with_readable_letters(studio) -> None:
    """The hit's marker was a pale yellow patch (#fff1a8) on the dark list."""
    from annotator.gui.reading.search_panel import SearchPanel

    window = _shown_dark(studio, "main")
    panel = window.findChild(SearchPanel)
    assert panel is not None
    panel.search_field.setText("experts")
    panel.search_now()
    studio.settle()
    view = panel.results
    model = view.model()
    document = model.index(0, 0)
    hit = model.index(0, 0, document)
    assert hit.isValid()
    view.clearSelection()
    view.scrollTo(hit)
    studio.settle()
    pixels = image_array(view.viewport().grab(view.visualRect(hit)).toImage()).reshape(-1, 3)
    # The marker is the row's second most frequent colour after the list's own: both dark.
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    assert luminance(colours[np.argsort(counts)[-2:]]).max() < 0.2
    assert luminance(pixels).max() > 0.5  # and the letters on it are light


def test_the_documents_panel_is_dark_and_readable(studio) -> None:
    """The Documents panel (#15): filter box, choosers, count and the two-line rows."""
    from annotator.gui.reading.documents_panel import DocumentsPanel

    window = _shown_dark(studio, "main")
    window.actions_by_id["filter_documents"].trigger()
    panel = window.findChild(DocumentsPanel)
    assert panel is not None and panel.isVisible()
    panel.filter_field.setText("a")
    studio.settle()
    assert panel.model is not None and panel.model.rowCount() > 0
    assert problems(panel) == []


def test_the_checks_see_a_white_card_and_grey_on_dark(qtbot) -> None:
    """The measures fail where they should: they are not a check that cannot fail."""
    from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    page.setStyleSheet("background: #202124;")
    card = QFrame(page)
    card.setStyleSheet("background: #ffffff;")
    card.setFixedSize(200, 100)
    grey = QLabel("a caption in grey", page)
    grey.setStyleSheet("color: #555555;")
    layout = QVBoxLayout(page)
    layout.addWidget(card)
    layout.addWidget(grey)
    page.resize(300, 200)
    page.show()
    qtbot.waitExposed(page)
    found = problems(page)
    assert any(p.startswith("light area") for p in found)
    assert any("a caption in grey" in p for p in found)
    card.setStyleSheet("background: #2a2b2f;")
    grey.setStyleSheet("color: #bdc1c6;")
    assert problems(page) == []


def test_the_empty_inspector_is_readable_in_dark(studio) -> None:
    """ "No annotation selected" was palette(mid): 1.7:1 on the dark page."""
    window = _shown_dark(studio, "main")
    selected = window.controller.selected_span_id
    window.controller.select_span(None)
    studio.settle()
    try:
        assert window.inspector.empty_title.isVisible()
        assert problems(window.inspector) == []
    finally:
        window.controller.select_span(selected)
        studio.settle()
