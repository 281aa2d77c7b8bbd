"""SafeTextBrowser: untrusted HTML loads no resources, and links open only after confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from annotator.gui.shell import safe_text_browser
from annotator.gui.shell.safe_text_browser import SafeTextBrowser
from annotator.services.rich_text import render_note_html

PNG_1X1 = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
    "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def browser(qtbot):
    widget = SafeTextBrowser()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    return widget


@pytest.fixture
def red_png(tmp_path: Path) -> Path:
    path = tmp_path / "secret.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path))
    return path


@pytest.fixture
def load_spy(monkeypatch):
    """Records every (url, returned value) of SafeTextBrowser.loadResource."""
    calls: list[tuple[str, object]] = []
    original = SafeTextBrowser.loadResource

    def spy(self, type_, name):
        result = original(self, type_, name)
        calls.append((QUrl(name).toString(), result))
        return result

    monkeypatch.setattr(SafeTextBrowser, "loadResource", spy)
    return calls


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://example.com/x.png", PNG_1X1, "qrc:/x.png", "x.png"]
)
def test_load_resource_returns_nothing_for_any_url(browser, url):
    for kind in QTextDocument.ResourceType:
        assert browser.loadResource(kind.value, QUrl(url)) is None


def test_images_and_style_sheets_are_never_read(browser, red_png, load_spy, qtbot):
    browser.setHtml(
        f'<p>before<img src="file:///etc/passwd"><img src="{red_png.as_uri()}">'
        f'<img src="{red_png}"><img src="http://127.0.0.1:9/track.png"><img src="{PNG_1X1}">'
        '<link rel="stylesheet" href="file:///etc/passwd">after</p>'
    )
    browser.show()
    qtbot.waitExposed(browser)
    browser.grab()  # lays out and paints, which is when images are fetched

    urls = [url for url, _ in load_spy]
    assert "file:///etc/passwd" in urls
    assert red_png.as_uri() in urls
    assert all(result is None for _, result in load_spy)
    # Qt's own fallbacks (reading the path itself, decoding data:) must not have run either.
    document = browser.document()
    for url in (red_png.as_uri(), str(red_png), PNG_1X1, "file:///etc/passwd"):
        resource = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert isinstance(resource, QImage)
        assert resource.size().width() <= 1, url
    assert browser.toPlainText().startswith("before")


def test_rendered_note_with_hostile_markdown_loads_nothing(browser, load_spy):
    note = "**bold** ![x](file:///etc/passwd) <img src=x onerror=alert(1)> [l](javascript:alert(1))"
    browser.set_safe_html(render_note_html(note))
    browser.grab()
    assert "bold" in browser.toPlainText()
    assert all(result is None for _, result in load_spy)


@pytest.fixture
def link_calls(monkeypatch):
    calls: dict[str, list[str]] = {"asked": [], "opened": []}
    answer = {"value": False}

    def confirm(parent, url):
        calls["asked"].append(url.toString())
        return answer["value"]

    class FakeDesktop:
        @staticmethod
        def openUrl(url):
            calls["opened"].append(url.toString())
            return True

    monkeypatch.setattr(safe_text_browser, "confirm_open_link", confirm)
    monkeypatch.setattr(safe_text_browser, "QDesktopServices", FakeDesktop)
    return calls, answer


@pytest.mark.parametrize(
    "url", ["https://example.org/a", "http://example.org", "https://example.org/a?b=&lt;c"]
)
def test_web_links_open_only_after_confirmation(browser, link_calls, url):
    calls, answer = link_calls
    browser.anchorClicked.emit(QUrl(url))
    assert calls["asked"] == [url]
    assert calls["opened"] == []

    answer["value"] = True
    browser.anchorClicked.emit(QUrl(url))
    assert calls["opened"] == [url]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,x",
        "qrc:/x",
        "ftp://x/y",
        "mailto:a@b.c",
        "file://server/share/x",
        "smb://server/share",
    ],
)
def test_other_schemes_are_refused_without_asking(browser, link_calls, url):
    calls, answer = link_calls
    answer["value"] = True
    browser.anchorClicked.emit(QUrl(url))
    assert calls == {"asked": [], "opened": []}


def test_clicking_a_link_does_not_navigate(browser, link_calls):
    browser.set_safe_html('<p><a href="https://example.org">link</a> text</p>')
    before = browser.toPlainText()
    browser.anchorClicked.emit(QUrl("https://example.org"))
    assert browser.toPlainText() == before
    assert browser.openLinks() is False
    assert browser.openExternalLinks() is False
