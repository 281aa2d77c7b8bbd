"""SIGKILL a process in the middle of real work, then check that nothing promised was lost.

Each kind of trial starts a child process doing one kind of work on a project, kills it
(SIGKILL: no cleanup, no `finally`) after a random delay, and checks the files it leaves:

- `annotate`: the child annotates through the session and undo commands exactly as the
  GUI does (add, change stance, delete, document stance, undo, redo), printing `ack N`
  after each command has committed. The project must hold the state after the last
  acknowledged command, or after the one in flight (committed, not yet acknowledged).
- `import` / `merge`: `annotator import` of a JSONL corpus / `annotator merge` of another
  project: all of it or none of it; the merged-from file is left byte-for-byte as it was.
- `export`: `annotator export` (jsonl, csv, doccano, Label Studio in turn) over an earlier
  export: the file under the final name is the earlier export or the complete new one,
  byte for byte, never a part.
- `brat`: `annotator export --format brat` (a folder of two files per document and one
  per annotator) over an earlier brat export of other documents: the folder under the
  final name is the earlier export or the complete new one, file for file and byte for
  byte, or (at the one moment between two renames) absent; never a mixture or a part.
- `writers` (no kill): two app sessions in two processes annotating and a command-line
  import, all at once on one project: each session's work is all there, the import is
  complete, and nobody waited long enough to be told the project is busy.
- `migrate`: opening a schema-1 project (sleeping between migration steps so that kills
  land inside the upgrade): the file is fully old or fully new, and its backup opens.

Every trial also checks `PRAGMA integrity_check` and that every file carrying a backup's
name is a complete, undamaged database. Used by tests/store/test_kill_safety.py (a few
trials) and by benchmarks/faults/run.py (the long version, ≥ 20 trials each).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KINDS = ("annotate", "import", "merge", "export", "brat", "migrate", "writers")
OLD_PROJECT = REPO / "tests" / "store" / "old_projects" / "v1.annotator"
TARGET = "US restrictions on Anthropic's models"
STANCES = ("favor", "against", "neutral", None)
PLANNED = 5  # the annotating children work on the project's first documents
EXPORT_FORMATS = ("jsonl", "csv", "doccano", "labelstudio")


@dataclass
class TrialResult:
    kind: str
    trial: int
    delay_s: float
    outcome: str  # what was found: "old", "new", "N acks", ...
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- the annotating child's plan, shared with the checker --------------------------------
@dataclass(frozen=True)
class Op:
    kind: str  # add, stance, delete, doc_stance, undo, redo
    span_id: str = ""
    document: str = ""
    start: int = 0
    end: int = 0
    label: str = ""
    stance: str | None = None


SpanState = tuple[str, int, int, str, str | None]  # document, start, end, label, stance
State = tuple[dict[str, SpanState], dict[str, str | None]]  # spans, document stances


class _Model:
    """What an undo stack of annotation commands leaves stored, in plain Python."""

    def __init__(self) -> None:
        self.spans: dict[str, SpanState] = {}
        self.doc_stances: dict[str, str | None] = {}
        self.stack: list[tuple[Callable[[], object], Callable[[], object]]] = []
        self.index = 0

    def push(self, do: Callable[[], object], undo: Callable[[], object]) -> None:
        del self.stack[self.index :]
        self.stack.append((do, undo))
        do()
        self.index += 1

    def apply(self, op: Op) -> None:
        if op.kind == "undo":
            self.index -= 1
            self.stack[self.index][1]()
        elif op.kind == "redo":
            self.stack[self.index][0]()
            self.index += 1
        elif op.kind == "add":
            span: SpanState = (op.document, op.start, op.end, op.label, None)
            self.push(
                lambda: self.spans.__setitem__(op.span_id, span),
                lambda: self.spans.pop(op.span_id),
            )
        elif op.kind == "delete":
            gone = self.spans[op.span_id]
            self.push(
                lambda: self.spans.pop(op.span_id), lambda: self.spans.__setitem__(op.span_id, gone)
            )
        elif op.kind == "stance":
            before = self.spans[op.span_id]
            after = (*before[:4], op.stance)
            self.push(
                lambda: self.spans.__setitem__(op.span_id, after),
                lambda: self.spans.__setitem__(op.span_id, before),
            )
        elif op.kind == "doc_stance":
            previous = self.doc_stances.get(op.document)
            self.push(
                lambda: self.doc_stances.__setitem__(op.document, op.stance),
                lambda: self.doc_stances.__setitem__(op.document, previous),
            )

    def state(self) -> State:
        return dict(self.spans), {d: s for d, s in self.doc_stances.items() if s is not None}


def plan(
    seed: int, count: int, documents: dict[str, int], *, with_states: bool = True
) -> tuple[list[Op], list[State]]:
    """`count` random commands (valid at each point) and the stored state after each.

    `documents` maps document ids to their text lengths. states[i] is the state after
    ops[:i] (states[0]: nothing done); empty unless `with_states`.
    """
    rng = random.Random(seed)
    model = _Model()
    ops: list[Op] = []
    states = [model.state()]
    ids = sorted(documents)
    for number in range(count):
        roll = rng.random()
        op: Op
        if roll < 0.12 and model.index > 0:
            op = Op("undo")
        elif roll < 0.24 and model.index < len(model.stack):
            op = Op("redo")
        elif roll < 0.3 and model.spans:
            op = Op("stance", rng.choice(sorted(model.spans)), stance=rng.choice(STANCES))
        elif roll < 0.38 and model.spans:
            op = Op("delete", rng.choice(sorted(model.spans)))
        elif roll < 0.45:
            op = Op("doc_stance", document=rng.choice(ids), stance=rng.choice(STANCES))
        else:
            taken = {(d, a, b, label) for d, a, b, label, _ in model.spans.values()}
            while True:  # one annotator cannot label the same passage twice alike
                document = rng.choice(ids)
                start = rng.randrange(documents[document] - 1)
                end = rng.randint(start + 1, min(documents[document], start + 40))
                label = rng.choice(("Claim", "Source"))
                if (document, start, end, label) not in taken:
                    break
            op = Op("add", f"k{seed}-{number}", document, start, end, label)
        model.apply(op)
        ops.append(op)
        if with_states:
            states.append(model.state())
    return ops, states


def stored_state(conn: sqlite3.Connection, annotator: str = "killer") -> State:
    spans = {
        row[0]: (row[1], row[2], row[3], row[4], row[5])
        for row in conn.execute(
            'SELECT s.id, s.document_id, s.start, s."end", l.name, st.name FROM spans s'
            " JOIN scheme_items l ON l.id = s.label_id"
            " LEFT JOIN scheme_items st ON st.id = s.stance_id WHERE s.annotator = ?",
            [annotator],
        )
    }
    stances = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT d.document_id, st.name FROM document_stances d"
            " JOIN scheme_items st ON st.id = d.stance_id WHERE d.annotator = ?",
            [annotator],
        )
    }
    return spans, stances


# -- children ----------------------------------------------------------------------------
def _child_annotate(
    project: str, seed: str, count: str = "3000", annotator: str = "killer"
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from annotator.core.model import Span
    from annotator.gui.commands import (
        AddSpanCommand,
        DeleteSpansCommand,
        EditSpanCommand,
        SetDocumentStanceCommand,
        StoreCommand,
    )
    from annotator.gui.session import ProjectSession
    from annotator.store.project_store import ProjectStore

    app = QGuiApplication([])
    store = ProjectStore.open(project)
    session = ProjectSession(store, annotator)
    # The first documents only: an import running alongside may be adding more.
    lengths = {d: len(store.documents.get(d).text) for d in store.documents.ids()[:PLANNED]}
    ops, _states = plan(int(seed), int(count), lengths, with_states=False)
    print("ready", flush=True)
    for number, op in enumerate(ops):
        stack = session.undo_stack
        command: StoreCommand | None = None
        if op.kind == "undo":
            stack.undo()
        elif op.kind == "redo":
            stack.redo()
        elif op.kind == "add":
            span = Span(op.span_id, op.document, op.start, op.end, op.label, annotator)
            command = AddSpanCommand(session, span)
        elif op.kind == "delete":
            command = DeleteSpansCommand(session, [store.annotations.span(op.span_id)])
        elif op.kind == "stance":
            command = EditSpanCommand(session, op.span_id, stance=op.stance)
        elif op.kind == "doc_stance":
            command = SetDocumentStanceCommand(session, op.document, TARGET, op.stance)
        if command is not None:
            stack.push(command)
            if command.failure is not None:
                print(f"failed {number} {command.failure}", flush=True)
                sys.exit(3)
        print(f"ack {number + 1}", flush=True)
    session.close()
    del app


def _child_migrate(project: str, pause: str) -> None:
    from annotator.store import schema
    from annotator.store.project_store import ProjectStore

    def slow(fn: Callable[..., None], name: str) -> Callable[..., None]:
        def step(db: object) -> None:
            print(f"step {name}", flush=True)
            time.sleep(float(pause))
            fn(db)

        return step

    for migration in schema.migrations._migrations:
        migration.fn = slow(migration.fn, migration.name)
    print("ready", flush=True)
    ProjectStore.open(project).close()
    print("done", flush=True)


CHILDREN: dict[str, Callable[..., None]] = {
    "annotate": _child_annotate,
    "migrate": _child_migrate,
}


# -- running and killing -----------------------------------------------------------------
def _spawn(args: list[str]) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PYTHONUNBUFFERED": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.Popen(
        args,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def _child(kind: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks.faults.kill_trials", kind, *args]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "annotator", *args]


def kill_after(
    args: list[str], delay_s: float, *, after_ready: bool = False
) -> tuple[list[str], int]:
    """Run `args`, SIGKILL it `delay_s` after start (or after it prints `ready`).

    Returns its stdout lines (what it acknowledged before dying) and its exit status.
    """
    proc = _spawn(args)
    assert proc.stdout is not None
    timer = threading.Timer(delay_s, proc.send_signal, [signal.SIGKILL])
    lines = []
    if after_ready:
        first = proc.stdout.readline()
        if first.strip() != "ready":
            proc.kill()
            raise RuntimeError(
                f"child did not start: {first!r} {proc.stderr.read() if proc.stderr else ''}"
            )
    timer.start()
    try:
        lines = proc.stdout.read().splitlines()
        proc.wait()
    finally:
        timer.cancel()
    if proc.returncode not in (0, -signal.SIGKILL):
        error = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"{args[2:5]} failed ({proc.returncode}): {error[-2000:]}")
    assert proc.stderr is not None
    proc.stderr.close()
    return lines, proc.returncode


def kill_at_line(args: list[str], marker: str) -> list[str]:
    """Run `args` and SIGKILL it the moment it prints a line starting with `marker`."""
    proc = _spawn(args)
    assert proc.stdout is not None and proc.stderr is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.strip())
        if line.startswith(marker):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    error = proc.stderr.read()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"never printed {marker!r} ({proc.returncode}): {error[-2000:]}")
    return lines


def migrate_child(project: Path, pause_s: float = 0.2) -> list[str]:
    """The command line of a child that upgrades `project`, sleeping before each step."""
    return _child("migrate", str(project), str(pause_s))


def _timed(args: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(
        args, cwd=REPO, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    return time.monotonic() - started


# -- checks ------------------------------------------------------------------------------
def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _integrity(path: Path, problems: list[str]) -> None:
    conn = _connect(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity_check of {path.name}: {result}")
    finally:
        conn.close()


def _backups_sound(project: Path, problems: list[str]) -> None:
    from annotator.store import backups

    for backup in backups.list_backups(project):
        uri = backup.path.absolute().as_uri() + "?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True)
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT count(*) FROM spans").fetchone()
            conn.close()
        except sqlite3.Error as exc:
            check = str(exc)
        if check != "ok":
            problems.append(f"backup {backup.path.name}: {check}")


def _counts(path: Path) -> tuple[int, int, int]:
    conn = _connect(path)
    try:
        documents, spans, stances = (
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "spans", "document_stances")
        )
        return documents, spans, stances
    finally:
        conn.close()


def _planned_documents(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT id, length(text) FROM documents ORDER BY position, id LIMIT ?", [PLANNED]
    )
    return {row[0]: row[1] for row in rows}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def judge_folder(
    now: dict[str, str] | None, earlier: dict[str, str], complete: dict[str, str]
) -> tuple[str, str]:
    """What a killed folder export left (`_tree`s, None for no folder): an outcome, and
    a problem ("" if none). Absent, the earlier export or the complete one are fine."""
    if now is None:
        return "absent", ""
    if now == earlier:
        return "old", ""
    if now == complete:
        return "new", ""
    whole = sum(now.get(name) == digest for name, digest in complete.items())
    return "torn", (
        f"is neither the earlier export nor the complete one: {len(now)} files, "
        f"{whole} of the complete export's {len(complete)} whole"
    )


def _tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its digest. The export's own list of what it wrote
    (with mtimes, so different on every run) is compared by its file names only."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            if name == ".annotator-export":
                listed = path.read_text("utf-8").splitlines()
                found[name] = "\n".join(sorted(line.rsplit("\t", 1)[-1] for line in listed))
            else:
                found[name] = _digest(path)
    return found


class Trials:
    """Prepared workloads in `folder`, and one method per kind of trial."""

    def __init__(self, folder: Path, *, documents: int = 300, seed: int = 7):
        from benchmarks import workloads

        self.folder = folder
        self.rng = random.Random(seed)
        folder.mkdir(parents=True, exist_ok=True)
        items = workloads.corpus(documents, 3000, documents * 15, seed=seed)
        self.corpus = workloads.write_jsonl(items, folder / "corpus.jsonl")
        self.base = workloads.build_project(folder / "base.annotator", items[:5])
        self.other = workloads.build_project(folder / "other.annotator", items)
        self._durations: dict[str, float] = {}
        self._export_bytes: dict[str, bytes] = {}
        self._brat_complete: dict[str, str] = {}
        self._brat_earlier: dict[str, str] = {}

    def _fresh(self, name: str, source: Path | None = None) -> Path:
        path = self.folder / name
        for stale in path.parent.glob(path.name + "*"):
            if stale.is_dir():
                shutil.rmtree(stale)
            else:
                stale.unlink()
        shutil.copyfile(source or self.base, path)
        return path

    def _delay(self, kind: str, args: list[str]) -> float:
        if kind not in self._durations:  # one full run, uninterrupted, to aim the kills
            self._durations[kind] = _timed(args)
        return self._aim(self._durations[kind])

    def _aim(self, duration: float) -> float:
        # The interpreter's start-up is the first ~0.1 s of every run: aim past most of it.
        return self.rng.uniform(min(0.1, duration / 3), duration * 1.05)

    def run(self, kind: str, trial: int) -> TrialResult:
        return getattr(self, f"_{kind}")(trial)

    def _annotate(self, trial: int) -> TrialResult:
        project = self._fresh("annotate.annotator")
        delay = self.rng.uniform(0.05, 1.2)
        seed = 1000 + trial
        lines, _status = kill_after(
            _child("annotate", str(project), str(seed)), delay, after_ready=True
        )
        acked = max([int(line.split()[1]) for line in lines if line.startswith("ack ")], default=0)
        result = TrialResult("annotate", trial, delay, f"{acked} acks")
        _integrity(project, result.problems)
        conn = _connect(project)
        lengths = _planned_documents(conn)
        stored = stored_state(conn)
        conn.close()
        _ops, states = plan(seed, acked + 1, lengths)
        if stored not in (states[acked], states[acked + 1]):
            result.problems.append(
                f"stored state is neither after ack {acked} nor after the command in flight "
                f"({len(stored[0])} spans stored, {len(states[acked][0])} acknowledged)"
            )
        return result

    def _import(self, trial: int) -> TrialResult:
        project = self._fresh("import.annotator")
        before = _counts(project)
        args = _cli("import", str(project), str(self.corpus))
        delay = self._delay("import", args)
        project = self._fresh("import.annotator")
        kill_after(args, delay)
        after = _counts(project)
        complete = _counts(self.other)
        outcome = "old" if after == before else "new" if after == complete else f"partial {after}"
        result = TrialResult("import", trial, delay, outcome)
        if outcome.startswith("partial"):
            result.problems.append(f"import half-done: {before} → {after}, complete {complete}")
        _integrity(project, result.problems)
        _backups_sound(project, result.problems)
        return result

    def _merge(self, trial: int) -> TrialResult:
        project = self._fresh("merge.annotator")
        before = _counts(project)
        args = _cli("merge", str(project), str(self.other))
        delay = self._delay("merge", args)
        project = self._fresh("merge.annotator")
        other_digest = _digest(self.other)
        kill_after(args, delay)
        after = _counts(project)
        complete = _counts(self.other)
        outcome = "old" if after == before else "new" if after == complete else f"partial {after}"
        result = TrialResult("merge", trial, delay, outcome)
        if outcome.startswith("partial"):
            result.problems.append(f"merge half-done: {before} → {after}, complete {complete}")
        if _digest(self.other) != other_digest:
            result.problems.append("the merged-from project was changed")
        _integrity(project, result.problems)
        _backups_sound(project, result.problems)
        return result

    def _export(self, trial: int) -> TrialResult:
        # Each single-file format in turn; each is compared with its own complete export.
        format = EXPORT_FORMATS[trial % len(EXPORT_FORMATS)]
        out = self.folder / "export" / f"out.{format}"
        out.parent.mkdir(exist_ok=True)
        args = _cli("export", str(self.other), "--format", format, "-o", str(out))
        if format not in self._export_bytes:
            out.unlink(missing_ok=True)
            self._durations[f"export {format}"] = _timed(args)
            self._export_bytes[format] = out.read_bytes()
        earlier = f"an earlier export, trial {trial}\n".encode()
        out.write_bytes(earlier)
        delay = self._aim(self._durations[f"export {format}"])
        kill_after(args, delay)
        now = out.read_bytes() if out.exists() else b""
        complete = self._export_bytes[format]
        outcome = "old" if now == earlier else "new" if now == complete else "torn"
        result = TrialResult("export", trial, delay, outcome)
        if outcome == "torn":
            result.problems.append(
                f"{out.name} is neither the earlier export nor the complete one "
                f"({len(now)} of {len(complete)} bytes)"
            )
        return result

    def _brat(self, trial: int) -> TrialResult:
        # Only what a reader finds under the final name is judged, not how it was written.
        out = self.folder / "brat-export" / "out"
        earlier = self.folder / "brat-earlier"
        args = _cli("export", str(self.other), "--format", "brat", "-o", str(out))
        if "brat" not in self._durations:
            for folder in (out, earlier):
                shutil.rmtree(folder, ignore_errors=True)
            out.parent.mkdir(parents=True, exist_ok=True)
            self._durations["brat"] = _timed(args)
            self._brat_complete = _tree(out)
            shutil.rmtree(out)
            _timed(_cli("export", str(self.base), "--format", "brat", "-o", str(earlier)))
            self._brat_earlier = _tree(earlier)
        shutil.rmtree(out, ignore_errors=True)
        # An earlier export, as it was written (mtimes kept: a later export may replace it).
        shutil.copytree(earlier, out, copy_function=shutil.copy2)
        duration = self._durations["brat"]
        # Every other kill in the last fifth, where the folder is finished and put in place.
        delay = self._aim(duration) if trial % 2 else self.rng.uniform(0.8, 1.02) * duration
        kill_after(args, delay)
        now = _tree(out) if out.exists() else None
        outcome, problem = judge_folder(now, self._brat_earlier, self._brat_complete)
        result = TrialResult("brat", trial, delay, outcome)
        if problem:
            result.problems.append(f"{out.name}/ {problem}")
        return result

    def _migrate(self, trial: int) -> TrialResult:
        from annotator.store import backups, schema_version

        project = self._fresh("migrate.annotator", OLD_PROJECT)
        expected = json.loads(OLD_PROJECT.with_suffix(".expected.json").read_text("utf-8"))
        pause = "0.15"
        args = _child("migrate", str(project), pause)
        if "migrate" not in self._durations:
            self._durations["migrate"] = _timed(args)
            project = self._fresh("migrate.annotator", OLD_PROJECT)
        delay = self._aim(self._durations["migrate"])
        kill_after(args, delay)
        result = TrialResult("migrate", trial, delay, "")
        _integrity(project, result.problems)
        conn = _connect(project)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        steps = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        conn.close()
        newest = schema_version.SCHEMA_VERSION
        result.outcome = "old" if version == 1 else "new" if version == newest else f"v{version}"
        if (version, steps) not in ((1, 1), (newest, newest)):
            result.problems.append(f"half-migrated: user_version {version}, {steps} steps applied")
        if spans != len(expected["spans"]):
            result.problems.append(f"{spans} spans, expected {len(expected['spans'])}")
        found = backups.list_backups(project)
        if version == newest and not found:
            result.problems.append("upgraded without a backup")
        for backup in found:
            summary = backups.summarize(backup.path)
            if summary.spans != len(expected["spans"]):
                result.problems.append(f"backup {backup.path.name} holds {summary.spans} spans")
        _backups_sound(project, result.problems)
        # Whatever state the kill left, the next open finishes the upgrade.
        from annotator.store.project_store import ProjectStore

        with ProjectStore.open(project) as store:
            if len(store.annotations.spans()) != len(expected["spans"]):
                result.problems.append("annotations lost after reopening")
        return result

    def _writers(self, trial: int) -> TrialResult:
        project = self._fresh("writers.annotator")
        seeds = (5000 + 2 * trial, 5001 + 2 * trial)
        count = 300
        started = time.monotonic()
        children = [
            _spawn(_child("annotate", str(project), str(seed), str(count), f"w{seed}"))
            for seed in seeds
        ]
        importer = _spawn(_cli("import", str(project), str(self.corpus)))
        result = TrialResult("writers", trial, 0.0, "")
        for proc in (*children, importer):
            out, err = proc.communicate(timeout=120)
            if proc.returncode != 0:
                result.problems.append(
                    f"a writer failed ({proc.returncode}): {out[-300:]} {err[-500:]}"
                )
        result.delay_s = time.monotonic() - started
        result.outcome = "all saved"
        _integrity(project, result.problems)
        conn = _connect(project)
        lengths = _planned_documents(conn)
        for seed in seeds:
            _ops, states = plan(seed, count, lengths)
            if stored_state(conn, f"w{seed}") != states[-1]:
                result.problems.append(
                    f"session w{seed}: stored state differs from its {count} commands"
                )
        conn.close()
        if _counts(project)[:1] != _counts(self.other)[:1]:
            result.problems.append("the import is incomplete")
        return result


def main(argv: list[str]) -> int:
    """Child entry point: `python -m benchmarks.faults.kill_trials KIND ARGS...`."""
    CHILDREN[argv[0]](*argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
