"""Strings from other people's files are shown as text, never rendered (issue #14).

A project merged from a colleague (or edited with sqlite3) can name a document, a URL, an
annotator, a label and a colour `<img src="/some/local/file">`. Qt renders such a string
as rich text wherever it guesses the format (tooltips, message boxes, QLabels), and
rendering reads the file (a FIFO hangs the window). Here a project full of such strings is
opened in the real main window, with the review windows, every tooltip is shown and every
label painted, while inotify watches the canary image and a loopback server waits for a
fetch: neither may see anything. Every label that is not plain text, and every tooltip,
must hold no raw tag.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.plain_text import isolated, literal
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

from .file_spies import CanaryServer, OpenWatch

RLO = "\u202e"


@pytest.fixture
def canary(tmp_path: Path) -> Iterator[tuple[Path, OpenWatch, CanaryServer]]:
    folder = tmp_path / "canary"
    folder.mkdir()
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(folder / "secret.png"))
    watch = OpenWatch(folder)
    server = CanaryServer()
    yield folder / "secret.png", watch, server
    watch.close()
    server.close()


def _hostile_project(path: Path, image: Path, server: CanaryServer) -> str:
    local = f'<img src="{image}">'
    remote = f'<img src="{server.url}/track.png">'
    text = "Officials said the ban was final. Experts disagreed sharply."
    bob = f"{local}bob{RLO}"
    spans = [
        Span("a1", "d", 0, 9, "Claim", "alice", "favor", "EU", "alice's note"),
        Span("b1", "d", 0, 9, f"{local}Label{RLO}", bob, "against", f"{remote}EU", local),
        Span("b2", "d", 34, 41, "Claim", bob),
    ]
    document = Document(
        id="d", text=text, title=f"{local}Title", source=f"{remote}Outlet", url=f"{local}{remote}"
    )
    stances = [
        DocumentStance("d", bob, "US restrictions on Anthropic's models", "against"),
        DocumentStance("d", "alice", "US restrictions on Anthropic's models", "favor"),
    ]
    with ProjectStore.create(path) as store:
        ingest(store, [AnnotatedDocument(document, spans, stances)])
    with sqlite3.connect(path) as conn:  # what a hand-edited or merged file can hold
        conn.execute("UPDATE scheme_items SET color = ? WHERE name = 'Claim'", [local])
    return bob


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shown: list[str] = []

    def record(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    qtbot.waitExposed(main)
    main.shown_messages = shown  # type: ignore[attr-defined]
    yield main
    main.set_session(None)


def _model_strings(view: QAbstractItemView | QComboBox) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found: list[str] = []
    parents = [QModelIndex()]
    while parents:
        parent = parents.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model keeps columnCount private: one column
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    found.append(tip)
                if column == 0 and model.rowCount(index) > 0:
                    parents.append(index)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        try:
            count = model.columnCount() if orientation == Qt.Orientation.Horizontal else 0
        except TypeError:
            count = 0
        for section in range(count):
            tip = model.headerData(section, orientation, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                found.append(tip)
    return found


def _rendered_strings(widgets: list[QWidget]) -> list[str]:
    """Every string Qt may render as rich text: tooltips, and labels not set to plain."""
    found: list[str] = []
    for widget in widgets:
        if widget.toolTip():
            found.append(widget.toolTip())
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
            found.append(widget.text())
        if isinstance(widget, QAbstractItemView | QComboBox):
            found.extend(_model_strings(widget))
    return found


def _all_widgets() -> list[QWidget]:
    widgets: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            widgets.append(top)
            widgets.extend(top.findChildren(QWidget))
    return widgets


def _raw_tags(strings: list[str]) -> list[str]:
    return [s for s in strings if QtGuiNamespace.mightBeRichText(s) and "<img" in s.lower()]


def test_hostile_strings_are_shown_literally_and_nothing_is_read(
    window: MainWindow, qtbot, tmp_path: Path, canary
) -> None:
    image, watch, server = canary
    path = tmp_path / "hostile.annotator"
    bob = _hostile_project(path, image, server)
    session = ProjectSession(ProjectStore.open(path), "alice")
    window.set_session(session)
    session.set_show_others(True)
    pane = window.active_pane()
    assert pane is not None
    pane.show_document("d")
    window._on_review_disagreements()
    window._on_show_agreement()
    qtbot.wait(50)

    widgets = _all_widgets()
    strings = _rendered_strings(widgets)
    assert any(image.name in s for s in strings), "the hostile names should be on screen"
    assert _raw_tags(strings) == []
    # Show every tooltip the way Qt does, including the span tooltip of the text view.
    strings.append(pane.view._tooltip(pane.view.spans()))
    for text in strings:
        QToolTip.showText(QPoint(20, 20), text, window)
        QApplication.processEvents()
    QToolTip.hideText()
    for widget in widgets:
        if widget.isVisible():
            widget.grab()
    window.grab().save(str(tmp_path / "hostile.png"))
    assert watch.events() == []
    assert server.hits == 0
    # The chips show the colleague's name as it is, isolated so its RLO stays inside it.
    chips = [w for w in pane.findChildren(QLabel) if w.property("chip")]
    # (a narrow pane shows the stance as its letter; the tooltip has it in full)
    assert [c.text() for c in chips] in (
        [f"{isolated(bob)}: {isolated('against')}"],
        [f"{isolated(bob)}: A"],
    )
    assert all("against" in c.toolTip() for c in chips)
    assert all(c.textFormat() == Qt.TextFormat.PlainText for c in chips)
    # The hand-edited colour never reached a style sheet.
    assert all(image.name not in w.styleSheet() for w in widgets)


def test_messages_quoting_file_content_are_literal(
    window: MainWindow, tmp_path: Path, canary
) -> None:
    image, watch, _server = canary
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "abc", "spans": [{"start": 0, "end": 1, "label": "C", "text": "<img src=\\"'
        + str(image)
        + '\\">"}]}\n',
        encoding="utf-8",
    )
    session = ProjectSession(ProjectStore.create(tmp_path / "p.annotator"), "alice")
    window.set_session(session)
    window._on_import_files([bad])
    window.jobs.wait()  # the import runs on a worker thread
    [message] = window.shown_messages  # type: ignore[attr-defined]
    assert str(image) in message and _raw_tags([message]) == []
    QToolTip.showText(QPoint(5, 5), message, window)
    QApplication.processEvents()
    assert watch.events() == []


@pytest.mark.parametrize(
    "text", ["plain", "a < b", "AT&T", "&lt;not a tag&gt;", '<img src="/etc/passwd">', "x\ny"]
)
def test_literal_renders_as_exactly_the_text(qtbot, text: str) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setText(literal(text))
    shown = label.text()
    if QtGuiNamespace.mightBeRichText(shown):
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(shown)
        shown = document.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")
    assert shown == text
