"""Two writers: a change that finds the project busy is kept and retried, in order; an undo
or redo that cannot be stored leaves the stack where the project is (#14)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from annotator.core.errors import ProjectBusyError, StorageFullError
from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand, EditSpanCommand, StoreCommand
from annotator.gui.session import ProjectSession


@contextmanager
def another_window_saving(session: ProjectSession) -> Iterator[None]:
    """Another connection holds the write lock; we wait only 50 ms for it here."""
    session.store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(session.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def _ids(session: ProjectSession) -> list[str]:
    return sorted(s.id for s in session.store.annotations.spans(annotators=["alice"]))


def _span(span_id: str, start: int) -> Span:
    return Span(span_id, "en", start, start + 4, "Claim", "alice")


def test_a_change_made_while_another_window_saves_is_kept_and_saved_later(
    session: ProjectSession, qtbot
) -> None:
    before = _ids(session)
    with another_window_saving(session):
        first = AddSpanCommand(session, _span("n1", 50))
        with qtbot.waitSignal(session.pending_changed):
            session.undo_stack.push(first)
        assert isinstance(first.failure, ProjectBusyError)
        assert "the project is busy (another window is saving)" in str(first.failure).lower()
        assert "kept" in str(first.failure)
        # A second change waits behind the first rather than overtaking it.
        second = EditSpanCommand(session, "a1", note="after the busy one")
        session.undo_stack.push(second)
        assert isinstance(second.failure, ProjectBusyError)
        assert session.pending == 2
        assert session.undo_stack.count() == 0
        assert _ids(session) == before  # nothing half-stored
        session.retry_pending()  # still busy: both still kept, in order
        assert session.pending == 2
    with qtbot.waitSignal(session.pending_changed, check_params_cb=lambda n: n == 0):
        session.retry_pending()
    assert _ids(session) == sorted([*before, "n1"])
    assert session.store.annotations.span("a1").note == "after the busy one"
    assert [session.undo_stack.text(i) for i in range(2)] == [
        "Add Claim",
        "Change annotation note",
    ]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert _ids(session) == before
    assert session.store.annotations.span("a1").note == ""


def test_the_retry_timer_saves_a_kept_change_by_itself(session: ProjectSession, qtbot) -> None:
    with another_window_saving(session):
        session.undo_stack.push(AddSpanCommand(session, _span("n2", 50)))
        assert session.pending == 1
    qtbot.waitUntil(lambda: session.pending == 0, timeout=10_000)
    assert "n2" in _ids(session)


def test_a_kept_change_that_can_no_longer_be_saved_is_reported_not_lost_silently(
    session: ProjectSession, qtbot
) -> None:
    with another_window_saving(session):
        session.undo_stack.push(EditSpanCommand(session, "a2", note="x"))
    session.store.annotations.delete_spans(["a2"])  # "the other window" deleted it meanwhile
    with qtbot.waitSignal(session.command_failed) as failed:
        session.retry_pending()
    assert "could not be saved" in failed.args[0]
    assert session.pending == 0


def test_an_undo_that_cannot_be_stored_leaves_the_stack_where_the_project_is(
    session: ProjectSession, qtbot
) -> None:
    stack = session.undo_stack
    stack.push(AddSpanCommand(session, _span("u1", 50)))
    with another_window_saving(session):
        with qtbot.waitSignal(session.command_failed) as failed:
            stack.undo()
        assert "another window is saving" in failed.args[0]
        qtbot.waitUntil(lambda: stack.index() == 1)  # stepped back: the add is still done
        assert "u1" in _ids(session)
    stack.undo()
    assert "u1" not in _ids(session) and stack.index() == 0
    with another_window_saving(session):
        with qtbot.waitSignal(session.command_failed):
            stack.redo()
        qtbot.waitUntil(lambda: stack.index() == 0)
        assert "u1" not in _ids(session)
    stack.redo()
    assert "u1" in _ids(session) and stack.index() == 1


class _TwoStepsSecondFails(StoreCommand):
    """Adds a span, then fails: as a disk filling up half-way through a change would."""

    def __init__(self, session: ProjectSession):
        super().__init__(session, "two steps")

    def do(self) -> None:
        self._session.apply_add_spans([_span("half", 60)])
        raise StorageFullError("The disk is full: the last change was not saved.")

    def revert(self) -> None:
        raise AssertionError("never stacked, never undone")


def test_a_change_that_fails_half_way_is_rolled_back_whole_and_the_views_read_again(
    session: ProjectSession, qtbot
) -> None:
    command = _TwoStepsSecondFails(session)
    with qtbot.waitSignal(session.external_change_detected):
        session.undo_stack.push(command)
    assert isinstance(command.failure, StorageFullError)
    assert "half" not in _ids(session)
    assert session.undo_stack.count() == 0 and session.pending == 0
    assert command.fresh_copy()._arguments == ((session,), {})


def test_a_long_reader_never_blocks_annotating(session: ProjectSession) -> None:
    reader = sqlite3.connect(session.store.path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM spans").fetchone()[0] == 3
    try:
        for number in range(20):
            command = AddSpanCommand(session, _span(f"r{number}", number))
            session.undo_stack.push(command)
            assert command.failure is None
        # The reader still sees its snapshot; the writer has committed all 20.
        assert reader.execute("SELECT count(*) FROM spans").fetchone()[0] == 3
    finally:
        reader.rollback()
        reader.close()
    assert len(_ids(session)) == 22
