# Over 400 lines: one sync is one ordered protocol (push, pull, marks after the server commit); split, its kill-safety order would be spread over files.
"""One sync of a project file with its hub: push this annotator's changes, pull the others'.

The order is what makes a sync safe to kill at any moment:

1. one PostgreSQL transaction, holding the hub's write lock: push every row this copy
   changed since its marks (new revision numbers), then read every row newer than this
   copy's cursor that the server lets this person see; commit;
2. only then one SQLite transaction: apply what was pulled, move the marks and the cursor.

Killed before 1 commits, the hub is untouched; killed between 1 and 2, the next sync finds
its own rows already on the hub (same body, or written by this copy) and only acknowledges
them. Only a row's owner pushes it, so there are no conflicts between people; a second copy
of the same person's file that changed a row the other copy changed meanwhile loses to the
hub (counted as a conflict). Deletions travel as tombstones (an empty body) that an old copy
cannot undo: a row the hub has at a newer revision is never overwritten from a stale base.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg

from annotator.core.model import GOLD_ANNOTATOR, new_id
from annotator.core.plural import counted
from annotator.hub import schema
from annotator.hub.address import parse, shown
from annotator.hub.connection import connect, serialize
from annotator.hub.errors import HubError, translated
from annotator.hub.project_settings import (  # re-exported: callers know them from here
    CLIENT_KEY,
    CURSOR_KEY,
    LAST_SYNC_KEY,
    ROLE_KEY,
    URL_KEY,
    USER_KEY,
    VIEW_KEY,
    remembered_url,
)
from annotator.store import hub_claim_rows, hub_rows
from annotator.store.hub_rows import ANNOTATION_KINDS, HubRow, Mark
from annotator.store.project_store import ProjectStore

# Pushed in this order, so a row's span or claim is decided before the row that needs it.
_PUSH_ORDER = {kind: i for i, kind in enumerate(ANNOTATION_KINDS)}


# What a pulled row is called in the report (merge's words where merge has them).
_NOUNS = {
    "document": ("document", None), "scheme": ("scheme entry", "scheme entries"),
    "setting": ("shared setting", None), "span": ("span", None),
    "stance": ("document stance", None), "status": ("done flag", None),
    "claim": ("claim", None), "mention": ("claim link", None),
    "claim_relation": ("claim relation", None), "span_relation": ("said-by link", None),
    "silence": ("silent mark", None), "derivation": ("derivation", None),
}  # fmt: skip


def _counts(by_kind: Counter[str]) -> str:
    return ", ".join(
        counted(by_kind[kind], *_NOUNS[kind]) for kind in _NOUNS if by_kind.get(kind, 0) > 0
    )


@dataclass(slots=True)
class SyncReport:
    """What one sync did, in numbers and (summary) in the words `merge` uses."""

    url: str  # shown(): without any password
    user: str
    role: str
    pushed: int = 0
    deleted: int = 0  # tombstones pushed
    pulled: int = 0
    removed: int = 0  # rows of others no longer visible here (blind mode turned on)
    conflicts: int = 0
    held: list[str] = field(default_factory=list)  # what was not pushed, and why
    pushed_kinds: Counter[str] = field(default_factory=Counter)
    added: Counter[str] = field(default_factory=Counter)  # pulled and added or changed here
    deletions: Counter[str] = field(default_factory=Counter)  # pulled deletions applied here
    scheme_added: list[tuple[str, str]] = field(default_factory=list)
    unplaced: int = 0

    def summary(self) -> str:
        parts = [f"pushed {counted(self.pushed, 'change')}"]
        if self.pushed:
            parts[0] += f" ({_counts(self.pushed_kinds)}"
            parts[0] += f"; {counted(self.deleted, 'deletion')})" if self.deleted else ")"
        added, deleted = _counts(self.added), _counts(self.deletions)
        parts.append(
            f"pulled {added or 'nothing new'}" + (f"; removed {deleted}" if deleted else "")
        )
        if self.removed:
            parts.append(f"{self.removed} no longer visible here (blind mode)")
        if self.conflicts:
            parts.append(f"{self.conflicts} changed by another copy of your file: the hub's kept")
        if self.scheme_added:
            names = ", ".join(f"{kind} '{name}'" for kind, name in self.scheme_added)
            parts.append(f"added to the scheme: {names}")
        if self.unplaced:
            parts.append(
                f"{self.unplaced} not placed here (their span, claim or document is missing)"
            )
        lines = [f"Synced with {self.url} as {self.user} ({self.role}): " + "; ".join(parts) + "."]
        lines += [f"Not pushed: {line}" for line in self.held]
        return "\n".join(lines)


@dataclass(slots=True)
class _Hub:
    """What the hub said inside the transaction."""

    written: list[tuple[HubRow, int]] = field(default_factory=list)  # (row, rev) now on the hub
    pulled: list[tuple[HubRow, int]] = field(default_factory=list)
    visible: set[tuple[str, str]] = field(default_factory=set)  # a full pull: everything seen
    full: bool = False
    cursor: int = 0
    view: str = ""


def owners_for(user: str, role: str) -> list[str]:
    """Whose rows this person pushes: their own, and the gold layer for reviewers and leads."""
    return [user, GOLD_ANNOTATOR] if role in ("reviewer", "lead") else [user]


def sync(
    store: ProjectStore,
    url: str | None = None,
    *,
    after_hub_commit: Callable[[], None] | None = None,
) -> SyncReport:
    """Sync `store` with the hub at `url` (default: the one remembered in the project).

    HubError when there is no hub, it cannot be reached, or it refuses; then nothing here
    changed. `after_hub_commit` runs between the two commits (the fault tests kill there).
    """
    url = url or remembered_url(store)
    if not url:
        raise HubError("this project has no hub yet: give one with --hub URL")
    parse(url)
    where = shown(url)
    if store.read_only:
        raise HubError(f"{store.path.name} is open read-only: it cannot take the hub's changes")
    with translated(where), connect(url) as conn:
        with conn.transaction():
            serialize(conn)
            schema.check(conn)
            user, role = conn.execute(
                "SELECT current_user, hub.role_of(current_user)"
            ).fetchone() or ("", "")
            if not role:
                raise HubError(
                    f"{user} has no role on the hub at {where}: a lead runs "
                    f"`annotator hub grant URL {user} --role annotator`"
                )
            report = SyncReport(where, user, role)
            with store.snapshot():
                mine = hub_rows.annotation_rows(store.conn, owners_for(user, role))
                shared = hub_rows.shared_rows(store.conn)
                marks = hub_rows.marks(store.conn)
                settings = {k: store.settings.get(k) for k in (CURSOR_KEY, VIEW_KEY, CLIENT_KEY)}
            client = settings[CLIENT_KEY] or new_id()
            hub = _exchange(conn, report, mine, shared, marks, settings, client)
        if after_hub_commit is not None:
            after_hub_commit()
    _apply_locally(store, url, report, hub, marks, client)
    return report


def _exchange(
    conn: psycopg.Connection,
    report: SyncReport,
    mine: dict[tuple[str, str], HubRow],
    shared: dict[tuple[str, str], HubRow],
    marks: dict[tuple[str, str], Mark],
    settings: dict[str, str],
    client: str,
) -> _Hub:
    hub = _Hub()
    owners = owners_for(report.user, report.role)
    on_hub = set(_keys(conn, "shared"))
    hub_scheme = {key for (kind, key) in on_hub if kind == "scheme"}
    hub_docs = {key for (kind, key) in on_hub if kind == "document"}
    rev = 0

    def revision() -> int:
        nonlocal rev
        if not rev:
            rev = int(conn.execute("SELECT nextval('hub.revision')").fetchone()[0])  # type: ignore[index]
        return rev

    # Shared rows: documents, scheme, guidelines come from a lead.
    changed_shared = [r for k, r in shared.items() if _changed(r, marks.get(k))]
    if report.role == "lead":
        _push(conn, "shared", changed_shared, marks, client, revision, hub, report)
        hub_docs |= {r.key for r in changed_shared if r.kind == "document"}
        hub_scheme |= {r.key for r in changed_shared if r.kind == "scheme"}
    else:
        # Never synced and on the hub: this pull brings the hub's. Otherwise it is ours only.
        local_only = [
            r for r in changed_shared
            if (r.kind, r.key) not in on_hub or (r.kind, r.key) in marks
        ]  # fmt: skip
        if local_only:
            report.held.append(
                f"{counted(len(local_only), 'local change')} to documents, scheme or guidelines, kept "
                "in this file only (a lead changes those on the hub)"
            )

    # Annotation rows: what changed since the marks, and tombstones for what is gone.
    pending = [r for k, r in mine.items() if _changed(r, marks.get(k))]
    pending += [
        HubRow(kind, key, mark.owner, "")
        for (kind, key), mark in marks.items()
        if kind in ANNOTATION_KINDS and mark.owner in owners and mark.digest
        and (kind, key) not in mine
    ]  # fmt: skip
    ready: list[HubRow] = []
    ready_keys: set[tuple[str, str]] = set()
    unplaced, waiting, unknown = 0, 0, set()
    held: set[tuple[str, str]] = set()
    on_hub_rows = {k for k, mark in marks.items() if mark.digest}  # this copy's view of the hub
    for row in sorted(pending, key=lambda r: _PUSH_ORDER[r.kind]):
        if row.body and row.document and row.document not in hub_docs:
            unplaced += 1
            held.add((row.kind, row.key))
            continue
        missing = _unknown_scheme(row, hub_scheme)
        if missing:
            unknown |= missing
            held.add((row.kind, row.key))
            continue
        needs_rows, needs_docs = hub_claim_rows.depends(row.kind, row.key, row.body)
        if any(d not in hub_docs for d in needs_docs) or any(
            n in held or (n not in on_hub_rows and n not in ready_keys) for n in needs_rows
        ):
            waiting += 1  # a claim link whose span the hub lacks yet, and the like
            held.add((row.kind, row.key))
            continue
        ready.append(row)
        ready_keys.add((row.kind, row.key))
    if unplaced:
        report.held.append(f"{counted(unplaced, 'annotation')} on documents the hub does not have")
    if unknown:
        names = ", ".join(f"{k} '{n}'" for k, n in sorted(unknown))
        report.held.append(
            f"annotations using {names}, which the hub's scheme lacks (a lead adds it)"
        )
    if waiting:
        report.held.append(
            f"claim links, relations or marks ({waiting}) that wait for a span, claim or "
            "document the hub does not have yet"
        )
    _push(conn, "rows", ready, marks, client, revision, hub, report)

    # Pull: everything newer than the cursor this person may see; all of it when what
    # they may see changed (blind mode, their role).
    (epoch,) = conn.execute("SELECT value FROM hub.settings WHERE key = 'view_epoch'").fetchone()  # type: ignore[misc]
    hub.view = f"{epoch}:{report.role}"
    hub.full = settings[VIEW_KEY] != hub.view
    since = 0 if hub.full else int(settings[CURSOR_KEY] or 0)
    written = {(row.kind, row.key) for row, _ in hub.written}
    top = since
    for kind, key, owner, document, body, row_rev in conn.execute(
        "SELECT kind, key, annotator, document, body, rev FROM hub.rows WHERE rev > %s"
        " UNION ALL SELECT kind, key, '', '', body, rev FROM hub.shared WHERE rev > %s",
        [since, since],
    ):
        top = max(top, row_rev)
        hub.visible.add((kind, key))
        mark = marks.get((kind, key))
        if (kind, key) in written or (mark is not None and mark.rev >= row_rev):
            continue
        hub.pulled.append((HubRow(kind, key, owner, body, document), row_rev))
    hub.cursor = max(top, rev)
    return hub


def _push(
    conn: psycopg.Connection,
    table: str,
    rows: list[HubRow],
    marks: dict[tuple[str, str], Mark],
    client: str,
    revision: Callable[[], int],
    hub: _Hub,
    report: SyncReport,
) -> None:
    if not rows:
        return
    kinds, keys = [r.kind for r in rows], [r.key for r in rows]
    current = {
        (kind, key): (int(rev), who, body)
        for kind, key, rev, who, body in conn.execute(
            f"SELECT t.kind, t.key, t.rev, t.client, t.body FROM hub.{table} t"
            " JOIN unnest(%s::text[], %s::text[]) AS p(kind, key) USING (kind, key)",
            [kinds, keys],
        )
    }
    writes = []
    for row in rows:
        mark = marks.get((row.kind, row.key))
        there = current.get((row.kind, row.key))
        if there is None and not row.body:
            hub.written.append((row, 0))  # nothing to delete there: forget it here
        elif there is not None and there[2] == row.body:
            hub.written.append((row, there[0]))  # already there (an earlier, killed sync)
        elif there is None or there[0] == (mark.rev if mark else 0) or there[1] == client:
            writes.append(row)
        else:
            report.conflicts += 1  # another copy changed it after our base: the hub's wins
            hub.pulled.append(
                (HubRow(row.kind, row.key, row.owner, there[2], row.document), there[0])
            )
    if not writes:
        return
    rev = revision()
    with conn.cursor() as cur:
        if table == "rows":
            cur.executemany(
                "INSERT INTO hub.rows (kind, key, annotator, document, body, rev, client)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (kind, key) DO UPDATE"
                " SET body = excluded.body, rev = excluded.rev, client = excluded.client,"
                " updated_at = now()",
                [(r.kind, r.key, r.owner, r.document, r.body, rev, client) for r in writes],
            )
        else:
            cur.executemany(
                "INSERT INTO hub.shared (kind, key, body, rev, client) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, rev = excluded.rev,"
                " client = excluded.client, updated_by = current_user, updated_at = now()",
                [(r.kind, r.key, r.body, rev, client) for r in writes],
            )
    for row in writes:
        hub.written.append((row, rev))
        report.pushed += 1
        report.pushed_kinds[row.kind] += 1
        report.deleted += not row.body


def _apply_locally(
    store: ProjectStore,
    url: str,
    report: SyncReport,
    hub: _Hub,
    marks: dict[tuple[str, str], Mark],
    client: str,
) -> None:
    owners = owners_for(report.user, report.role)
    gone = []
    if hub.full:
        # Rows of others pulled earlier that this person may no longer see (blind mode
        # turned on, a role taken away) leave this copy too.
        gone = [
            HubRow(kind, key, mark.owner, "")
            for (kind, key), mark in marks.items()
            if kind in ANNOTATION_KINDS and mark.owner not in owners
            and (kind, key) not in hub.visible
        ]  # fmt: skip
    pulled = [row for row, _ in hub.pulled]
    with store.write() as conn:
        applied = hub_rows.apply_rows(conn, pulled + gone)
        hub_rows.set_marks(conn, hub.written + hub.pulled)
        hub_rows.drop_marks(conn, [(row.kind, row.key) for row in gone])
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for key, value in (
            (URL_KEY, url), (CURSOR_KEY, str(hub.cursor)), (VIEW_KEY, hub.view),
            (CLIENT_KEY, client), (LAST_SYNC_KEY, now), (USER_KEY, report.user),
            (ROLE_KEY, report.role),
        ):  # fmt: skip
            conn.execute(
                "INSERT INTO project_settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
    report.pulled = len(pulled)
    report.removed = len(gone)
    for row in gone:
        applied.removed[row.kind] -= 1  # reported as "no longer visible", not as deletions
    report.added = +applied.added
    report.deletions = +applied.removed
    report.scheme_added = applied.scheme_added
    report.unplaced = applied.unplaced


def pending_changes(store: ProjectStore) -> int:
    """How many of this copy's rows wait to be pushed, without asking the hub (for the status
    line): its person's rows that differ from their marks, and marked rows now gone."""
    user, role = store.settings.get(USER_KEY), store.settings.get(ROLE_KEY)
    if not user:
        return 0
    owners = owners_for(user, role)
    with store.snapshot():
        mine = hub_rows.annotation_rows(store.conn, owners)
        marks = hub_rows.marks(store.conn)
    changed = sum(_changed(row, marks.get(key)) for key, row in mine.items())
    gone = sum(
        1
        for key, mark in marks.items()
        if key[0] in ANNOTATION_KINDS and mark.owner in owners and mark.digest and key not in mine
    )
    return changed + gone


def _changed(row: HubRow, mark: Mark | None) -> bool:
    return mark is None or mark.digest != row.digest


def _keys(conn: psycopg.Connection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in conn.execute(f"SELECT kind, key FROM hub.{table}")]


def _unknown_scheme(row: HubRow, hub_scheme: set[str]) -> set[tuple[str, str]]:
    if not row.body or row.kind not in ("span", "stance"):
        return set()
    body = json.loads(row.body)
    wanted = [("label", body.get("label", "")), ("stance", body.get("stance", ""))]
    wanted.append(("target", body.get("target", "")))
    return {
        (kind, name)
        for kind, name in wanted
        if name and hub_rows.canonical([kind, name]) not in hub_scheme
    }
