"""An import that records what it stored, for the GUI's worker thread and its undo stack.

The files are read and stored as `import_files` does for the command line, streamed:
native JSONL a line at a time in batches, so memory does not grow with the file (#15:
holding a 10,000-article archive as documents took ~100 MB per 1,000 articles). The
marks, the rows and the keys of the rows they added are taken inside ONE write
transaction (`store.write()`, BEGIN IMMEDIATE) on the caller's connection: a bad file
rolls it all back, and no other connection can write between the marks and the rows,
so the keys are exactly what this import added; the GUI turns them into one undoable
command. Redo reads the files again (as a merge's redo reads its project files), so no
copy of the documents is kept either. `progress(done, total)` counts KiB read; once it
returns False the import stops at its next step (the next file or document, or just
before the commit) and raises ImportCancelledError, leaving the project unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import ImportReport
from annotator.services import document_import
from annotator.services.document_import import import_files, input_size
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import AddedRows, added_since, take_marks

Progress = Callable[[int, int], bool]
ImportCancelledError = document_import.ImportCancelledError


@dataclass(slots=True)
class RecordedImport:
    """What was stored, for the undo stack and the message."""

    report: ImportReport
    added: AddedRows
    store_again: Callable[[ProjectStore], ImportReport]  # redo, inside its transaction


def import_recorded(
    store: ProjectStore,
    paths: Sequence[Path],
    *,
    annotator: str,
    progress: Progress,
    stage: Callable[[str], None] = lambda _text: None,
) -> RecordedImport:
    """Read `paths` and store them in one transaction; raises InputError (a bad file) or
    ImportCancelledError, and then nothing is stored. `stage` hears the file being read."""
    chosen = list(paths)
    # Progress counts KiB read (a folder or an empty file weighs 1), so one large file
    # moves the bar and many small ones move it too.
    sizes = [input_size(path) for path in chosen]
    weights = [max(1, size // 1024) for size in sizes]
    total = sum(weights)
    current = [0, 0, 0]  # the file being read: its index, its first byte, its first KiB

    def keep_going(at: int) -> None:
        if not progress(min(at, total), total):
            raise ImportCancelledError()

    def file_started(index: int) -> None:
        current[:] = [index, sum(sizes[:index]), sum(weights[:index])]
        stage(f"Reading {chosen[index].name}…")
        keep_going(current[2])

    def read(done: int, _all: int) -> bool:
        index, first_byte, first_kib = current
        keep_going(first_kib + min((done - first_byte) // 1024, weights[index]))
        return True

    with store.write():
        marks = take_marks(store)
        report = import_files(
            store, chosen, annotator=annotator, progress=read, on_file=file_started
        )
        added = added_since(store, marks)
        keep_going(total)  # the last moment to take it all back: rolls the transaction back

    def store_again(again: ProjectStore) -> ImportReport:
        return import_files(again, chosen, annotator=annotator)

    return RecordedImport(report, added, store_again)
