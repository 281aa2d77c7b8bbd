"""Merging project files from the GUI: confirmation, summary, and a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.gui.review import merge_ui
from annotator.gui.review.merge_ui import run_merge
from annotator.gui.session import ProjectSession
from annotator.store.project_store import ProjectStore
from tests.services.test_merge import make_annotator_project


@pytest.fixture
def alice_session(qapp, tmp_path: Path):
    store = ProjectStore.open(make_annotator_project(tmp_path / "alice.annotator", "alice"))
    session = ProjectSession(store, "alice")
    yield session
    session._poll.stop()
    store.close()


def merged(qtbot, messages, session: ProjectSession, paths: list[Path] | None) -> bool:
    """Run a merge on its worker and wait for its message: True when it was stored."""
    seen = len(messages)
    job = run_merge(None, session, paths)
    if job is None:
        return False
    qtbot.waitUntil(lambda: len(messages) > seen, timeout=30_000)
    return messages[-1][0] == "info"


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(merge_ui, "confirm_merge", lambda parent, paths: True)
    monkeypatch.setattr(
        merge_ui, "show_info", lambda parent, title, text: shown.append(("info", title, text))
    )
    monkeypatch.setattr(
        merge_ui, "show_warning", lambda parent, title, text: shown.append(("warning", title, text))
    )
    return shown


def test_merging_another_project_adds_its_annotators_spans(
    alice_session, messages, tmp_path, qtbot
):
    bob = make_annotator_project(tmp_path / "bob.annotator", "bob")
    monkeypatch_paths = [bob]
    with qtbot.waitSignal(alice_session.documents_changed, timeout=30_000):
        assert run_merge(None, alice_session, monkeypatch_paths) is not None  # on a worker
    spans = alice_session.store.annotations.spans(annotators=["bob"])
    assert sorted(s.id for s in spans) == ["b-claim", "b-source"]
    assert len(alice_session.store.annotations.spans(annotators=["alice"])) == 3
    [(kind, _title, text)] = messages
    assert kind == "info" and "2 spans added" in text and "bob.annotator" in text


def test_paths_are_asked_for_when_not_given(alice_session, messages, tmp_path, monkeypatch, qtbot):
    bob = make_annotator_project(tmp_path / "bob.annotator", "bob")
    monkeypatch.setattr(merge_ui, "ask_merge_paths", lambda parent: [bob])
    assert merged(qtbot, messages, alice_session, None)
    assert alice_session.store.annotations.annotators() == ["alice", "bob"]


def test_cancelling_merges_nothing(alice_session, messages, monkeypatch):
    monkeypatch.setattr(merge_ui, "ask_merge_paths", lambda parent: [])
    assert not run_merge(None, alice_session)
    assert messages == []


def test_confirmation_says_adds_only_and_undoable(alice_session, monkeypatch, tmp_path):
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return merge_ui.QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(merge_ui.QMessageBox, "question", question)
    assert not run_merge(None, alice_session, [tmp_path / "x.annotator"])
    assert "Undo" in asked[0] and "overwritten" in asked[0]


def test_a_bad_file_is_a_warning_and_changes_nothing(alice_session, messages, tmp_path, qtbot):
    bad = tmp_path / "notes.annotator"
    bad.write_text("not a project", encoding="utf-8")
    before = alice_session.store.annotations.spans()
    assert not merged(qtbot, messages, alice_session, [bad])
    assert alice_session.store.annotations.spans() == before
    [(kind, _title, text)] = messages
    assert kind == "warning" and "Nothing was merged" in text


def test_merging_the_project_into_itself_is_refused(alice_session, messages, qtbot):
    assert not merged(qtbot, messages, alice_session, [alice_session.store.path])
    assert messages[0][0] == "warning"


def test_a_merge_is_one_undoable_step(alice_session, messages, tmp_path, qtbot):
    store = alice_session.store
    bob = make_annotator_project(tmp_path / "bob.annotator", "bob")
    with ProjectStore.open(bob) as bob_store:  # bob finished a document alice has too
        bob_store.documents.set_done(bob_store.documents.ids()[0], "bob", True)
    before = (store.annotations.spans(), store.scheme.get(), store.documents.done_flags())
    assert merged(qtbot, messages, alice_session, [bob])
    assert alice_session.undo_stack.count() == 1
    assert store.annotations.spans(annotators=["bob"])
    assert "bob" in {a for _d, a in store.documents.done_flags()}
    alice_session.undo_stack.undo()
    assert (store.annotations.spans(), store.scheme.get(), store.documents.done_flags()) == before
    alice_session.undo_stack.redo()
    assert sorted(s.id for s in store.annotations.spans(annotators=["bob"])) == [
        "b-claim",
        "b-source",
    ]
