"""A read-only HTML view for untrusted text (notes, guidelines): loads nothing, asks before links.

Overriding `QTextBrowser.loadResource` alone is not enough: when it returns nothing,
QTextDocument reads `file:` URLs and decodes `data:` URLs itself, and Qt's image handler
then calls `QImage.load(path)` on the raw `src`. So the browser owns an `_InertDocument`
whose every resource is an inert placeholder (a 1×1 transparent image, or empty bytes),
which leaves Qt nothing to fall back on.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

# Only the web (issue #14): a mailto: or any other scheme hands untrusted text to another app.
OPENABLE_SCHEMES = frozenset({"http", "https"})
# Our own CSS (the HTML itself carries no style): headings sized for a side panel.
READING_STYLE = """
h1 { font-size: large; margin-top: 4px; margin-bottom: 6px; }
h2 { font-size: medium; margin-top: 12px; margin-bottom: 4px; }
h3, h4, h5, h6 { font-size: medium; font-style: italic; margin-top: 8px; }
p { margin-top: 0px; margin-bottom: 8px; }
li { margin-bottom: 3px; }
code, pre { font-family: monospace; }
a { color: #1a5fb4; }
"""


def confirm_open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Ask whether to open `url` outside the app (tests monkeypatch this)."""
    answer = QMessageBox.question(
        parent,
        "Open link?",
        f"This link leads outside Annotator:\n\n{url.toDisplayString()}\n\nOpen it?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Open


def _placeholder(resource_type: int) -> object:
    if resource_type == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        return image
    return QByteArray()


class _InertDocument(QTextDocument):
    """Resolves every resource through the browser's policy, never through Qt's loaders."""

    def __init__(self, browser: SafeTextBrowser, parent: QObject | None = None):
        super().__init__(parent)
        self._browser = browser

    def loadResource(self, type: int, name: QUrl | str) -> object:
        loaded = self._browser.loadResource(type, QUrl(name))
        return _placeholder(type) if loaded is None else loaded


class SafeTextBrowser(QTextBrowser):
    """Shows sanitised HTML; loads no images or style sheets; opens web links on confirmation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        document = _InertDocument(self, self)
        document.setDefaultStyleSheet(READING_STYLE)
        document.setDocumentMargin(10)
        self.setDocument(document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def set_safe_html(self, html: str) -> None:
        """Show `html` (already sanitised by the caller) and scroll to the top."""
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        # Untrusted content must never read local files or reach the network.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if not url.scheme() and not url.path() and url.hasFragment():
            # A link to a heading of this page (the user guide's); notes never keep one.
            self.scrollToAnchor(url.fragment())
            return
        if url.scheme().lower() not in OPENABLE_SCHEMES:
            return
        if confirm_open_link(self, url):
            QDesktopServices.openUrl(url)
