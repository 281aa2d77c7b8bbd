"""CJK text and colour emoji are drawn (not empty boxes) in the article view wherever the
system has fonts for them. A minimal Debian has none: the tests then skip, naming the
packages (fonts-noto-cjk, fonts-noto-color-emoji). ANNOTATOR_TEST_FONTS=DIR adds the fonts
under DIR to this process only, e.g. the files of those packages unpacked with
`dpkg-deb -x`, to check them without installing anything system-wide."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QImage

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document
from annotator.gui.reading.document_view import DocumentView

MISSING = "\U0010fffd\U0010fffd"  # a private-use code point no font draws: two empty boxes


@pytest.fixture(scope="module", autouse=True)
def extra_fonts(qapp):
    folder = os.environ.get("ANNOTATOR_TEST_FONTS")
    if folder:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() in {".ttf", ".ttc", ".otf"}:
                QFontDatabase.addApplicationFont(str(path))


def drawn(qtbot, text: str) -> QImage:
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(420, 90)
    view.set_document(Document("d", text), [], DEFAULT_SCHEME, "alice")
    view.show()
    qtbot.waitExposed(view)
    return view.viewport().grab().toImage()


def coloured_pixels(image: QImage) -> int:
    """Pixels that are clearly not grey: only a colour emoji puts them in plain text."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            rgb = (colour.red(), colour.green(), colour.blue())
            count += max(rgb) - min(rgb) > 80
    return count


def test_cjk_is_drawn_where_a_cjk_font_exists(qtbot) -> None:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no CJK font on this system (Debian: apt-get install fonts-noto-cjk)")
    boxes = drawn(qtbot, f"Experts {MISSING} warned")
    assert drawn(qtbot, "Experts 专家 warned") != boxes
    assert drawn(qtbot, "Experts 東京 warned") != boxes
    assert drawn(qtbot, "Experts 한국 warned") != boxes


def test_colour_emoji_are_drawn_where_an_emoji_font_exists(qtbot) -> None:
    if not any("emoji" in family.lower() for family in QFontDatabase.families()):
        pytest.skip("no emoji font on this system (Debian: apt-get install fonts-noto-color-emoji)")
    assert coloured_pixels(drawn(qtbot, "Experts warned")) == 0
    assert coloured_pixels(drawn(qtbot, "Experts 🎉👩‍💻 warned")) > 30
