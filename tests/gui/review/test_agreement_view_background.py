"""A large project's agreement is computed on a worker thread: the window stays live,
shows a progress bar with Cancel, and a cancelled computation stops and changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotator.gui.review import agreement_documents_tab, agreement_view
from annotator.gui.review.agreement_view import AgreementView
from annotator.gui.session import ProjectSession
from annotator.gui.shell.background_job import wait_for_running_jobs
from annotator.services.agreement_service import (
    AGREEMENT_STEPS,
    compared_agreement,
    project_agreement,
)
from tests.services.test_merge import merged_project


@pytest.fixture
def session(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(agreement_view, "BACKGROUND_FROM_SPANS", 0)  # every project is large
    store = merged_project(tmp_path)
    session = ProjectSession(store, "alice")
    yield session
    wait_for_running_jobs()
    session._poll.stop()
    store.close()


def test_the_report_arrives_from_the_worker_with_the_same_figures(qtbot, session) -> None:
    view = AgreementView(session)
    qtbot.addWidget(view)
    view.show()
    assert view.is_computing()
    assert view.busy_bar.isVisible() and view.cancel_button.isVisible()
    assert not view.refresh_button.isEnabled()
    qtbot.waitUntil(lambda: not view.is_computing(), timeout=60_000)
    assert view.report == project_agreement(session.store)
    assert not view.busy_bar.isVisible() and view.refresh_button.isEnabled()
    assert view.updated_label.text().startswith("Updated")


def test_a_cancelled_computation_leaves_the_shown_figures(qtbot, session) -> None:
    view = AgreementView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.is_computing(), timeout=60_000)
    shown = dict(view.report)
    updated = view.updated_label.text()
    view.refresh()
    assert view.is_computing()
    qtbot.mouseClick(view.cancel_button, agreement_view.Qt.MouseButton.LeftButton)
    assert not view.is_computing() and not view.busy_bar.isVisible()
    wait_for_running_jobs()  # the dropped job finishes; its result must not be shown
    qtbot.wait(50)
    assert view.report == shown
    assert view.updated_label.text() == updated


def test_closing_the_window_while_computing_is_safe(qtbot, session) -> None:
    view = AgreementView(session)
    qtbot.addWidget(view)
    view.show()
    assert view.is_computing()
    view.close()
    assert not view.is_computing()
    wait_for_running_jobs()
    qtbot.wait(50)  # the job's result, delivered to a closed window, is dropped


def test_the_bar_follows_the_steps_and_cancel_stops_the_worker_at_the_next(
    qtbot, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A deterministic cancel point: the worker holds after step 3 until Cancel was pressed.
    held, go_on = threading.Event(), threading.Event()
    steps: list[int] = []
    real = agreement_view.project_agreement

    def held_at_three(store, annotators=None, *, progress):
        def watched(done: int, total: int) -> bool:
            steps.append(done)
            keep_going = progress(done, total)
            if done == 3:
                held.set()
                go_on.wait(30)
            return keep_going

        return real(store, annotators, progress=watched)

    monkeypatch.setattr(agreement_view, "project_agreement", held_at_three)
    view = AgreementView(session)
    qtbot.addWidget(view)
    view.show()
    job = view._job
    assert job is not None and held.wait(30)
    qtbot.waitUntil(lambda: view.busy_bar.value() == 3)  # the bar moved with the steps
    assert view.busy_bar.maximum() == AGREEMENT_STEPS
    cancelled: list[bool] = []
    job.cancelled.connect(lambda: cancelled.append(True))
    qtbot.mouseClick(view.cancel_button, agreement_view.Qt.MouseButton.LeftButton)
    assert not view.is_computing() and not view.busy_bar.isVisible()
    go_on.set()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=30_000)
    assert steps == [1, 2, 3, 4]  # it stopped at the first step after Cancel
    assert view.report == {}  # nothing was shown: the first computation never finished


def computed_view(qtbot, session, monkeypatch: pytest.MonkeyPatch) -> AgreementView:
    """The window with its report shown, every drill-down counting as large."""
    monkeypatch.setattr(agreement_documents_tab, "BACKGROUND_FROM_SPANS", 0)
    view = AgreementView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.is_computing(), timeout=60_000)
    return view


def test_a_drill_down_to_a_pair_or_a_label_is_computed_on_a_worker(
    qtbot, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On an archive a pair's or a label's documents took up to a second on the GUI thread.
    view = computed_view(qtbot, session, monkeypatch)
    tab = view.documents_tab
    annotators = view.report["annotators"]
    a, b = annotators[0], annotators[1]
    expected = compared_agreement(session.store, [a, b])["by_document"]
    view.show_pair_documents(a, b)
    assert tab.is_comparing()
    qtbot.waitUntil(lambda: not tab.is_comparing(), timeout=60_000)
    shown = set(tab.visible_document_ids())
    assert shown and shown == {
        doc for doc, values in expected.items() if {a, b} <= set(values["annotators"])
    }
    assert f"{a} ↔ {b}" in tab.filter_label.text()
    label = next(iter(view.report["spans"]["by_label"]))
    view.show_label_documents(label)
    assert tab.is_comparing()
    qtbot.waitUntil(lambda: not tab.is_comparing(), timeout=60_000)
    assert f"Label “{label}”" in tab.filter_label.text()
    assert tab.show_all_button.isEnabled()


def test_a_newer_drill_down_replaces_the_one_under_way(
    qtbot, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = computed_view(qtbot, session, monkeypatch)
    a, b = view.report["annotators"][:2]
    view.show_pair_documents(a, b)
    view.show_pair_documents(b, a)  # the first one's result must not be shown last
    qtbot.waitUntil(lambda: not view.documents_tab.is_comparing(), timeout=60_000)
    wait_for_running_jobs()
    qtbot.wait(50)
    assert view.documents_tab.filter_label.text().startswith(f"{b} ↔ {a}")
