"""An import that records what it stored, for the GUI's worker thread and its undo stack.

Reading and validating come first, outside any transaction (a bad file stores nothing);
then the documents are stored, and the keys of the rows they added are taken, inside ONE
write transaction (`store.write()`, BEGIN IMMEDIATE) on the caller's connection. No other
connection can write between the marks and the rows, so the keys are exactly what this
import added: the GUI turns them into one undoable command. `progress(done, total)` counts
KiB read (per file, and every MiB of a line-by-line read: JSONL, doccano); once it returns
False the import stops at its next step (the next MiB or file, or just before the commit)
and raises ImportCancelledError, leaving the project unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import AnnotatedDocument, ImportReport
from annotator.core.plural import counted
from annotator.services.document_import import read_file
from annotator.services.formats import Skipped
from annotator.services.formats.input_files import reading_watch
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import AddedRows, added_since, take_marks

Progress = Callable[[int, int], bool]


class ImportCancelledError(Exception):
    """The user cancelled: nothing of the import was stored."""


@dataclass(slots=True)
class RecordedImport:
    """What was stored, for the undo stack and the message."""

    documents: list[AnnotatedDocument]  # kept so redo (after an undo) stores them again
    report: ImportReport
    added: AddedRows
    skipped: Skipped


def import_recorded(
    store: ProjectStore,
    paths: Sequence[Path],
    *,
    annotator: str,
    progress: Progress,
    stage: Callable[[str], None] = lambda _text: None,
) -> RecordedImport:
    """Read `paths` and store them in one transaction; raises InputError (a bad file) or
    ImportCancelledError, and then nothing is stored. `stage` hears the step under way."""
    skipped = Skipped()
    documents: list[AnnotatedDocument] = []
    # Progress counts KiB read (a folder or an empty file weighs 1), so one large file moves
    # the bar too; the watch also makes every MiB of a line-by-line read a cancel point.
    weights = [_kib(path) for path in paths]
    total, done = sum(weights), 0

    def keep_going(at: int) -> None:
        if not progress(min(at, total), total):
            raise ImportCancelledError()

    def watch_from(start: int, weight: int) -> Callable[[int], None]:
        return lambda read: keep_going(start + min(read // 1024, weight))

    for path, weight in zip(paths, weights, strict=True):
        stage(f"Reading {path.name}…")
        keep_going(done)
        token = reading_watch.set(watch_from(done, weight))
        try:
            documents.extend(read_file(path, annotator=annotator, skipped=skipped))
        finally:
            reading_watch.reset(token)
        done += weight
    stage(f"Storing {counted(len(documents), 'document')}…")
    keep_going(total)
    with store.write():
        marks = take_marks(store)
        report = ingest(store, documents)
        added = added_since(store, marks)
        keep_going(total)  # the last moment to take it all back: rolls the transaction back
    report.skipped = skipped.lines()
    report.skipped_counts = dict(skipped.counts)
    return RecordedImport(documents, report, added, skipped)


def _kib(path: Path) -> int:
    try:
        return max(1, path.stat().st_size // 1024) if path.is_file() else 1
    except OSError:
        return 1  # reading it will say what is wrong
