"""The open project as the GUI sees it: the store, who is annotating, and change signals.

Widgets read through the session and never write: a user action is an undoable
command (gui/commands.py) that calls the store through the session's `apply_*`
methods, which emit the signals views refresh from (Anki's OpChanges idea).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack

from annotator.core.claims.model import Claim
from annotator.core.errors import AnnotatorError, NotFoundError, ProjectBusyError
from annotator.core.model import Document, DocumentStance, Scheme, Span
from annotator.core.span_edges import SNAP_SETTING
from annotator.store.project_store import ProjectStore

if TYPE_CHECKING:
    from annotator.gui.commands import BulkRunner, StoreCommand

EXTERNAL_CHANGE_POLL_MS = 2000
# A second after the last change, when idle, the WAL goes into the project file, so that
# a plain file copy taken then holds every change (#14: a file-manager copy missed them).
CHECKPOINT_IDLE_MS = 1000
# The columns' documents when the project was last closed, as a JSON list of document ids
# (kept in the project, so a copy of it opens the way it was left, on any machine).
COLUMNS_SETTING = "layout/columns"
RETRY_MS = 2000  # how soon a change kept while the project was busy is tried again
KEPT_MESSAGE = (
    "The project is busy (another window is saving): your change is kept and will be saved "
    "as soon as the project is free."
)
WAITING_MESSAGE = (
    "The project is busy (another window is saving): this change waits behind an earlier "
    "one and will be saved after it."
)


@dataclass(frozen=True, slots=True)
class ClaimsChange:
    """What a claim operation touched: views repaint markers and refresh rows from it."""

    claim_ids: frozenset[str] = frozenset()
    span_ids: frozenset[str] = frozenset()
    document_ids: frozenset[str] = frozenset()


class ProjectSession(QObject):
    """One open project for one annotator. Emits after every committed change."""

    # document id, ids of spans added / removed / changed
    spans_changed = Signal(str, list, list, list)
    document_stances_changed = Signal(str)
    documents_changed = Signal()  # list, metadata or progress changed
    scheme_changed = Signal()
    settings_changed = Signal(str)
    visibility_changed = Signal()  # whose annotations are shown
    external_change_detected = Signal()  # another window or process committed
    command_failed = Signal(str)  # an undo/redo could not be stored (disk full, read-only)
    claims_changed = Signal(object)  # ClaimsChange: claims, links, relations or silent marks
    pending_changed = Signal(int)  # how many changes wait to be saved (the project was busy)

    def __init__(self, store: ProjectStore, annotator: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        self._show_others = False
        self._scheme: Scheme | None = None
        self._claims: list[Claim] | None = None
        self._claim_numbers: dict[str, int] = {}
        # PRAGMA data_version moves only when *another* connection commits, so our own
        # writes never look like a second window's.
        self._data_version = store.data_version()
        self._poll = QTimer(self)
        self._poll.setInterval(EXTERNAL_CHANGE_POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._poll.start()
        # Changes that found the project busy, oldest first, as fresh commands to push again.
        self._pending: list[StoreCommand] = []
        self._retrying = False
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_pending)
        self._checkpoint = QTimer(self)
        self._checkpoint.setSingleShot(True)
        self._checkpoint.setInterval(CHECKPOINT_IDLE_MS)
        self._checkpoint.timeout.connect(self.store.checkpoint)
        self._connect_checkpoint_triggers()
        # Set by the window: runs a large import's or merge's undo and redo on a worker.
        self.bulk_runner: BulkRunner | None = None

    # -- reading ---------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            self._scheme = self.store.scheme.get()
        return self._scheme

    @property
    def show_others(self) -> bool:
        return self._show_others

    def set_show_others(self, show: bool) -> None:
        """Show other annotators' work (off by default so annotation stays independent)."""
        if show != self._show_others:
            self._show_others = show
            self._claims = None
            self.visibility_changed.emit()

    def visible_annotators(self) -> list[str] | None:
        """None means everyone."""
        return None if self._show_others else [self.annotator]

    def snap_to_words(self) -> bool:
        """Whether new spans made from a selection widen to whole words (on unless the
        scheme turned it off); surrounding whitespace is trimmed either way."""
        return self.store.settings.get(SNAP_SETTING, "1") != "0"

    def remembered_columns(self) -> list[str]:
        """One entry per column open when the project was last closed, left to right: its
        document's id, or "" where that document is gone (or the column was empty). Empty
        when nothing was remembered or the setting is unreadable."""
        try:
            ids = json.loads(self.store.settings.get(COLUMNS_SETTING, "[]"))
        except ValueError:
            return []
        if not isinstance(ids, list):
            return []
        existing = set(self.store.documents.ids())
        return [i if isinstance(i, str) and i in existing else "" for i in ids]

    def remember_columns(self, document_ids: list[str]) -> None:
        """Keep which documents the columns show, for the next opening. Not an undoable
        action (it is where the reader left off, not annotation); skipped when the project
        cannot be written, and a busy or failing write loses only the layout."""
        value = json.dumps(document_ids)
        if self.read_only or self.store.settings.get(COLUMNS_SETTING) == value:
            return
        with contextlib.suppress(AnnotatorError):
            self.store.settings.set(COLUMNS_SETTING, value)

    def document(self, document_id: str) -> Document:
        return self.store.documents.get(document_id)

    def visible_spans(self, document_id: str | None = None) -> list[Span]:
        return self.store.annotations.spans(document_id, self.visible_annotators())

    def visible_claims(self) -> list[Claim]:
        """The visible annotators' claims in creation order (cached until a claim changes)."""
        if self._claims is None:
            self._claims = self.store.claims.claims(self.visible_annotators())
            self._claim_numbers = {c.id: n for n, c in enumerate(self._claims, start=1)}
        return self._claims

    def claim_number(self, claim_id: str) -> int:
        """The claim's 1-based place in `visible_claims()` (its badge), 0 when not visible."""
        self.visible_claims()
        return self._claim_numbers.get(claim_id, 0)

    def visible_document_stances(self, document_id: str | None = None) -> list[DocumentStance]:
        return self.store.annotations.document_stances(document_id, self.visible_annotators())

    def my_document_stance(self, document_id: str, target: str) -> str | None:
        for stance in self.store.annotations.document_stances(document_id, [self.annotator]):
            if stance.target == target:
                return stance.stance
        return None

    def default_target(self) -> str:
        targets = [t.name for t in self.scheme.targets]
        preferred = self.store.settings.get("default_target")
        if preferred in targets:
            return preferred
        return targets[0] if targets else ""

    def connect_annotations_changed(self, slot: Callable[..., None]) -> None:
        """Call `slot` after any change to spans, document stances or documents, made here or
        in another window: for views that recompute everything (agreement, progress)."""
        self.spans_changed.connect(slot)
        self.document_stances_changed.connect(slot)
        self.documents_changed.connect(slot)
        self.external_change_detected.connect(slot)

    # -- applying changes (called by undo commands only) -------------------------------
    def apply_add_spans(self, spans: list[Span]) -> None:
        if len(spans) == 1:
            self.store.annotations.add_span(spans[0])
        else:
            self.store.annotations.restore_spans(spans)
        self._emit_spans(spans, added=True)

    def apply_delete_spans(self, spans: list[Span]) -> None:
        self.store.annotations.delete_spans([s.id for s in spans])
        self._emit_spans(spans, added=False)

    def apply_update_span(self, span_id: str, **changes: object) -> Span:
        before = self.store.annotations.update_span(span_id, **changes)
        self.spans_changed.emit(before.document_id, [], [], [span_id])
        return before

    def apply_document_stance(
        self, document_id: str, target: str, stance: str | None
    ) -> str | None:
        previous = self.store.annotations.set_document_stance(
            document_id, self.annotator, target, stance
        )
        self.document_stances_changed.emit(document_id)
        return previous

    def apply_done(self, document_id: str, done: bool) -> bool:
        previous = self.store.documents.set_done(document_id, self.annotator, done)
        self.documents_changed.emit()
        return previous

    def apply_metadata(self, document_id: str, **fields: str) -> dict[str, str]:
        previous = self.store.documents.update_metadata(document_id, **fields)
        self.documents_changed.emit()
        return previous

    def apply_setting(self, key: str, value: str) -> str:
        previous = self.store.settings.set(key, value)
        self.settings_changed.emit(key)
        return previous

    def claims_did_change(self, change: ClaimsChange) -> None:
        """Claim commands call this after writing. Linked spans changed too (`Span.claim`),
        so their documents' views get `spans_changed` for them first."""
        self._claims = None
        by_document: dict[str, list[str]] = {}
        for span_id in sorted(change.span_ids):
            try:
                span = self.store.annotations.span(span_id)
            except NotFoundError:
                continue  # a span deleted meanwhile has no marker to repaint
            by_document.setdefault(span.document_id, []).append(span.id)
        for document_id, ids in by_document.items():
            self.spans_changed.emit(document_id, [], [], ids)
        self.claims_changed.emit(change)

    def scheme_did_change(self) -> None:
        """Scheme commands call this after writing: every view re-reads names and colours."""
        self._scheme = None
        self.scheme_changed.emit()

    def documents_did_change(self) -> None:
        """After an import: lists and progress refresh."""
        self._scheme = None
        self._claims = None
        self.scheme_changed.emit()
        self.documents_changed.emit()

    # -- changes kept while the project is busy (called by commands) -------------------
    @property
    def pending(self) -> int:
        """How many changes wait to be saved because the project was busy."""
        return len(self._pending)

    def must_wait(self, command: StoreCommand) -> bool:
        """True when earlier changes still wait: `command` must queue behind them, in order."""
        return bool(self._pending) and not self._retrying

    def keep_for_retry(self, command: StoreCommand) -> None:
        """Keep a fresh copy of `command` (which found the project busy) to push again."""
        copy = command.fresh_copy()
        if self._retrying:  # the oldest waiting change failed again: it stays first
            self._pending.insert(0, copy)
        else:
            self._pending.append(copy)
        self._retry.start()
        self.pending_changed.emit(len(self._pending))

    def retry_pending(self) -> None:
        """Push the waiting changes again, oldest first, until one finds the project busy.

        A waiting change that now fails for another reason (the other window deleted its
        document, say) cannot be saved: it is dropped and reported through command_failed.
        """
        while self._pending:
            command = self._pending.pop(0)
            self._retrying = True
            try:
                self.undo_stack.push(command)
            finally:
                self._retrying = False
            failure = command.failure
            if isinstance(failure, ProjectBusyError):
                break  # it put itself back first; try again later
            if isinstance(failure, AnnotatorError):
                self.command_failed.emit(
                    f"A change that waited for the project could not be saved: {failure}"
                )
        if not self._pending:
            self._retry.stop()
        self.pending_changed.emit(len(self._pending))

    def step_stack_back(self, *, undo: bool) -> None:
        """After an undo (or redo) that could not be stored, step the stack back to the project.

        Deferred to the event loop: QUndoStack is still moving its index when a command
        fails. The command stepped over is already in that state and does nothing.
        """
        QTimer.singleShot(0, self.undo_stack.undo if undo else self.undo_stack.redo)

    def reload_views(self) -> None:
        """Every view reads the project again (after a change was rolled back)."""
        self._scheme = None
        self.external_change_detected.emit()

    # -- internals -------------------------------------------------------------------
    def _connect_checkpoint_triggers(self) -> None:
        # Every committed change (re)starts the idle timer: it fires once changes pause.
        for changed in (
            self.spans_changed,
            self.document_stances_changed,
            self.documents_changed,
            self.scheme_changed,
            self.settings_changed,
        ):
            changed.connect(self._schedule_checkpoint)
        self.undo_stack.indexChanged.connect(self._schedule_checkpoint)
        app = QGuiApplication.instance()
        self._watched_app = app if isinstance(app, QGuiApplication) else None
        if self._watched_app is not None:
            self._watched_app.applicationStateChanged.connect(self._on_application_state_changed)

    def _schedule_checkpoint(self, *_args: object) -> None:
        if not self.store.read_only:
            self._checkpoint.start()

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        # Leaving the window (to the file manager, say) is when a copy may be made: now.
        if state != Qt.ApplicationState.ApplicationActive:
            self._checkpoint.stop()
            self.store.checkpoint()

    def _emit_spans(self, spans: list[Span], *, added: bool) -> None:
        by_document: dict[str, list[str]] = {}
        for span in spans:
            by_document.setdefault(span.document_id, []).append(span.id)
        for document_id, ids in by_document.items():
            if added:
                self.spans_changed.emit(document_id, ids, [], [])
            else:
                self.spans_changed.emit(document_id, [], ids, [])
        # No documents_changed: the list, titles and done flags are as they were; the
        # document list re-counts the one document from spans_changed. It fanned out to a
        # dozen full refreshes (the list's counts reading the text's length, the
        # annotators' names) on every add, undo and redo (#15).
        linked = [s for s in spans if s.claim is not None]
        if linked:
            # A deleted (or restored) mention changes its claim: markers and matrix follow.
            self._claims = None
            self.claims_changed.emit(
                ClaimsChange(
                    frozenset(s.claim for s in linked if s.claim),
                    frozenset(s.id for s in linked),
                    frozenset(s.document_id for s in linked),
                )
            )

    def _on_poll(self) -> None:
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self._scheme = None
            self._claims = None
            self.external_change_detected.emit()

    def close(self) -> None:
        if self._pending:  # one last try (waits up to the busy timeout) before closing
            self.retry_pending()
        self._poll.stop()
        self._retry.stop()
        self._checkpoint.stop()
        if self._watched_app is not None:
            self._watched_app.applicationStateChanged.disconnect(self._on_application_state_changed)
            self._watched_app = None
        self.store.close()
