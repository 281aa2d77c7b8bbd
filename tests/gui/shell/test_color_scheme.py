"""Light and dark follow the system (issue #13): the text view's page is not white in dark.

Offscreen Qt reports no system scheme, so the tests call the handler that
`colorSchemeChanged` is connected to, with the scheme a system switch would send.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.colors import blend_hex, contrast_ratio
from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document, Span
from annotator.gui.reading import view_colors
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore
from tests.gui.shell.dark_checks import scheme_follower

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def follower(qapp):
    with scheme_follower() as made:
        yield made


@pytest.fixture
def window(qtbot, tmp_path: Path):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1200, 800)
    store = ProjectStore.create(tmp_path / "seeds.annotator")
    load_demo(store)
    main.set_session(ProjectSession(store, "alice"))
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.set_session(None)


def _views(window: MainWindow) -> list[DocumentView]:
    views = window.findChildren(DocumentView)
    assert views and all(v.document_model is not None for v in views[:1])
    return views


def _page(view: DocumentView) -> str:
    return view.palette().color(QPalette.ColorRole.Base).name()


def _painted_page(view: DocumentView) -> str:
    """The colour actually drawn in the view's top-left margin."""
    view.viewport().repaint()
    return view.viewport().grab().toImage().pixelColor(4, 4).name()


def test_switching_to_dark_repaints_an_open_document_view(follower, window) -> None:
    view = _views(window)[0]
    follower.apply(Qt.ColorScheme.Light)
    assert _page(view) == view_colors.LIGHT.page
    assert _painted_page(view) == view_colors.LIGHT.page

    follower.apply(Qt.ColorScheme.Dark)
    assert _page(view) == view_colors.DARK.page
    assert _painted_page(view) == view_colors.DARK.page
    assert view.palette().color(QPalette.ColorRole.Text).name() == view_colors.DARK.text
    assert "annotator-dark" not in QApplication.instance().styleSheet()  # text, not a path
    assert "#2a2b2f" in QApplication.instance().styleSheet()  # the dark toolbar
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 80

    follower.apply(Qt.ColorScheme.Light)
    assert _painted_page(view) == view_colors.LIGHT.page
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 128


def test_highlights_are_reblended_on_the_dark_page(follower, qtbot) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    text = "Experts warn that the rise of AI is dangerous."
    claim = Span("s", "d", 0, 20, "Claim", "alice")
    view.set_document(Document("d", text), [claim], DEFAULT_SCHEME, "alice")
    cursor = view.textCursor()

    def background(offset: int) -> QColor:
        cursor.setPosition(offset + 1)
        return cursor.charFormat().background().color()

    light = background(5)
    follower.apply(Qt.ColorScheme.Dark)
    dark = background(5)
    assert dark.lightness() < light.lightness()
    claim_colour = QColor(DEFAULT_SCHEME.color_of("Claim"))
    expected = blend_hex(
        view_colors.DARK.page, claim_colour.name(), view_colors.DARK.depth_alpha(1)
    )
    assert dark.name() == expected
    assert contrast_ratio(view_colors.DARK.text, dark.name()) >= 4.5
    cursor.setPosition(31)  # unlabelled text shows the page: no background of its own
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush


def test_a_view_made_while_dark_starts_dark(follower, qtbot) -> None:
    follower.apply(Qt.ColorScheme.Dark)
    view = DocumentView()
    qtbot.addWidget(view)
    assert _page(view) == view_colors.DARK.page


def test_the_system_signal_reaches_the_handler(follower, window) -> None:
    view = _views(window)[0]
    QApplication.instance().styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert _page(view) == view_colors.DARK.page
