"""GUI fixtures: a ProjectSession over the shared test project, annotator 'alice'."""

from __future__ import annotations

import pytest

from annotator.gui.session import ProjectSession
from annotator.store.project_store import ProjectStore
from tests.gui.held_workers import HeldWorkers


@pytest.fixture
def session(qapp, store_with_spans: ProjectStore):
    project_session = ProjectSession(store_with_spans, "alice")
    yield project_session
    project_session._poll.stop()


@pytest.fixture
def held_workers() -> HeldWorkers:
    """Holds on worker threads; a window fixture releases them before it closes the project."""
    return HeldWorkers()
