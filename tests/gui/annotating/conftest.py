"""Fixtures shared by the annotation list's tests."""

from __future__ import annotations

import pytest

from annotator.core.model import Span
from annotator.gui.annotating.annotation_list_panel import AnnotationListPanel
from tests.conftest import SAMPLE_TEXTS


@pytest.fixture
def panel(session, qtbot, qtmodeltester):
    """The list panel over the sample project plus a CJK span with a stance, shown."""
    at = SAMPLE_TEXTS["cjk"].index("人工智能")
    session.store.annotations.add_span(Span("c1", "cjk", at, at + 4, "Evidence", "alice", "favor"))
    widget = AnnotationListPanel(session)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    qtmodeltester.check(widget.model)
    return widget
