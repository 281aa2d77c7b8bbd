"""The hub's PostgreSQL schema, as ordered migrations (the local store's rule: never edit a
released step, add one), and its row-level security.

Everything lives in the schema `hub`. Every person is a PostgreSQL login role listed in
`hub.people` with an app role; the policies below, not the app, decide what each may read
and write. Nobody but the owner may DELETE: a deletion is a tombstone (an empty body).
"""

from __future__ import annotations

import psycopg

from annotator.hub.errors import HubError

# Who may see a row of hub.rows: its annotator; everyone for done flags (progress is
# not an annotation); reviewers and leads; everyone once the lead turns blind mode off.
_READ = (
    "annotator = current_user OR kind = 'status' OR hub.role_of(current_user) IN ('reviewer', 'lead')"
    " OR NOT hub.blind()"
)
# Who may write one: its annotator; reviewers and leads for the gold (adjudicated) layer.
_WRITE = "annotator = current_user OR (annotator = 'gold' AND hub.role_of(current_user) IN ('reviewer', 'lead'))"

_INITIAL = f"""
CREATE TABLE hub.people (
    name text PRIMARY KEY CHECK (name <> 'gold'),
    role text NOT NULL CHECK (role IN ('annotator', 'reviewer', 'lead'))
);
CREATE TABLE hub.settings (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO hub.settings VALUES ('blind', 'on'), ('view_epoch', '1');
CREATE SEQUENCE hub.revision;
CREATE TABLE hub.shared (
    kind text NOT NULL CHECK (kind IN ('document', 'scheme', 'setting')),
    key text NOT NULL,
    body text NOT NULL,
    rev bigint NOT NULL,
    client text NOT NULL,
    updated_by text NOT NULL DEFAULT current_user,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);
CREATE INDEX shared_by_rev ON hub.shared (rev);
CREATE TABLE hub.rows (
    kind text NOT NULL CHECK (kind IN ('span', 'stance', 'status')),
    key text NOT NULL,
    annotator text NOT NULL,
    document text NOT NULL,
    body text NOT NULL,
    rev bigint NOT NULL,
    client text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);
CREATE INDEX rows_by_rev ON hub.rows (rev);
CREATE INDEX rows_by_annotator ON hub.rows (annotator, kind);

-- SECURITY DEFINER so the policies can consult tables the caller may not change; a fixed
-- search_path so nobody can slip a function of the same name in front.
-- Inside a SECURITY DEFINER function current_user is its owner: the caller is an argument.
CREATE FUNCTION hub.role_of(person text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT role FROM hub.people WHERE name = person $$;
CREATE FUNCTION hub.blind() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce((SELECT value <> 'off' FROM hub.settings WHERE key = 'blind'), true) $$;
REVOKE ALL ON FUNCTION hub.role_of(text), hub.blind() FROM PUBLIC;

ALTER TABLE hub.rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY rows_read ON hub.rows FOR SELECT USING ({_READ});
CREATE POLICY rows_insert ON hub.rows FOR INSERT WITH CHECK ({_WRITE});
CREATE POLICY rows_update ON hub.rows FOR UPDATE USING ({_WRITE}) WITH CHECK ({_WRITE});

ALTER TABLE hub.shared ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_read ON hub.shared FOR SELECT USING (true);
CREATE POLICY shared_insert ON hub.shared FOR INSERT WITH CHECK (hub.role_of(current_user) = 'lead');
CREATE POLICY shared_update ON hub.shared FOR UPDATE
    USING (hub.role_of(current_user) = 'lead') WITH CHECK (hub.role_of(current_user) = 'lead');

ALTER TABLE hub.settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_read ON hub.settings FOR SELECT USING (true);
CREATE POLICY settings_update ON hub.settings FOR UPDATE
    USING (hub.role_of(current_user) = 'lead') WITH CHECK (hub.role_of(current_user) = 'lead');
"""

# Step 2 (#12): the claims layer travels like spans, in hub.rows under the same policies
# (owner per row, blind mode, gold for reviewers, no DELETE): claims, their links to spans,
# claim relations, said-by links, silent marks and derivations. Only the kinds widen.
_CLAIMS = """
ALTER TABLE hub.rows DROP CONSTRAINT rows_kind_check;
ALTER TABLE hub.rows ADD CONSTRAINT rows_kind_check CHECK (kind IN ('span', 'stance', 'status',
    'claim', 'mention', 'claim_relation', 'span_relation', 'silence', 'derivation'));
"""

MIGRATIONS: list[tuple[str, str]] = [("0001_initial", _INITIAL), ("0002_claims", _CLAIMS)]
HUB_SCHEMA_VERSION = len(MIGRATIONS)


def create(conn: psycopg.Connection) -> None:
    """Make the hub schema in this (empty) database, inside the caller's transaction."""
    exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'hub'").fetchone()
    if exists:
        raise HubError("this database already holds a hub (schema 'hub'); use it or drop it")
    conn.execute("CREATE SCHEMA hub")
    conn.execute(
        "CREATE TABLE hub.migrations (name text PRIMARY KEY, applied_at timestamptz"
        " NOT NULL DEFAULT now())"
    )
    migrate(conn)


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the steps this hub lacks (caller's transaction: all or none); their names."""
    applied = _applied(conn)
    _refuse_newer(applied)
    steps = MIGRATIONS[len(applied) :]
    for name, script in steps:
        conn.execute(script)  # our own constant text, no parameters
        conn.execute("INSERT INTO hub.migrations (name) VALUES (%s)", [name])
    return [name for name, _ in steps]


def check(conn: psycopg.Connection) -> None:
    """HubError unless this database is a hub of exactly this version's schema."""
    applied = _applied(conn)
    _refuse_newer(applied)
    if len(applied) < len(MIGRATIONS):
        raise HubError(
            f"the hub's schema is older than this Annotator's ({len(applied)} of "
            f"{len(MIGRATIONS)} steps): its owner runs `annotator hub upgrade URL`"
        )


def _refuse_newer(applied: list[str]) -> None:
    known = [name for name, _ in MIGRATIONS]
    if applied[: len(known)] != known[: len(applied)] or len(applied) > len(known):
        raise HubError(
            "the hub was made by a newer version of Annotator; update Annotator to sync with it"
        )


def _applied(conn: psycopg.Connection) -> list[str]:
    found = conn.execute("SELECT to_regclass('hub.migrations') IS NOT NULL").fetchone()
    if not found or not found[0]:
        raise HubError("this database is not a hub: create one with `annotator hub init`")
    return [r[0] for r in conn.execute("SELECT name FROM hub.migrations ORDER BY name")]
