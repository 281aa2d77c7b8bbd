"""The About box: versions and the open project, selectable so they can go into a bug report."""

from __future__ import annotations

import platform
from html import escape

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import annotator
from annotator.gui.session import ProjectSession
from annotator.gui.shell.resources import app_icon
from annotator.store.schema import SCHEMA_VERSION


def about_details(session: ProjectSession | None = None) -> list[tuple[str, str]]:
    """What the box lists, as (name, value) pairs."""
    details = [
        ("Version", annotator.__version__),
        ("Qt", qVersion()),
        ("PySide", PySide6.__version__),
        ("Python", platform.python_version()),
        ("Project schema", str(SCHEMA_VERSION)),
    ]
    if session is not None:
        details.append(("Project", str(session.store.path)))
    return details


class AboutDialog(QDialog):
    def __init__(self, session: ProjectSession | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Annotator")
        self.setObjectName("AboutDialog")
        self._details = about_details(session)

        icon = QLabel(self)
        pixmap = app_icon().pixmap(64, 64)
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        heading = QLabel(
            f"<h2 style='margin:0'>Annotator {escape(annotator.__version__)}</h2>"
            "<p>Compare how outlets report the same event: annotate claims, evidence and "
            "sources, and the stance they take.</p>",
            self,
        )
        heading.setWordWrap(True)
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
            for k, v in self._details
        )
        self.details_label = QLabel(f"<table>{rows}</table>", self)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def details_text(self) -> str:
        return "\n".join(f"{k}: {v}" for k, v in self._details)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    @classmethod
    def show_for(cls, parent: QWidget | None, session: ProjectSession | None = None) -> None:
        dialog = cls(session, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
