"""What a hub's owner and lead do: create it, grant people their roles, blind mode, status."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from annotator.core.model import GOLD_ANNOTATOR, new_id
from annotator.core.plural import counted
from annotator.hub import schema
from annotator.hub.address import shown
from annotator.hub.connection import connect, serialize
from annotator.hub.errors import HubError, translated
from annotator.store import hub_rows
from annotator.store.project_store import ProjectStore

ROLES = ("annotator", "reviewer", "lead")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,62}")


@dataclass(slots=True)
class InitReport:
    documents: int
    scheme_items: int
    lead: str

    def summary(self, url: str) -> str:
        return (
            f"Created the hub at {shown(url)}: {counted(self.documents, 'document')}, "
            f"{self.scheme_items} scheme entries and the guidelines; {self.lead} is its lead. "
            "Blind mode is on."
        )


def init(url: str, project: Path) -> InitReport:
    """Create the hub schema in the empty database at `url` and upload `project`'s documents,
    scheme and guidelines (the project is only read). The connecting role becomes a lead;
    it must be allowed to create schemas and roles. One transaction: all or nothing."""
    with ProjectStore.open(project, read_only=True) as store, store.snapshot():
        store.verify()
        shared = list(hub_rows.shared_rows(store.conn).values())
    with translated(shown(url)), connect(url) as conn, conn.transaction():
        serialize(conn)
        schema.create(conn)
        (me,) = _one(conn, "SELECT current_user")
        conn.execute("INSERT INTO hub.people (name, role) VALUES (%s, 'lead')", [me])
        (rev,) = _one(conn, "SELECT nextval('hub.revision')")
        client = new_id()
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO hub.shared (kind, key, body, rev, client) VALUES (%s, %s, %s, %s, %s)",
                [(row.kind, row.key, row.body, rev, client) for row in shared],
            )
    return InitReport(
        documents=sum(row.kind == "document" for row in shared),
        scheme_items=sum(row.kind == "scheme" for row in shared),
        lead=me,
    )


def grant(url: str, name: str, role: str, password: str | None = None) -> str:
    """Create the login role `name` (or keep the existing one) and give it `role` on this hub.

    The connecting role must be allowed to create roles (the hub's owner). Returns what was
    done, in words. With `password` the role's password is set (or replaced), sent as a
    SCRAM-SHA-256 verifier made here, so the cleartext never reaches the server or its log;
    without one a new role has none (the server authenticates it by certificate or peer,
    pg_hba.conf) and an existing role keeps its own.
    """
    if password is not None and not password:
        raise HubError("an empty password: give one, or use --no-password")
    if role not in ROLES:
        raise HubError(f"no hub role {role!r}: choose annotator, reviewer or lead")
    if not _NAME.fullmatch(name) or name == GOLD_ANNOTATOR or name.startswith("pg_"):
        raise HubError(
            f"{name!r} cannot be a hub name: use letters, digits, '_', '.' or '-' (not 'gold')"
        )
    with translated(shown(url)), connect(url) as conn, conn.transaction():
        serialize(conn)
        schema.check(conn)
        person = sql.Identifier(name)
        existed = _one(conn, "SELECT count(*) FROM pg_roles WHERE rolname = %s", [name])[0]
        if not existed:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(person))
        if password is not None:
            verifier = conn.pgconn.encrypt_password(
                password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256"
            )
            conn.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    person, sql.Literal(verifier.decode("ascii"))
                )
            )
        (database,) = _one(conn, "SELECT current_database()")
        for statement in (
            "GRANT CONNECT ON DATABASE {db} TO {who}",
            "GRANT USAGE ON SCHEMA hub TO {who}",
            "GRANT SELECT ON hub.people, hub.settings, hub.migrations, hub.shared, hub.rows TO {who}",
            "GRANT INSERT, UPDATE ON hub.rows, hub.shared TO {who}",
            "GRANT UPDATE ON hub.settings TO {who}",
            "GRANT USAGE, SELECT ON SEQUENCE hub.revision TO {who}",
            "GRANT EXECUTE ON FUNCTION hub.role_of(text), hub.blind() TO {who}",
        ):
            conn.execute(sql.SQL(statement).format(db=sql.Identifier(database), who=person))
        previous = _one(conn, "SELECT max(role) FROM hub.people WHERE name = %s", [name])[0]
        conn.execute(
            "INSERT INTO hub.people (name, role) VALUES (%s, %s)"
            " ON CONFLICT (name) DO UPDATE SET role = excluded.role",
            [name, role],
        )
        _next_view(conn)  # what everyone may read can change: copies pull afresh
    said = " Password set." if password is not None else ""
    if previous is None:
        made = "" if existed else " (a new PostgreSQL login role"
        if made:
            made += ")" if password is not None else ", without a password)"
        article = "an" if role[0] in "ae" else "a"
        return f"{name} is now {article} {role} on the hub{made}.{said}"
    return f"{name} was {previous}, now {role}.{said}"


def role_exists(url: str, name: str) -> bool:
    """Whether the server has a login role `name` (to ask for a new person's password)."""
    with translated(shown(url)), connect(url) as conn:
        return bool(_one(conn, "SELECT count(*) FROM pg_roles WHERE rolname = %s", [name])[0])


def upgrade(url: str) -> list[str]:
    """Bring the hub's schema up to this version's steps (its owner only: the steps alter
    its tables). One transaction; returns the names of the steps applied (none: current)."""
    with translated(shown(url)), connect(url) as conn, conn.transaction():
        serialize(conn)
        return schema.migrate(conn)


def set_blind(url: str, on: bool) -> None:
    """Turn blind mode on or off (a lead only: the server refuses anyone else)."""
    with translated(shown(url)), connect(url) as conn, conn.transaction():
        serialize(conn)
        schema.check(conn)
        changed = conn.execute(
            "UPDATE hub.settings SET value = %s WHERE key = 'blind'", ["on" if on else "off"]
        ).rowcount
        if not changed:
            (me,) = _one(conn, "SELECT current_user")
            raise HubError(f"{me} is not a lead of this hub: only a lead changes blind mode")
        _next_view(conn)


@dataclass(slots=True)
class Person:
    name: str
    role: str
    spans: int = 0
    done: int = 0


@dataclass(slots=True)
class HubStatus:
    me: str
    my_role: str
    blind: bool
    documents: int
    people: list[Person] = field(default_factory=list)

    def summary(self, url: str) -> str:
        lines = [
            f"Hub {shown(url)}: {counted(self.documents, 'document')}, blind mode "
            f"{'on' if self.blind else 'off'}; you are {self.me} ({self.my_role or 'no role'}).",
            f"{'name':<20} {'role':<10} {'annotations':>11} {'done':>6}",
        ]
        for p in self.people:
            lines.append(f"{p.name:<20} {p.role:<10} {p.spans:>11} {p.done:>6}")
        return "\n".join(lines)


def status(url: str) -> HubStatus:
    """Who is on the hub, and how far each is, as far as the caller may see."""
    with translated(shown(url)), connect(url) as conn, conn.transaction():
        schema.check(conn)
        me, role = _one(conn, "SELECT current_user, hub.role_of(current_user)")
        (blind,) = _one(conn, "SELECT hub.blind()")
        (documents,) = _one(conn, "SELECT count(*) FROM hub.shared WHERE kind = 'document'")
        people = {
            name: Person(name, person_role)
            for name, person_role in conn.execute("SELECT name, role FROM hub.people ORDER BY name")
        }
        for annotator, kind, count in conn.execute(
            "SELECT annotator, kind, count(*) FROM hub.rows WHERE body <> ''"
            " GROUP BY annotator, kind"
        ):
            person = people.setdefault(annotator, Person(annotator, "—"))
            if kind == "span":
                person.spans = int(count)
            elif kind == "status":
                person.done = int(count)
    return HubStatus(me, role or "", bool(blind), int(documents), list(people.values()))


def _next_view(conn: psycopg.Connection) -> None:
    conn.execute(
        "UPDATE hub.settings SET value = (value::bigint + 1)::text WHERE key = 'view_epoch'"
    )


def _one(conn: psycopg.Connection, query: str, params: list[object] | None = None) -> tuple:
    row = conn.execute(query, params).fetchone()  # constant text
    assert row is not None
    return tuple(row)
