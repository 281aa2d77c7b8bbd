"""Passwords come from PGPASSWORD or a password file (libpq's), never from the address; a
wrong or missing one is one clear error that names no password."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from annotator.hub import admin
from annotator.hub.errors import HubError
from annotator.hub.sync import sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import new_copy

SECRET = "correct horse 7"


@pytest.fixture
def password_person(hub, postgres):
    """`carol`, an annotator whom the server asks for a password (scram-sha-256)."""
    admin.grant(hub.owner, "carol", "annotator")
    with postgres.admin() as conn:
        conn.execute(psycopg.sql.SQL("ALTER ROLE carol PASSWORD {}").format(SECRET))
        (hba,) = conn.execute("SHOW hba_file").fetchone()
        rules = Path(hba).read_text()
        if "carol" not in rules:
            Path(hba).write_text("local all carol scram-sha-256\n" + rules)
        conn.execute("SELECT pg_reload_conf()")
    return hub.url("carol")


def test_the_password_comes_from_a_password_file(password_person, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:carol:{SECRET}\n")  # (a ':' would need a backslash)
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with ProjectStore.open(new_copy(tmp_path, "carol")) as store:
        assert sync(store, password_person).user == "carol"
        assert SECRET not in store.settings.get("hub_url")


def test_a_wrong_or_missing_password_is_one_clear_error(password_person, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    path = new_copy(tmp_path, "carol")
    for password in (None, "wrong horse"):
        if password is None:
            monkeypatch.delenv("PGPASSWORD", raising=False)
        else:
            monkeypatch.setenv("PGPASSWORD", password)
        with ProjectStore.open(path) as store, pytest.raises(HubError) as caught:
            sync(store, password_person)
        message = str(caught.value)
        assert message.startswith("cannot reach the hub at postgresql://carol@")
        assert "password" in message and "wrong horse" not in message
        assert "\n" not in message
    with ProjectStore.open(path) as store:
        assert store.settings.get("hub_url") == ""
    monkeypatch.setenv("PGPASSWORD", SECRET)
    with ProjectStore.open(path) as store:
        assert sync(store, password_person).user == "carol"
