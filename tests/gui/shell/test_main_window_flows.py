"""End-to-end flows through the real main window, offscreen (issue #2's "done when")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import Document, SchemeKind
from annotator.gui.annotating.annotation_table_model import Column
from annotator.gui.commands import UpdateSchemeItemCommand
from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

TARGET = "US restrictions on Anthropic's models"
TRICKY = "Experts 👩‍💻 say 🇺🇸 rules e\u0301 hurt.\r\nСтрока 2: 专家警告 «פרסום» done."


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.set_session(None)


def open_project(window: MainWindow, path: Path, annotator: str = "alice") -> ProjectSession:
    store = ProjectStore.open(path) if path.exists() else ProjectStore.create(path)
    session = ProjectSession(store, annotator)
    window.set_session(session)
    return session


def select_in_active_pane(window: MainWindow, needle: str, occurrence: int = 0) -> tuple[int, int]:
    pane = window.active_pane()
    assert pane is not None
    text = pane.view.document_model.text  # type: ignore[union-attr]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    pane.view.select_range(start, start + len(needle))
    return start, start + len(needle)


def test_import_label_stance_note_undo_redo_reopen(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    project = tmp_path / "flow.annotator"
    session = open_project(window, project)
    article = tmp_path / "tricky.txt"
    article.write_text(TRICKY, "utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text("# Heading\n\nMarkdown *body* text.", "utf-8")
    window._on_import_files([article, notes])
    window.jobs.wait()  # the import runs on a worker thread
    assert session.store.documents.count() == 2
    pane = window.active_pane()
    assert pane is not None
    doc_id = session.store.documents.ids()[0]
    pane.show_document(doc_id)
    text = session.document(doc_id).text
    assert text == TRICKY.replace("\r\n", "\n")  # plain text normalises newlines on import

    # select → label with the key "1" (the Claim shortcut)
    start, end = select_in_active_pane(window, "👩‍💻 say 🇺🇸")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    (span,) = session.store.annotations.spans(doc_id)
    assert (span.start, span.end, span.label, span.annotator) == (start, end, "Claim", "alice")
    assert text[span.start : span.end] == "👩‍💻 say 🇺🇸"

    # stance with the palette, note in the inspector
    window.label_palette.stance_buttons["against"].click()
    span = session.store.annotations.span(span.id)
    assert (span.stance, span.target) == ("against", TARGET)
    window.inspector.note_edit.setPlainText("Compare with **TechCrunch**.")
    window.inspector.commit_note()
    assert session.store.annotations.span(span.id).note == "Compare with **TechCrunch**."

    # a second, overlapping span in CJK, with the Evidence shortcut
    select_in_active_pane(window, "专家警告")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_2)
    assert len(session.store.annotations.spans(doc_id)) == 2

    # document stance from the pane header's stance buttons
    (against,) = [b for b in pane.stance_group.buttons() if b.property("stance") == "against"]
    against.click()
    assert session.my_document_stance(doc_id, TARGET) == "against"

    # undo everything, then redo everything: the store follows each step
    stack = session.undo_stack
    steps = stack.count()
    assert steps == 6  # import, label, stance, note, second label, document stance
    for _ in range(steps - 1):
        window._undo_action.trigger()
    assert session.store.annotations.spans(doc_id) == []
    assert session.store.annotations.document_stances(doc_id) == []
    window._undo_action.trigger()  # and the import itself
    assert session.store.documents.count() == 0
    for _ in range(steps):
        window._redo_action.trigger()
    spans = session.store.annotations.spans(doc_id)
    assert [text[s.start : s.end] for s in spans] == ["👩‍💻 say 🇺🇸", "专家警告"]

    # reopen: everything is there, nothing to save
    window.set_session(None)
    reopened = open_project(window, project)
    spans = reopened.store.annotations.spans(doc_id)
    assert spans[0].note == "Compare with **TechCrunch**." and spans[0].stance == "against"
    assert reopened.store.annotations.document_stances(doc_id)[0].stance == "against"


def test_crlf_jsonl_document_highlights_exact_characters(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    import json

    source = tmp_path / "crlf.jsonl"
    source.write_text(json.dumps({"id": "c", "text": TRICKY}, ensure_ascii=False) + "\n", "utf-8")
    session = open_project(window, tmp_path / "crlf.annotator")
    window._on_import_files([source])
    window.jobs.wait()  # the import runs on a worker thread
    pane = window.active_pane()
    assert pane is not None
    pane.show_document("c")
    assert session.document("c").text == TRICKY  # JSONL keeps CRLF exactly
    start, end = select_in_active_pane(window, "Строка 2")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    (span,) = session.store.annotations.spans("c")
    assert TRICKY[span.start : span.end] == "Строка 2" and (span.start, span.end) == (start, end)


def test_search_across_documents_jumps_to_the_hit(window: MainWindow, tmp_path: Path) -> None:
    from annotator.services.demo import load_demo

    project = tmp_path / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
    session = open_project(window, project)
    window._on_find()
    window.search_panel.set_scope_all(True)
    window.search_panel.search_field.setText('"over 40"')
    hits = window.search_panel.search_now()
    assert hits, "the TechCrunch rewrite says 'over 40'"
    hit = hits[0]
    window.panes.reveal_hit(hit.document_id, hit.start, hit.end)
    pane = window.active_pane()
    assert pane is not None and pane.document_id == hit.document_id
    assert session.document(hit.document_id).text[hit.start : hit.end].lower() == "over 40"


def test_scheme_rename_reaches_palette_list_and_store(window: MainWindow, tmp_path: Path) -> None:
    session = open_project(window, tmp_path / "s.annotator")
    (tmp_path / "a.txt").write_text("The ban is dangerous, experts say.", "utf-8")
    window._on_import_files([tmp_path / "a.txt"])
    window.jobs.wait()  # the import runs on a worker thread
    pane = window.active_pane()
    assert pane is not None
    pane.show_document(session.store.documents.ids()[0])
    select_in_active_pane(window, "The ban is dangerous")
    window.label_palette.label_buttons["Claim"].click()
    session.undo_stack.push(
        UpdateSchemeItemCommand(session, SchemeKind.LABEL, "Claim", name="Assertion")
    )
    assert "Assertion" in window.label_palette.label_buttons
    assert [s.label for s in session.store.annotations.spans()] == ["Assertion"]
    model = window.annotation_list.model
    labels = {model.index(r, Column.LABEL).data() for r in range(model.rowCount())}
    assert labels == {"Assertion"}
    session.undo_stack.undo()
    assert [s.label for s in session.store.annotations.spans()] == ["Claim"]


def test_other_annotators_hidden_until_shown(window: MainWindow, tmp_path: Path) -> None:
    from annotator.core.model import Span

    project = tmp_path / "o.annotator"
    (tmp_path / "a.txt").write_text("Alpha beta gamma.", "utf-8")
    session = open_project(window, project)
    window._on_import_files([tmp_path / "a.txt"])
    window.jobs.wait()  # the import runs on a worker thread
    doc_id = session.store.documents.ids()[0]
    session.store.annotations.add_span(Span("bob1", doc_id, 0, 5, "Claim", "bob"))
    assert session.visible_spans(doc_id) == []
    window.actions_by_id["show_others"].setChecked(True)
    assert [s.id for s in session.visible_spans(doc_id)] == ["bob1"]
    pane = window.active_pane()
    assert pane is not None
    pane.show_document(doc_id)
    assert "bob1" in {s.id for s in pane.view.spans()}


def test_read_only_project_shows_banner_and_disables_writing(
    window: MainWindow, tmp_path: Path
) -> None:
    project = tmp_path / "ro.annotator"
    ProjectStore.create(project).close()
    store = ProjectStore.open(project, read_only=True)
    window.set_session(ProjectSession(store, "alice"))
    assert not window.read_only_banner.isHidden()
    assert not window.actions_by_id["import_files"].isEnabled()
    assert window.actions_by_id["export_project"].isEnabled()
    assert "read-only" in window.windowTitle()


def test_screenshot_of_the_demo_looks_populated(window: MainWindow, tmp_path: Path) -> None:
    from annotator.services.demo import load_demo

    project = tmp_path / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
    open_project(window, project)
    window.show()
    image = window.grab().toImage()
    assert image.width() >= 1000
    assert len(window.panes.panes()) == 2
    titles = {pane.combo.currentText() for pane in window.panes.panes()}
    assert len(titles) == 2  # two different articles side by side


def test_import_is_one_undoable_step(window: MainWindow, tmp_path: Path) -> None:
    session = open_project(window, tmp_path / "u.annotator")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Article {name} text.", "utf-8")
    window._on_import_files([tmp_path / "a.txt", tmp_path / "b.txt"])
    window.jobs.wait()  # the import runs on a worker thread
    assert session.store.documents.count() == 2
    window._undo_action.trigger()
    assert session.store.documents.count() == 0
    window._redo_action.trigger()
    assert session.store.documents.count() == 2
    assert window.active_pane() is not None


def test_bad_file_in_an_import_imports_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    session = open_project(window, tmp_path / "bad.annotator")
    (tmp_path / "ok.txt").write_text("Fine.", "utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "x"}\n{not json}\n', "utf-8")
    window._on_import_files([tmp_path / "ok.txt", tmp_path / "bad.jsonl"])
    window.jobs.wait()  # the import runs on a worker thread
    assert session.store.documents.count() == 0
    assert session.undo_stack.count() == 0
    assert "bad.jsonl, line 2" in warnings[0]


def test_an_import_names_what_it_could_not_keep(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: messages.append(text))
    session = open_project(window, tmp_path / "s.annotator")
    path = tmp_path / "relations.jsonl"
    path.write_text(
        '{"text": "EU rejects", "entities": [{"id": 0, "start_offset": 0, "end_offset": 2, '
        '"label": "ORG"}], "relations": [{"id": 0, "from_id": 0, "to_id": 0, "type": "x"}]}\n',
        "utf-8",
    )
    window._on_import_files([path])
    window.jobs.wait()  # the import runs on a worker thread
    assert session.store.documents.count() == 1
    assert "skipped 1 doccano relations" in messages[0]


def test_guidelines_render_when_their_tab_is_raised(window: MainWindow, tmp_path: Path) -> None:
    open_project(window, tmp_path / "g.annotator")
    QApplication.processEvents()
    assert window.guidelines.viewer.toPlainText() == ""  # behind the Annotations tab: not yet
    window._docks[3].raise_()  # the user clicks the Guidelines tab
    QApplication.processEvents()
    assert "Annotation guidelines" in window.guidelines.viewer.toPlainText()


def test_dropping_files_on_the_window_imports_them(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    session = open_project(window, tmp_path / "drop.annotator")
    article = tmp_path / "dropped.md"
    article.write_text("# Dropped\n\nBody.", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    enter = QDragEnterEvent(
        QPointF(10, 10).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    window.jobs.wait()  # the import runs on a worker thread
    (doc_id,) = session.store.documents.ids()
    assert session.document(doc_id).title == "Dropped"


def test_changes_from_a_second_window_appear_without_losing_ours(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from annotator.core.model import Span

    project = tmp_path / "two.annotator"
    (tmp_path / "a.txt").write_text("Alpha beta gamma delta.", "utf-8")
    session = open_project(window, project)
    window._on_import_files([tmp_path / "a.txt"])
    window.jobs.wait()  # the import runs on a worker thread
    doc_id = session.store.documents.ids()[0]
    pane = window.active_pane()
    assert pane is not None
    pane.show_document(doc_id)
    other = ProjectStore.open(project)  # a second Annotator window on the same file
    other.annotations.add_span(Span("theirs", doc_id, 0, 5, "Claim", "alice"))
    select_in_active_pane(window, "gamma")
    window.label_palette.label_buttons["Evidence"].click()  # ours, meanwhile
    with qtbot.waitSignal(session.external_change_detected, timeout=5000):
        pass  # the session polls the file's data_version
    assert {s.id for s in pane.view.spans()} >= {"theirs"}
    assert {s.label for s in other.annotations.spans(doc_id)} == {"Claim", "Evidence"}
    other.close()


def test_label_toolbar_only_with_a_project(window: MainWindow, tmp_path: Path) -> None:
    assert window._toolbar.isHidden()
    session = open_project(window, tmp_path / "t.annotator")
    assert window._toolbar.isHidden()  # nothing to label yet: no greyed strip (issue #13)
    load_demo(session.store)
    session.documents_did_change()
    assert not window._toolbar.isHidden()
    window.set_session(None)
    assert window._toolbar.isHidden()


def test_window_layout_is_remembered(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.set_session(ProjectSession(ProjectStore.create(tmp_path / "l.annotator"), "alice"))
    first._docks[0].hide()  # the user closes the Annotation dock
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.set_session(ProjectSession(ProjectStore.open(tmp_path / "l.annotator"), "alice"))
    assert second._docks[0].isHidden()
    second.set_session(None)


def test_each_column_lays_out_its_document_once_on_open(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up (#15): the columns were made on one document and then switched to another,
    laying out and highlighting every text twice before the first paint."""
    from annotator.gui.reading.document_view import DocumentView

    project = tmp_path / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
        ids = store.documents.ids()
    shown: list[str] = []
    set_document = DocumentView.set_document

    def counting(view: DocumentView, document: Document, *args: object) -> None:
        shown.append(document.id)
        set_document(view, document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentView, "set_document", counting)
    open_project(window, project)
    assert shown == ids[:2]
    assert [pane.document_id for pane in window.panes.panes()] == ids[:2]


def test_a_window_opened_on_a_project_never_makes_the_welcome_page(qtbot, tmp_path: Path) -> None:
    """Start-up (#15): `annotator PROJECT` paints the project; the welcome page it never
    shows cost it ~5 ms. Shown with no project, or after Close Project, it is there."""
    project = tmp_path / "demo.annotator"
    with ProjectStore.create(project) as store:
        load_demo(store)
    main = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    open_project(main, project)
    main.show()
    QApplication.processEvents()
    assert main._welcome is None
    main.set_session(None)  # File → Close Project
    assert main.welcome.isVisible()

    empty = MainWindow(QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(empty)
    empty.show()  # the app started with no project to open
    QApplication.processEvents()
    assert empty.welcome.isVisible()
    with qtbot.waitSignal(empty.demo_requested, timeout=1000):  # wired as before
        empty.welcome.demo_requested.emit()
