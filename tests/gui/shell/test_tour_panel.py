"""The guided tour of the demo, walked as a newcomer would: each step's button prepares
the passage, the analyst presses the key, and the step ticks itself from the project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget

from annotator.gui.session import ProjectSession
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.tour_panel import TOUR_DOCK, TourPanel
from annotator.services.demo import load_demo
from annotator.services.demo_tour import (
    AGGREGATOR,
    AI_REWRITE,
    TOUR_DOCUMENTS,
    TOUR_STEPS,
    UK_REPORT,
    VOICE_OF_EMIRATES,
    tour_progress,
)
from annotator.store.project_store import ProjectStore


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.annotator"
    with ProjectStore.created(path) as store:
        load_demo(store)
    return path


@pytest.fixture
def window(qtbot, tmp_path, demo_path):
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.set_session(ProjectSession(ProjectStore.open(demo_path), "alice"))
    yield main
    main.set_session(None)


def tour(window: MainWindow) -> TourPanel:
    window.actions_by_id["take_tour"].trigger()
    panel = window.findChild(TourPanel)
    assert panel is not None and panel.isVisible()
    return panel


def selected(window: MainWindow) -> tuple[str, str]:
    pane = window.active_pane()
    assert pane is not None
    return pane.document_id, pane.view.selected_text()


def test_the_tour_walks_the_three_counts_and_the_silence(window, demo_path) -> None:
    panel = tour(window)
    assert panel.current_step.key == "columns"
    panel.do_step()
    assert [p.document_id for p in window.panes.panes()] == list(TOUR_DOCUMENTS)
    assert panel.is_done("columns") and panel.current_step.key == "first_count"

    panel.do_step()  # "Select it for me"
    assert selected(window) == (VOICE_OF_EMIRATES, "More than 160 experts")
    assert window.active_pane().view.hasFocus() or not window.isActiveWindow()
    window.actions_by_id["create_claim"].trigger()  # the analyst presses Ctrl+K
    assert panel.is_done("first_count") and panel.current_step.key == "second_count"
    assert panel.steps.item(1).text().startswith("✓ 2.")

    panel.do_step()
    assert selected(window) == (AI_REWRITE, "over 40 prominent cybersecurity experts")
    window.actions_by_id["link_claim"].trigger()  # Ctrl+L
    assert panel.current_step.key == "third_count"
    assert window.claims.controller.offer is not None  # 160 vs 40: a contradiction is offered
    window.claims.panel.accept_contradiction.click()  # as the step suggests
    assert len(window.session.store.claims.claims(["alice"])) == 2  # "over 40" has its own

    panel.do_step()
    assert selected(window) == (
        UK_REPORT,
        "Prominent researchers and leaders from Adobe, Nvidia and Zoom",
    )
    window.actions_by_id["link_claim"].trigger()
    assert panel.current_step.key == "silence"

    panel.do_step()  # "Go to the article"
    assert window.active_pane().document_id == AGGREGATOR
    window.actions_by_id["mark_silent"].trigger()  # Ctrl+Shift+N
    assert panel.current_step.key == "matrix" and not panel.is_done("matrix")

    panel.do_step()  # opens the claim matrix
    assert window.claims.matrix_window is not None
    assert all(panel.is_done(step.key) for step in TOUR_STEPS)
    panel.next_button.click()  # Finish
    assert not window.findChild(QDockWidget, TOUR_DOCK).isVisible()

    # It was real work, stored: another connection sees the claim in three articles.
    with ProjectStore.open(demo_path, read_only=True) as store:
        progress = tour_progress(store, "alice")
        assert progress.mentioned_in == {VOICE_OF_EMIRATES, AI_REWRITE, UK_REPORT}
        assert progress.silent_in == {AGGREGATOR}


def test_a_step_done_another_way_ticks_too_and_steps_can_be_revisited(window) -> None:
    panel = tour(window)
    panel.go_to(1)
    pane = window.panes.panes()[0]
    assert pane.document_id == VOICE_OF_EMIRATES
    text = pane.view.document_model.text
    start = text.index("More than 160")
    pane.view.select_range(start, start + len("More than 160 experts in cybersecurity"))
    window.panes.set_active_pane(pane)
    window.claims.controller.create_claim()  # from the Claims menu or the context menu
    assert panel.is_done("first_count") and panel.current_step.key == "second_count"
    panel.back_button.click()
    assert panel.current_step.key == "first_count" and panel.status.text() == "✓ Done"
    window.session.undo_stack.undo()  # undone: the step is no longer shown as done…
    assert tour_progress(window.session.store, "alice").claim_id is None
    # …on the project; the panel keeps the tick (a tour is not an exam).
    assert panel.is_done("first_count")


def test_the_tour_on_another_project_opens_the_demo_first(qtbot, tmp_path) -> None:
    main = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    other = tmp_path / "other.annotator"
    ProjectStore.create(other).close()
    main.set_session(ProjectSession(ProjectStore.open(other), "alice"))
    with qtbot.waitSignal(main.demo_requested):
        main.actions_by_id["take_tour"].trigger()
    assert main.findChild(TourPanel) is None  # not on a project without the seed articles
    demo = tmp_path / "demo.annotator"
    with ProjectStore.created(demo) as store:
        load_demo(store)
    main.set_session(ProjectSession(ProjectStore.open(demo), "alice"))  # what the app does
    assert main.findChild(TourPanel) is not None
    main.set_session(None)
