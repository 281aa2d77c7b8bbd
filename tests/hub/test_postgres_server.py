"""The test server's own cleanup: a server left by a SIGKILLed run is stopped at the next
start, and one of a run still going is left alone."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.support import postgres_server
from tests.support.postgres_server import REPO, STATE

_ORPHAN = """
import os, signal
from tests.support import postgres_server
server, stop = postgres_server.start()
print(server.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no teardown, no atexit: the server is left running
"""


def _running(pid: int) -> bool:
    try:
        state = (postgres_server.Path(f"/proc/{pid}/stat")).read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_server_left_by_a_killed_run_is_stopped_and_ours_is_not(postgres):
    child = subprocess.run(
        [sys.executable, "-c", _ORPHAN], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    orphan = int(child.stdout.split()[0])
    assert child.returncode == -9 and _running(orphan)
    postgres_server.stop_stale()
    for _ in range(300):  # until the immediate shutdown has ended the process
        if not _running(orphan):
            break
        time.sleep(0.1)
    assert not _running(orphan)
    assert _running(postgres.pid)  # this session's server, whose run is alive, stays
    records = [json.loads(p.read_text()) for p in STATE.glob("run-*/owner.json")]
    pids = [r["pid"] for r in records]
    assert postgres.pid in pids and orphan not in pids
    with postgres.admin() as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
