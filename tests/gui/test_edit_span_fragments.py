"""Resizing a discontinuous span makes it one piece; undo gives the pieces back (#10)."""

from __future__ import annotations

from annotator.core.model import Span
from annotator.gui.commands import EditSpanCommand
from annotator.gui.session import ProjectSession


def test_undo_of_a_resize_restores_the_fragments(session: ProjectSession) -> None:
    pieces = ((0, 4), (8, 12))
    session.store.annotations.add_span(Span("f1", "en", 0, 12, "Claim", "alice", fragments=pieces))
    session.undo_stack.push(EditSpanCommand(session, "f1", end=10))
    resized = session.store.annotations.span("f1")
    assert (resized.end, resized.fragments) == (10, ())
    session.undo_stack.undo()
    restored = session.store.annotations.span("f1")
    assert (restored.start, restored.end, restored.fragments) == (0, 12, pieces)
    session.undo_stack.redo()
    again = session.store.annotations.span("f1")
    assert (again.end, again.fragments) == (10, ())
