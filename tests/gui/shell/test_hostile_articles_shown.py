"""Hostile articles, notes and guidelines load nothing when imported and shown (issue #14).

HTML and Markdown with scripts, event handlers, javascript:/file:/data: links, <base>,
<meta refresh>, SVG with script, CSS url(), remote images and UNC paths are imported
through File → Import, opened in a pane, used as a note (previewed) and as the
guidelines, while inotify watches a canary image and a loopback server waits: nothing
may be read or fetched, and no script text reaches the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from annotator.core.model import Span
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.store.project_store import ProjectStore

from .file_spies import CanaryServer, OpenWatch


def _payload(image: Path, url: str) -> str:
    return f"""<html><head><base href="{url}/"><meta http-equiv="refresh" content="0; url={url}/r">
<link rel="stylesheet" href="{image.as_uri()}"><style>body {{ background: url({url}/bg.png) }}</style>
<script>fetch("{url}/x")</script></head>
<body onload="fetch('{url}/onload')"><h1>Headline</h1>
<p style="background-image: url({image.as_uri()})">Body text <img src="{image}"> <img src="{url}/i.png">
<img src="{image.as_uri()}"> <img src="data:image/png;base64,iVBORw0KGgo="> <img src="\\\\\\\\server\\\\share\\\\x.png">
<a href="javascript:fetch('{url}/js')">js</a> <a href="{image.as_uri()}">file</a> <a href="data:text/html,x">data</a>
<svg onload="fetch('{url}/svg')"><script>fetch("{url}/svg2")</script><image href="{image}"/></svg>
<iframe src="{url}/frame"></iframe><object data="{image}"></object><video src="{url}/v.mp4" poster="{image}"></video>
<img src=x onerror="fetch('{url}/err')"> end.</p></body></html>"""


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    main = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.set_session(None)


def test_hostile_articles_notes_and_guidelines_load_nothing(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "canary"
    folder.mkdir()
    image = folder / "secret.png"
    picture = QImage(16, 16, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(image))
    server = CanaryServer()
    html = _payload(image, server.url)
    (tmp_path / "article.html").write_text(html, encoding="utf-8")
    markdown = (
        f"# Markdown\n\n![x]({image.as_uri()}) ![y]({server.url}/m.png) [js](javascript:alert(1))"
        f' <img src="{image}">\n\n' + html
    )
    (tmp_path / "article.md").write_text(markdown, encoding="utf-8")
    watch = OpenWatch(folder)
    try:
        session = ProjectSession(ProjectStore.create(tmp_path / "p.annotator"), "alice")
        window.set_session(session)
        window._on_import_files([tmp_path / "article.html", tmp_path / "article.md"])
        window.jobs.wait()  # the import runs on a worker thread
        ids = [summary.id for summary in session.store.documents.summaries()]
        assert len(ids) == 2
        for document_id in ids:
            text = session.store.documents.get(document_id).text
            assert "fetch(" not in text and "<script" not in text and "onload" not in text
            pane = window.active_pane()
            assert pane is not None
            pane.show_document(document_id)
            window.grab()
        session.store.annotations.add_span(
            Span("n1", ids[0], 0, 4, "Claim", "alice", note=markdown)
        )
        window.inspector.set_span("n1")
        window.inspector.preview_button.setChecked(True)
        session.store.settings.set("guidelines", markdown)
        window.guidelines.refresh()
        window.guidelines.show()
        for widget in (window, window.inspector, window.guidelines):
            widget.grab()
        qtbot.wait(200)  # a fetch, had one started, would have connected by now
        assert watch.events() == []
        assert server.hits == 0
    finally:
        watch.close()
        server.close()
