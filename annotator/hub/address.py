"""Hub addresses: libpq connection strings, checked to carry no password, shown without one."""

from __future__ import annotations

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from annotator.hub.errors import HubError


def parse(url: str) -> dict[str, str]:
    """The address's parts; HubError for a malformed one or one holding a password.

    A password belongs in ~/.pgpass or PGPASSWORD (libpq reads both), never in a command
    line (which other users can see) or in the project file the address is kept in.
    """
    try:
        parts = {k: str(v) for k, v in conninfo_to_dict(url).items()}
    except psycopg.ProgrammingError:
        raise HubError(
            "the hub address is not a PostgreSQL URL (postgresql://user@host/db)"
        ) from None
    if parts.get("password"):
        raise HubError(
            "the hub address holds a password: put it in ~/.pgpass or PGPASSWORD instead, "
            f"and give {shown(url)}"
        )
    return parts


def shown(url: str) -> str:
    """`url` as it may be printed or logged: any password replaced by nothing."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(a malformed address)"
    parts.pop("password", None)
    user = parts.pop("user", "")
    host = str(parts.pop("host", "") or "")
    port = parts.pop("port", "")
    dbname = parts.pop("dbname", "")
    netloc = (f"{user}@" if user else "") + ("" if host.startswith("/") else host)
    netloc += f":{port}" if port else ""
    query = [f"host={host}"] if host.startswith("/") else []
    query += [f"{k}={v}" for k, v in sorted(parts.items())]
    return f"postgresql://{netloc}/{dbname}" + ("?" + "&".join(query) if query else "")


def with_user(url: str, user: str) -> str:
    """The same hub as another person (the tests and the lead's tools use this)."""
    parts = conninfo_to_dict(url)
    parts["user"] = user
    return make_conninfo("", **parts)
