"""Annotator: annotate how outlets report the same event, side by side."""

__version__ = "0.1.0"
# The name on PyPI ("annotator" there is another project); the command stays `annotator`.
DISTRIBUTION = "outlet-annotator"


def install_hint(extra: str) -> str:
    """The pip command that adds an optional dependency group, e.g. install_hint("spacy")."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


# The freedesktop id: the .desktop file, AppStream metainfo and icon are named after it, and
# the running app tells the desktop (QGuiApplication.setDesktopFileName) that it is this app.
APP_ID = "io.github.outlet_annotator.Annotator"
