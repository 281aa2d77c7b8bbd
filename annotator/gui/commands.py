# Over 400 lines: every undoable user change in one place, on one base class (StoreCommand);
# each command is a few lines of do/revert calling the session.
"""Every user change as one QUndoCommand: redo does it through the session, undo reverses it.

Commands hold plain data (spans, names, previous values), never widgets, so undo and
redo stay consistent with what is stored whatever the views do in between.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError, ProjectBusyError, ProjectError
from annotator.core.model import (
    AnnotatedDocument,
    ImportReport,
    SchemeItem,
    SchemeKind,
    Span,
    new_id,
)
from annotator.core.plural import counted
from annotator.gui.session import KEPT_MESSAGE, WAITING_MESSAGE, ProjectSession
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import AddedRows, added_since, remove_added, take_marks
from annotator.store.scheme_repo import DeletedSchemeItem

if TYPE_CHECKING:  # merging and importing are imported when first redone (start-up, #15)
    from annotator.services.merge import MergeReport


class StoreCommand(QUndoCommand):
    """Base: `do` and `revert` write through the session; expected failures don't escape.

    Each `do` and each `revert` runs in one write transaction, so a change is stored whole
    or not at all, and the command knows which (`applied`). An exception cannot cross back
    through Qt's C++ push(), so a failure is caught here:

    - on the first run the command marks itself obsolete (Qt then drops it instead of
      stacking a change that never happened) and keeps the error in `failure` for the
      caller. If the project was busy (another window saving), a fresh copy of the command
      waits in the session and is pushed again when the project is free: the change is
      kept, in order, not dropped (#14).
    - a later undo or redo that fails is reported through `session.command_failed`, and
      the stack is stepped back to where the project is (undo/redo of a command already in
      that state does nothing), so the stack never says a change happened that did not.
    """

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def remembering_init(self: StoreCommand, *args: Any, **kw: Any) -> None:
            init(self, *args, **kw)
            # Only the concrete class's own constructor call is the one to repeat.
            if type(self).__init__ is remembering_init:
                self._arguments = (args, kw)

        cls.__init__ = remembering_init  # type: ignore[method-assign]

    def __init__(self, session: ProjectSession, text: str):
        super().__init__(text)
        self._session = session
        self.failure: AnnotatorError | None = None
        self._done_once = False
        self.applied = False
        self._arguments: tuple[tuple[Any, ...], dict[str, Any]] = ((session, text), {})

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def fresh_copy(self) -> StoreCommand:
        """The same change as a new, never-run command (for a retry)."""
        args, kwargs = self._arguments
        return type(self)(*args, **kwargs)

    def redo(self) -> None:
        first = not self._done_once
        self._done_once = True
        if self.applied:  # the stack catching up with the project: nothing to do
            return
        if first and self._session.must_wait(self):
            self.failure = ProjectBusyError(WAITING_MESSAGE)
            self.setObsolete(True)
            self._session.keep_for_retry(self)
            return
        try:
            self._in_one_transaction(self.do)
        except AnnotatorError as exc:
            self.failure = exc
            if first:
                self.setObsolete(True)
                if isinstance(exc, ProjectBusyError):
                    self.failure = ProjectBusyError(KEPT_MESSAGE)
                    self._session.keep_for_retry(self)
            else:
                self._session.command_failed.emit(str(exc))
                self._session.step_stack_back(undo=True)
        else:
            self.failure = None
            self.applied = True

    def undo(self) -> None:
        if not self.applied:  # the stack catching up with the project: nothing to do
            return
        try:
            self._in_one_transaction(self.revert)
        except AnnotatorError as exc:
            self.failure = exc
            self._session.command_failed.emit(f"Could not undo “{self.text()}”: {exc}")
            self._session.step_stack_back(undo=False)
        else:
            self.failure = None
            self.applied = False

    def _in_one_transaction(self, step: Callable[[], None]) -> None:
        store = self._session.store
        began = False
        try:
            with store.write():
                began = True
                step()
        except AnnotatorError:
            if began:  # views may have read what was rolled back: they read again
                self._session.reload_views()
            raise


class AddSpanCommand(StoreCommand):
    def __init__(self, session: ProjectSession, span: Span, preview: str = ""):
        # The caller passes the selected text: loading the document here would cost a
        # full read of a large article per click.
        super().__init__(
            session, f"Label “{_short(preview)}” {span.label}" if preview else f"Add {span.label}"
        )
        self.span = span

    def do(self) -> None:
        self._session.apply_add_spans([self.span])

    def revert(self) -> None:
        self._session.apply_delete_spans([self.span])


class DeleteSpansCommand(StoreCommand):
    def __init__(self, session: ProjectSession, spans: list[Span]):
        super().__init__(
            session, "Delete annotation" if len(spans) == 1 else f"Delete {len(spans)} annotations"
        )
        self.spans = spans

    def do(self) -> None:
        self._session.apply_delete_spans(self.spans)

    def revert(self) -> None:
        self._session.apply_add_spans(self.spans)


class EditSpanCommand(StoreCommand):
    """Relabel, restance, retarget, re-note or resize one span."""

    def __init__(self, session: ProjectSession, span_id: str, **changes: object):
        what = ", ".join(sorted(changes))
        super().__init__(session, f"Change annotation {what}")
        self._span_id = span_id
        self._changes = changes
        self._before: dict[str, object] = {}

    def do(self) -> None:
        before = self._session.apply_update_span(self._span_id, **self._changes)
        names = set(self._changes)
        if names & {"start", "end"}:
            # A resize makes a discontinuous span one piece: undo gives the pieces back.
            names.add("fragments")
        self._before = {name: getattr(before, name) for name in names}

    def revert(self) -> None:
        self._session.apply_update_span(self._span_id, **self._before)

    def id(self) -> int:
        return 1001

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing a note is one undo step per edit session, not one per keystroke.
        if (
            isinstance(other, EditSpanCommand)
            and other.applied  # a change that failed to store is not merged in
            and other._span_id == self._span_id
            and set(other._changes) == set(self._changes) == {"note"}
        ):
            self._changes = other._changes
            return True
        return False


class SetDocumentStanceCommand(StoreCommand):
    def __init__(self, session: ProjectSession, document_id: str, target: str, stance: str | None):
        super().__init__(session, f"Document stance: {stance or 'none'} toward {target}")
        self._document_id = document_id
        self._target = target
        self._stance = stance
        self._previous: str | None = None

    def do(self) -> None:
        self._previous = self._session.apply_document_stance(
            self._document_id, self._target, self._stance
        )

    def revert(self) -> None:
        self._session.apply_document_stance(self._document_id, self._target, self._previous)


class SetDoneCommand(StoreCommand):
    def __init__(self, session: ProjectSession, document_id: str, done: bool):
        super().__init__(session, "Mark document done" if done else "Mark document not done")
        self._document_id = document_id
        self._done = done
        self._previous = False

    def do(self) -> None:
        self._previous = self._session.apply_done(self._document_id, self._done)

    def revert(self) -> None:
        self._session.apply_done(self._document_id, self._previous)


class EditMetadataCommand(StoreCommand):
    def __init__(self, session: ProjectSession, document_id: str, **fields: str):
        super().__init__(session, "Edit document details")
        self._document_id = document_id
        self._fields = fields
        self._previous: dict[str, str] = {}

    def do(self) -> None:
        self._previous = self._session.apply_metadata(self._document_id, **self._fields)

    def revert(self) -> None:
        self._session.apply_metadata(self._document_id, **self._previous)


class SetSettingCommand(StoreCommand):
    """Guidelines text, default target."""

    def __init__(self, session: ProjectSession, key: str, value: str, text: str = ""):
        super().__init__(session, text or f"Change {key}")
        self._key = key
        self._value = value
        self._previous = ""

    def do(self) -> None:
        self._previous = self._session.apply_setting(self._key, self._value)

    def revert(self) -> None:
        self._session.apply_setting(self._key, self._previous)


class AddSchemeItemCommand(StoreCommand):
    def __init__(self, session: ProjectSession, item: SchemeItem, position: int | None = None):
        super().__init__(session, f"Add {item.kind.value} {item.name}")
        self._item = item
        self._position = position

    def do(self) -> None:
        self._session.store.scheme.add(self._item, self._position)
        self._session.scheme_did_change()

    def revert(self) -> None:
        self._session.store.scheme.delete(self._item.kind, self._item.name)
        self._session.scheme_did_change()


class UpdateSchemeItemCommand(StoreCommand):
    """Rename (every annotation follows), recolour, rebind the shortcut, redescribe."""

    def __init__(self, session: ProjectSession, kind: SchemeKind, name: str, /, **changes: str):
        super().__init__(session, f"Change {kind.value} {name}")
        self._kind = kind
        self._name = name
        self._changes = changes
        self._before: dict[str, str] = {}

    def do(self) -> None:
        before = self._session.store.scheme.update(self._kind, self._name, **self._changes)
        self._before = {field: getattr(before, field) for field in self._changes}
        self._session.scheme_did_change()

    def revert(self) -> None:
        current = self._changes.get("name", self._name)
        self._session.store.scheme.update(self._kind, current, **self._before)
        self._session.scheme_did_change()


class MoveSchemeItemCommand(StoreCommand):
    def __init__(self, session: ProjectSession, kind: SchemeKind, name: str, position: int):
        super().__init__(session, f"Move {kind.value} {name}")
        self._kind = kind
        self._name = name
        self._position = position
        self._old = 0

    def do(self) -> None:
        self._old = self._session.store.scheme.move(self._kind, self._name, self._position)
        self._session.scheme_did_change()

    def revert(self) -> None:
        self._session.store.scheme.move(self._kind, self._name, self._old)
        self._session.scheme_did_change()


class DeleteSchemeItemCommand(StoreCommand):
    """Delete a label (its spans go too) or a stance value/target (cleared where used)."""

    def __init__(self, session: ProjectSession, kind: SchemeKind, name: str):
        super().__init__(session, f"Delete {kind.value} {name}")
        self._kind = kind
        self._name = name
        self._deleted: DeletedSchemeItem | None = None

    def do(self) -> None:
        self._deleted = self._session.store.scheme.delete(self._kind, self._name)
        self._session.scheme_did_change()
        self._session.documents_did_change()

    def revert(self) -> None:
        assert self._deleted is not None
        self._session.store.scheme.restore(self._deleted)
        self._session.scheme_did_change()
        self._session.documents_did_change()


# Below this many rows an undo or redo of an import or merge takes well under half a
# second (deleting 100,000 annotations takes about one): it runs at once, on this thread.
WORKER_ROWS = 5_000

BulkWork = Callable[[ProjectStore], Any]  # runs on a worker's own connection, in one write


# What the window lends bulk commands (gui/shell/bulk_runner.py): runs (title, work,
# succeeded, failed, cancelled): `work` on a worker thread in one write transaction behind
# a progress dialog, the window read-only meanwhile, then one of the three on this thread.
BulkRunner = Callable[
    [str, BulkWork, Callable[[Any], None], Callable[[Exception], None], Callable[[], None]],
    None,
]


class BulkCommand(StoreCommand):
    """An import or a merge: its undo or redo can take seconds on a large project, so once
    it is large and the window lends a worker (`session.bulk_runner`), it runs there and the
    window never freezes. The stack moves at once; the command's `applied` changes when the
    worker committed. A failure or a Cancel (which rolls back) steps the stack back to where
    the project is, as a failed synchronous undo does."""

    def rows(self) -> int:
        """About how many rows an undo or redo writes."""
        raise NotImplementedError

    def undo_work(self) -> BulkWork:
        """`revert` as work for another connection: it captures data only, never the session."""
        raise NotImplementedError

    def redo_work(self) -> BulkWork:
        raise NotImplementedError

    def take_redone(self, result: Any) -> None:
        """Keep what the worker's redo returned (the keys it added, its report)."""
        raise NotImplementedError

    def revert(self) -> None:
        self.undo_work()(self._session.store)
        self._session.documents_did_change()

    def do(self) -> None:
        self.take_redone(self.redo_work()(self._session.store))
        self._session.documents_did_change()

    def undo(self) -> None:
        runner = self._worker()
        if runner is None or not self.applied:
            super().undo()
            return
        runner(
            f"Undo {self.text()}",
            self.undo_work(),
            lambda _result: self._ended(applied=False),
            lambda exc: self._worker_failed(exc, undo=True),
            lambda: self._session.step_stack_back(undo=False),
        )

    def redo(self) -> None:
        runner = self._worker()
        if runner is None or self.applied or not self._done_once:
            super().redo()  # the first run is the import or merge itself: already on a worker
            return
        runner(
            f"Redo {self.text()}",
            self.redo_work(),
            self._redone,
            lambda exc: self._worker_failed(exc, undo=False),
            lambda: self._session.step_stack_back(undo=True),
        )

    def _worker(self) -> BulkRunner | None:
        runner = self._session.bulk_runner
        return runner if runner is not None and self.rows() >= WORKER_ROWS else None

    def _redone(self, result: Any) -> None:
        self.take_redone(result)
        self._ended(applied=True)

    def _ended(self, *, applied: bool) -> None:
        self.failure, self.applied = None, applied
        self._session.documents_did_change()

    def _worker_failed(self, exc: Exception, *, undo: bool) -> None:
        self.failure = exc if isinstance(exc, AnnotatorError) else ProjectError(str(exc))
        what = "undo" if undo else "redo"
        self._session.command_failed.emit(f"Could not {what} “{self.text()}”: {exc}")
        self._session.step_stack_back(undo=not undo)


class ImportCommand(BulkCommand):
    """Import documents; undo removes exactly what the import added.

    `documents` is either the parsed documents (kept for redo) or a function that
    stores them anew inside the redo's transaction: the GUI's file import reads its
    files again rather than keep an archive's documents in memory (#15).
    """

    def __init__(
        self,
        session: ProjectSession,
        documents: Sequence[AnnotatedDocument] | Callable[[ProjectStore], ImportReport],
        what: str,
    ):
        super().__init__(session, f"Import {what}")
        if callable(documents):
            self._store_again, self._estimate = documents, 0
        else:
            kept = list(documents)
            self._store_again = lambda store: _ingest(store, kept)
            self._estimate = sum(1 + len(item.spans) for item in kept)
        self._added: AddedRows | None = None
        self.report: ImportReport | None = None

    def record_stored(self, report: ImportReport, added: AddedRows) -> ImportCommand:
        """Stored already, by a worker thread in one transaction (its rows: `added`): the
        push stores nothing again; undo removes `added`, redo stores the documents anew."""
        self.report, self._added, self.applied = report, added, True
        return self

    def rows(self) -> int:
        return self._added.count if self._added is not None else self._estimate

    def undo_work(self) -> BulkWork:
        added = self._added
        assert added is not None
        return lambda store: remove_added(store, added)

    def redo_work(self) -> BulkWork:
        store_documents = self._store_again

        def store_again(store: ProjectStore) -> tuple[ImportReport, AddedRows]:
            with store.write():
                marks = take_marks(store)
                report = store_documents(store)
                return report, added_since(store, marks)

        return store_again

    def take_redone(self, result: Any) -> None:
        self.report, self._added = result


def _ingest(store: ProjectStore, documents: list[AnnotatedDocument]) -> ImportReport:
    from annotator.store.ingest import ingest

    return ingest(store, documents)


class MergeCommand(BulkCommand):
    """Merge other annotators' project files; undo removes exactly what the merge added."""

    def __init__(self, session: ProjectSession, paths: list[Path]):
        super().__init__(session, f"Merge {counted(len(paths), 'project file')}")
        self._paths = paths
        self._added: AddedRows | None = None
        self._done_before: set[tuple[str, str]] = set()
        self.report: MergeReport | None = None

    def record_stored(
        self, report: MergeReport, added: AddedRows, done_before: set[tuple[str, str]]
    ) -> MergeCommand:
        """Stored already, by a worker thread in one transaction: the push stores nothing."""
        self.report, self._added, self._done_before = report, added, done_before
        self.applied = True
        return self

    def rows(self) -> int:
        # Before the first merge nothing is known: it runs as the caller decided.
        return self._added.count if self._added is not None else 0

    def undo_work(self) -> BulkWork:
        added, done_before = self._added, self._done_before
        assert added is not None

        def remove(store: ProjectStore) -> None:
            remove_added(store, added)
            # A merge may also have turned on a done flag in a row that already existed.
            for document_id, annotator in set(store.documents.done_flags()) - done_before:
                store.documents.set_done(document_id, annotator, False)

        return remove

    def redo_work(self) -> BulkWork:
        paths = list(self._paths)

        def merge_again(
            store: ProjectStore,
        ) -> tuple[MergeReport, AddedRows, set[tuple[str, str]]]:
            from annotator.services.merge import merge_projects

            marks = take_marks(store)
            done_before = set(store.documents.done_flags())
            try:
                report = merge_projects(store, paths)
            except OSError as exc:
                raise ProjectError(f"Cannot read a project to merge: {exc}") from exc
            return report, added_since(store, marks), done_before

        return merge_again

    def take_redone(self, result: Any) -> None:
        self.report, self._added, self._done_before = result


def new_span(session: ProjectSession, document_id: str, start: int, end: int, label: str) -> Span:
    """A span by the current annotator, with no stance yet."""
    return Span(new_id(), document_id, start, end, label, session.annotator)


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
