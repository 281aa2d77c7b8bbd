"""A merge that records what it stored, for the GUI's worker thread and its undo stack.

Like services/recorded_import.py: every project file is checked first (a missing or
foreign file stores nothing); then one write transaction takes the rowid marks and the
done flags already set, stores the files (services/merge.py: INSERT … SELECT from each
file attached) and takes the keys of the added rows, so undo removes exactly this merge
and turns back exactly the done flags it turned on. `progress(done, total)` is called
per file while checking, again per file while storing, and just before the commit; once
it returns False the merge stops there and raises MergeCancelledError, leaving the
project unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.services.merge import (
    MergeCancelledError,
    MergeReport,
    Progress,
    check_project,
    store_projects,
)
from annotator.store.attached_projects import Attachments
from annotator.store.project_store import ProjectStore
from annotator.store.rowid_marks import AddedRows, added_since, take_marks

__all__ = ["MergeCancelledError", "Progress", "RecordedMerge", "merge_recorded"]


@dataclass(slots=True)
class RecordedMerge:
    report: MergeReport
    added: AddedRows
    done_before: set[tuple[str, str]]  # (document, annotator) done flags set before


def merge_recorded(
    store: ProjectStore,
    others: Sequence[Path],
    *,
    progress: Progress,
    stage: Callable[[str], None] = lambda _text: None,
) -> RecordedMerge:
    """Merge `others` into `store` in one transaction (see merge_projects); raises like it,
    or MergeCancelledError, and then nothing is stored."""
    store.verify()  # writing into a damaged file would spread the damage
    checked = []
    for index, path in enumerate(others):
        stage(f"Reading {path.name}…")
        if not progress(index, len(others)):
            raise MergeCancelledError()
        checked.append(check_project(store, Path(path)))
    stage("Storing the merged annotations…")
    if not progress(len(others), len(others)):
        raise MergeCancelledError()
    with Attachments(store) as attached, store.write():
        marks = take_marks(store)
        done_before = set(store.documents.done_flags())
        report = store_projects(store, attached, checked, progress)
        added = added_since(store, marks)
        if not progress(len(others), len(others)):  # the last moment to take it all back
            raise MergeCancelledError()  # rolls the transaction back
    return RecordedMerge(report, added, done_before)
