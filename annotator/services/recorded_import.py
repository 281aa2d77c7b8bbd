"""An import that records what it stored, for the GUI's worker thread and its undo stack.

Reading and validating come first, outside any transaction (a bad file stores nothing);
then the documents are stored, and the keys of the rows they added are taken, inside ONE
write transaction (`store.write()`, BEGIN IMMEDIATE) on the caller's connection. No other
connection can write between the marks and the rows, so the keys are exactly what this
import added: the GUI turns them into one undoable command. `progress(done, total)` is
called per file; once it returns False the import stops at its next step (between files,
or just before the commit) and raises ImportCancelledError, leaving the project unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import AnnotatedDocument, ImportReport
from annotator.core.plural import counted
from annotator.services.document_import import read_file
from annotator.services.formats import Skipped
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
    for index, path in enumerate(paths):
        stage(f"Reading {path.name}…")
        if not progress(index, len(paths)):
            raise ImportCancelledError()
        documents.extend(read_file(path, annotator=annotator, skipped=skipped))
    stage(f"Storing {counted(len(documents), 'document')}…")
    if not progress(len(paths), len(paths)):
        raise ImportCancelledError()
    with store.write():
        marks = take_marks(store)
        report = ingest(store, documents)
        added = added_since(store, marks)
        if not progress(len(paths), len(paths)):  # the last moment to take it all back
            raise ImportCancelledError()  # rolls the transaction back
    report.skipped = skipped.lines()
    report.skipped_counts = dict(skipped.counts)
    return RecordedImport(documents, report, added, skipped)
