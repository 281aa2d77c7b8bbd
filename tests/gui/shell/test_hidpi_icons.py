"""High-DPI icons (issue #13): every icon is sharp at devicePixelRatio 2.

A QIcon holding only a 1x bitmap is scaled up, blurred, on a 2x screen. The shipped icons
are SVG (or a raster of the size its name declares, for the desktop's icon theme, or with
an @2x twin); the icons the app paints itself are drawn at 1x and 2x (gui/shell/drawn_icon.py).
The main window on the demo project is walked for every icon it shows: buttons, actions and
item-view decorations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView

from annotator.gui.session import ProjectSession
from annotator.gui.shell import resources
from annotator.gui.shell.drawn_icon import drawn_icon
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

RATIO = 2.0


def blurred_at_2x(icon: QIcon) -> bool:
    """True when `icon` has fewer device pixels than a 2x screen needs."""
    sizes = icon.availableSizes()
    logical = sizes[0] if sizes else QSize(16, 16)
    pixmap = icon.pixmap(logical, RATIO)
    needed = QSize(int(logical.width() * RATIO), int(logical.height() * RATIO))
    return pixmap.width() < needed.width() or pixmap.height() < needed.height()


def test_the_check_fails_on_an_icon_with_only_a_1x_bitmap(qapp) -> None:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.red)
    assert blurred_at_2x(QIcon(pixmap))
    assert not blurred_at_2x(
        drawn_icon(16, 16, lambda p: p.fillRect(0, 0, 16, 16, Qt.GlobalColor.red))
    )


def test_shipped_icons_are_svg_or_have_a_2x_twin(qapp) -> None:
    folder = resources.resources_folder()
    assert folder is not None
    icons = sorted((folder / "icons").iterdir())
    assert icons
    for path in icons:
        if path.suffix == ".svg":
            assert not blurred_at_2x(QIcon(str(path))), path.name
            continue
        declared = re.search(r"-(\d+)\.png$", path.name)  # a theme size: hicolor/NNNxNNN
        twin = path.with_name(f"{path.stem}@2x{path.suffix}")
        if declared:
            image = QImage(str(path))
            assert (image.width(), image.height()) == (int(declared[1]),) * 2, path.name
        else:
            assert path.name.endswith(f"@2x{path.suffix}") or twin.exists(), (
                f"{path.name} is a bitmap with no @2x twin"
            )


def test_an_svg_icon_renders_sharp_at_2x(qapp) -> None:
    """Rendered at 2x, the SVG's edges are as crisp as the SVG drawn directly at 32 px: not
    a 16 px picture stretched (which would have twice as many half-tone pixels)."""
    path = resources.find_resource("icons", "annotator.svg")
    assert path is not None
    at_2x = QIcon(str(path)).pixmap(QSize(16, 16), RATIO).toImage()
    assert (at_2x.width(), at_2x.height()) == (32, 32)
    direct = QIcon(str(path)).pixmap(QSize(32, 32), 1.0).toImage()
    assert at_2x.convertToFormat(direct.format()) == direct.convertToFormat(direct.format())


@pytest.fixture
def window(qtbot, tmp_path: Path):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    store = ProjectStore.create(tmp_path / "demo.annotator")
    load_demo(store)
    first = store.documents.ids()[0]
    store.documents.set_done(first, "alice", True)  # the list shows both progress icons
    main.set_session(ProjectSession(store, "alice"))
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.set_session(None)


def _view_icons(view: QAbstractItemView) -> list[tuple[str, QIcon]]:
    model = view.model()
    found = []
    for row in range(min(model.rowCount(QModelIndex()), 50)):
        index = model.index(row, 0, QModelIndex())
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon) and not icon.isNull():
            found.append((f"{type(view).__name__} row {row}", icon))
    return found


def test_every_icon_the_main_window_shows_is_sharp_at_2x(window) -> None:
    icons: list[tuple[str, QIcon]] = []
    for button in window.findChildren(QAbstractButton):
        if button.objectName().startswith("qt_"):
            continue  # Qt's own (a toolbar's » extension): the style's icons, not the app's
        if not button.icon().isNull():
            icons.append((f"button {button.text() or button.objectName()!r}", button.icon()))
    for action in window.findChildren(QAction):
        if not action.icon().isNull():
            icons.append((f"action {action.text()!r}", action.icon()))
    for view in window.findChildren(QAbstractItemView):
        if view.model() is not None:
            icons.extend(_view_icons(view))
    assert len(icons) >= 5  # the label swatches and the document list's progress at least
    assert [what for what, icon in icons if blurred_at_2x(icon)] == []


def test_the_painted_icons_draw_the_same_picture_at_2x(qapp) -> None:
    """The 2x pixmap is the 1x picture drawn finer, not a different or an empty one."""
    from annotator.gui.reading.document_list_model import _progress_icon

    icon = _progress_icon(True)
    small = icon.pixmap(QSize(16, 16), 1.0).toImage()
    large = icon.pixmap(QSize(16, 16), RATIO).toImage()
    assert (large.width(), large.height()) == (32, 32)
    shrunk = large.scaled(16, 16, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    centre_small, centre_large = small.pixelColor(8, 4), shrunk.pixelColor(8, 4)
    assert abs(centre_small.green() - centre_large.green()) < 40
