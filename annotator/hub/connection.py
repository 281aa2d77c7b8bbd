"""Opening a connection to the hub: TLS and every other libpq setting pass through."""

from __future__ import annotations

import psycopg

from annotator.hub.address import parse, shown
from annotator.hub.errors import translated

CONNECT_TIMEOUT = 10  # seconds; a hub that does not answer is "offline", not a hang
LOCK = 0x616E6E6F  # the advisory lock every writing transaction takes ("anno")


def connect(url: str) -> psycopg.Connection:
    """A connection (not autocommit) to the hub at `url`; HubError when it cannot be had.

    The address may be a URL or key=value words; `sslmode`, `sslrootcert` and the rest go
    to libpq as given, and libpq finds the password in PGPASSWORD or ~/.pgpass.
    """
    parts = parse(url)
    timeout = parts.get("connect_timeout", str(CONNECT_TIMEOUT))
    with translated(shown(url)):
        return psycopg.connect(url, application_name="annotator", connect_timeout=timeout)


def serialize(conn: psycopg.Connection) -> None:
    """Take the hub's write lock for this transaction.

    Every transaction that writes revisions holds it, so revisions commit in the order they
    are numbered and a reader that has seen revision n has seen everything below n.
    """
    conn.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
