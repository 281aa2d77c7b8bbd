"""Merge other annotators' project files into this one, in one transaction, overwriting nobody.

Each file is checked first (there, an Annotator project of this version, sound, not this
project), then all are stored in one write transaction, each with INSERT … SELECT from
the file attached read-only (store/project_merge.py, #15), not read into Python and
stored row by row as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, SchemeItem
from annotator.core.plural import counted
from annotator.services.export import iter_annotated
from annotator.store import project_files, schema_version
from annotator.store.attached_projects import Attachments, MergeInterruptedError, interruptible
from annotator.store.ingest import ProjectImportReport, ingest_project
from annotator.store.project_merge import merge_attached
from annotator.store.project_store import ProjectStore


@dataclass(slots=True)
class FileMerge:
    """What merging one project file brought in."""

    path: Path
    annotators: list[str]
    report: ProjectImportReport

    def summary(self) -> str:
        r = self.report
        who = ", ".join(self.annotators) or "nobody"
        parts = [
            f"{counted(r.documents_added, 'document')} added",
            f"{r.documents_matched} matched",
            f"{counted(r.spans_added, 'span')} added",
            f"{r.spans_skipped} already present",
            f"{counted(r.stances_added, 'document stance')} added",
            f"{counted(r.done_flags_added, 'done flag')} set",
        ]
        if r.span_conflicts or r.stance_conflicts:
            parts.append(
                f"{counted(r.span_conflicts, 'span')} and {counted(r.stance_conflicts, 'document stance')}"
                " differ from ours: ours kept"
            )
        if r.scheme_added:
            added = ", ".join(f"{kind.value} '{name}'" for kind, name in r.scheme_added)
            parts.append(f"added to the scheme: {added}")
        return f"{self.path.name} ({who}): " + "; ".join(parts) + "."


@dataclass(slots=True)
class MergeReport:
    """Per merged file, in the order given."""

    files: list[FileMerge] = field(default_factory=list)

    @property
    def spans_added(self) -> int:
        return sum(f.report.spans_added for f in self.files)

    @property
    def conflicts(self) -> int:
        return sum(f.report.span_conflicts + f.report.stance_conflicts for f in self.files)

    def summary(self) -> str:
        lines = [f.summary() for f in self.files]
        total = sum(f.report.documents_added for f in self.files)
        lines.append(
            f"Merged {counted(len(self.files), 'project')}: {counted(total, 'document')} and "
            f"{counted(self.spans_added, 'span')} added."
        )
        return "\n".join(lines)


class MergeCancelledError(Exception):
    """The user cancelled: nothing of the merge was stored."""


Progress = Callable[[int, int], bool]


@dataclass(slots=True)
class ProjectSnapshot:
    """One project file read whole, before anything is written (for the files past
    SQLite's limit of attached databases, merged row by row)."""

    path: Path
    items: list[AnnotatedDocument]
    done: list[tuple[str, str]]
    scheme: list[SchemeItem]
    annotators: list[str]


@dataclass(frozen=True, slots=True)
class CheckedProject:
    """A project file found mergeable: there, ours, sound, of this schema version."""

    path: Path
    annotators: list[str]


def merge_projects(store: ProjectStore, others: Sequence[Path | str]) -> MergeReport:
    """Bring the documents, spans, document stances, done flags, scheme entries and claims
    of the project files `others` into `store`, all in one transaction.

    Documents are matched by the SHA-256 of their text; every annotation keeps its
    annotator. Nothing already here is overwritten: a span with an id (or passage) we have
    with other content is skipped and counted as a conflict, and merging the same file
    again adds nothing. Every file is checked before anything is written.

    Raises ProjectError when a file is missing, is not an Annotator project, is newer or
    older than this version, or is this project itself; ReadOnlyProjectError when `store`
    is read-only. In every case nothing is changed.
    """
    store.verify()  # writing into a damaged file would spread the damage
    checked = [check_project(store, Path(path)) for path in others]
    with Attachments(store) as attached, store.write():
        return store_projects(store, attached, checked)


def store_projects(
    store: ProjectStore,
    attached: Attachments,
    projects: Sequence[CheckedProject],
    progress: Progress | None = None,
) -> MergeReport:
    """Merge `projects` inside the caller's `with Attachments(store) as attached,
    store.write():`, each with INSERT … SELECT from the attached file (store/project_merge.py);
    the files past SQLite's limit of attached databases are read whole and stored row by
    row. `progress(done, total)` is asked before each file; once it returns False this
    raises MergeCancelledError (the caller's transaction then rolls back); it is asked
    again every few milliseconds of SQL within a file, and the statement under way stops
    at once when it says no."""
    report = MergeReport()
    total = len(projects)
    with store.write() as conn:  # joins the caller's transaction
        room = attached.room()
        for index, project in enumerate(projects):
            if progress is not None and not progress(index, total):
                raise MergeCancelledError()

            def keep_going(index: int = index) -> bool:
                return progress is None or progress(index, total)

            try:
                with interruptible(conn, keep_going):
                    imported = _store_project(store, conn, attached, project, index < room)
            except MergeInterruptedError as exc:
                raise MergeCancelledError() from exc
            report.files.append(FileMerge(project.path, project.annotators, imported))
    return report


def _store_project(
    store: ProjectStore,
    conn: sqlite3.Connection,
    attached: Attachments,
    project: CheckedProject,
    attach: bool,
) -> ProjectImportReport:
    if attach:
        schema = attached.attach(project.path, schema_version.SCHEMA_VERSION)
        return merge_attached(store, conn, schema, project.path)
    snapshot = read_snapshot(store, project.path)
    return ingest_project(
        store, conn, snapshot.items, done=snapshot.done, scheme_items=snapshot.scheme
    )


def _refuse(store: ProjectStore, path: Path) -> None:
    if not path.exists():
        raise ProjectError(f"No project at {path}.")
    if not path.is_file():
        raise ProjectError(f"{path} is not a project file.")
    if project_files.same_file(path, store.path):
        raise ProjectError(f"{path} is this project: a project cannot be merged into itself.")


def check_project(store: ProjectStore, path: Path) -> CheckedProject:
    """Check that `path` can be merged into `store`; raises ProjectError (see merge_projects).

    Opened read-only and without a trace beside the other analyst's file, as a merge
    reads it; a file of an older schema version is refused (it would need an upgrade,
    which is never done to someone else's file), as is a damaged one."""
    _refuse(store, path)
    with ProjectStore.open(path, read_only=True) as other, other.snapshot():
        other.verify()
        return CheckedProject(path, other.annotations.annotators())


def read_snapshot(store: ProjectStore, path: Path) -> ProjectSnapshot:
    """Read the project file `path` whole; raises ProjectError (see merge_projects)."""
    _refuse(store, path)
    # Read-only and without a trace beside the other analyst's file; one snapshot, so a
    # window still open on it cannot tear what we take.
    with ProjectStore.open(path, read_only=True) as other, other.snapshot():
        other.verify()
        scheme = other.scheme.get()
        return ProjectSnapshot(
            path=path,
            items=list(iter_annotated(other)),
            done=other.documents.done_flags(),
            scheme=[*scheme.labels, *scheme.stances, *scheme.targets],
            annotators=other.annotations.annotators(),
        )
