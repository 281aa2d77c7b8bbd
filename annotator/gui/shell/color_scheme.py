"""Follow the system's light or dark scheme (QStyleHints.colorScheme, issue #13).

At start and whenever the system switches, the document views repaint their page, text,
selection and highlights in the matching view_colors scheme, the app stylesheet is swapped
for its dark twin, ui_colors switches the colours of every other window (widgets with a
style of their own restyle on its `changed`) and every widget repaints. Where the platform gives no dark palette of its own while the
scheme is dark (a light palette under a dark scheme, as with some styles), a dark palette is
set so widgets do not stay white around a dark page; switching back restores the original.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.gui.reading import view_colors
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.shell import ui_colors
from annotator.gui.shell.resources import load_stylesheet

_DARK_ROLES = {
    QPalette.ColorRole.Window: "#26272a",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#2a3547",  # the active pane's header
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#33363b",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.ToolTipBase: "#1f2023",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Highlight: "#2f4a72",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#4a4e55",
    QPalette.ColorRole.Midlight: "#3a3d42",
    QPalette.ColorRole.Mid: "#474b52",
    QPalette.ColorRole.Dark: "#151618",
    QPalette.ColorRole.Shadow: "#000000",
}


def dark_palette() -> QPalette:
    """A dark palette for every widget around the document views; greyed when disabled."""
    palette = QPalette()
    for role, colour in _DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#6f7680"))
    return palette


def _looks_light(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() > 128


class ColorSchemeFollower(QObject):
    """Applies the system scheme now and on every `colorSchemeChanged`."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self._app = app
        self._saved_palette: QPalette | None = None  # set while we force a dark palette
        app.styleHints().colorSchemeChanged.connect(self.apply)
        self.apply(app.styleHints().colorScheme())

    @property
    def dark(self) -> bool:
        return view_colors.current().dark

    def apply(self, scheme: Qt.ColorScheme) -> None:
        """Switch everything to `scheme` (Unknown counts as light) and repaint the views."""
        dark = scheme == Qt.ColorScheme.Dark
        app = self._app
        if dark and self._saved_palette is None and _looks_light(app.palette()):
            self._saved_palette = QPalette(app.palette())
            app.setPalette(dark_palette())
        elif not dark and self._saved_palette is not None:
            app.setPalette(self._saved_palette)
            self._saved_palette = None
        app.setStyleSheet(load_stylesheet(dark))
        ui_colors.use_dark(dark)  # widgets with a style of their own restyle now
        colors = view_colors.current()
        for widget in app.allWidgets():
            if isinstance(widget, DocumentView):
                widget.set_colors(colors)
            else:
                widget.update()  # models and painters read the table as they paint


def follow_system_scheme(app: QApplication) -> ColorSchemeFollower:
    """Start following the system's scheme (kept alive as a child of `app`)."""
    return ColorSchemeFollower(app)
