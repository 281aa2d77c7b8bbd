"""Merge other annotators' project files into this one, in one transaction, overwriting nobody."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, SchemeItem
from annotator.core.plural import counted
from annotator.services.export import iter_annotated
from annotator.store import project_files
from annotator.store.ingest import ProjectImportReport, ingest_project
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


@dataclass(slots=True)
class ProjectSnapshot:
    """One project file read whole, before anything is written."""

    path: Path
    items: list[AnnotatedDocument]
    done: list[tuple[str, str]]
    scheme: list[SchemeItem]
    annotators: list[str]


def merge_projects(store: ProjectStore, others: Sequence[Path | str]) -> MergeReport:
    """Bring the documents, spans, document stances, done flags and scheme entries of the
    project files `others` into `store`, all in one transaction.

    Documents are matched by the SHA-256 of their text; every annotation keeps its
    annotator. Nothing already here is overwritten: a span with an id (or passage) we have
    with other content is skipped and counted as a conflict, and merging the same file
    again adds nothing. Every file is read completely before anything is written.

    Raises ProjectError when a file is missing, is not an Annotator project, is newer than
    this version, or is this project itself; ReadOnlyProjectError when `store` is read-only.
    In every case nothing is changed.
    """
    store.verify()  # writing into a damaged file would spread the damage
    snapshots = [read_snapshot(store, Path(path)) for path in others]
    with store.write():
        return store_snapshots(store, snapshots)


def store_snapshots(store: ProjectStore, snapshots: Sequence[ProjectSnapshot]) -> MergeReport:
    """Store projects read by `read_snapshot`, inside the caller's `store.write()`."""
    report = MergeReport()
    with store.write() as conn:  # joins the caller's transaction
        for snapshot in snapshots:
            imported = ingest_project(
                store, conn, snapshot.items, done=snapshot.done, scheme_items=snapshot.scheme
            )
            report.files.append(FileMerge(snapshot.path, snapshot.annotators, imported))
    return report


def read_snapshot(store: ProjectStore, path: Path) -> ProjectSnapshot:
    """Read the project file `path` whole; raises ProjectError (see merge_projects)."""
    if not path.exists():
        raise ProjectError(f"No project at {path}.")
    if not path.is_file():
        raise ProjectError(f"{path} is not a project file.")
    if project_files.same_file(path, store.path):
        raise ProjectError(f"{path} is this project: a project cannot be merged into itself.")
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
