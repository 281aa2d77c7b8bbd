"""Passwords come from PGPASSWORD or a password file (libpq's), never from the address; a
wrong or missing one is one clear error that names no password."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest

from annotator.hub import admin
from annotator.hub.errors import HubError
from annotator.hub.sync import sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import new_copy

SECRET = "correct horse 7"
_grants = itertools.count()  # roles belong to the whole server: a fresh name per test


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


def _ask_for_password(postgres, name: str) -> None:
    """Make the server ask `name` for a password (scram-sha-256) on its socket."""
    with postgres.admin() as conn:
        (hba,) = conn.execute("SHOW hba_file").fetchone()
        rules = Path(hba).read_text()
        if f" {name} " not in rules:
            Path(hba).write_text(f"local all {name} scram-sha-256\n" + rules)
        conn.execute("SELECT pg_reload_conf()")


def test_hub_grant_sets_a_password_from_stdin_that_never_reaches_the_log(
    hub, postgres, tmp_path, monkeypatch, capsys
):
    import io

    from annotator.app.cli import main

    name = f"dana{next(_grants)}"
    secret = "staple battery 9"
    dbname = psycopg.conninfo.conninfo_to_dict(hub.owner)["dbname"]
    with postgres.admin() as conn:  # log every statement: the password must not be in it
        conn.execute(psycopg.sql.SQL("ALTER DATABASE {} SET log_statement = 'all'").format(
            psycopg.sql.Identifier(dbname)))  # fmt: skip
    log = postgres.data / "log"
    before = log.stat().st_size
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    argv = ["hub", "grant", hub.owner, name, "--role", "annotator", "--password-stdin"]
    assert main(argv) == 0
    assert capsys.readouterr().out == (
        f"{name} is now an annotator on the hub (a new PostgreSQL login role). Password set.\n"
    )
    with log.open("rb") as f:
        f.seek(before)
        logged = f.read().decode(errors="replace")
    assert "ALTER ROLE" in logged and "SCRAM-SHA-256$" in logged  # the verifier, not the text
    assert secret not in logged
    _ask_for_password(postgres, name)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    path = new_copy(tmp_path, name)
    monkeypatch.setenv("PGPASSWORD", secret)
    assert main(["sync", str(path), "--hub", hub.url(name)]) == 0
    assert f"as {name} (annotator)" in capsys.readouterr().out
    monkeypatch.setenv("PGPASSWORD", "wrong horse")
    assert main(["sync", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"annotator: error: cannot reach the hub at postgresql://{name}@")
    assert "password authentication failed" in err and err.count("\n") == 1
    assert "wrong horse" not in err and secret not in err


def test_hub_grant_asks_twice_at_a_terminal_and_never_takes_an_argument(hub, monkeypatch, capsys):
    import sys

    from annotator.app.cli import main

    answers = iter(["one", "two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    name = f"erin{next(_grants)}"
    assert main(["hub", "grant", hub.owner, name, "--role", "reviewer"]) == 1
    assert "the two passwords differ: nothing changed" in capsys.readouterr().err
    answers = iter(["same pass", "same pass"])
    assert main(["hub", "grant", hub.owner, name, "--role", "reviewer"]) == 0
    assert "Password set." in capsys.readouterr().out
    with psycopg.connect(hub.owner) as conn:
        (verifier,) = conn.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", [name]
        ).fetchone()
    assert verifier.startswith("SCRAM-SHA-256$")
    # Changing an existing person's role asks nothing and keeps the password.
    monkeypatch.setattr("getpass.getpass", lambda prompt: pytest.fail("asked again"))
    assert main(["hub", "grant", hub.owner, name, "--role", "lead"]) == 0
    assert capsys.readouterr().out == f"{name} was reviewer, now lead.\n"
    # A password given as an argument is refused, without repeating it.
    assert main(["hub", "grant", hub.owner, name, "--role", "lead", "--password", "s3cr"]) == 1
    err = capsys.readouterr().err
    assert "never goes on the command line" in err and "s3cr" not in err


def test_a_new_role_without_a_terminal_needs_stdin_or_no_password(hub, monkeypatch, capsys):
    import io

    from annotator.app.cli import main

    name = f"fay{next(_grants)}"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["hub", "grant", hub.owner, name, "--role", "annotator"]) == 1
    err = capsys.readouterr().err
    assert "--password-stdin" in err and "--no-password" in err and err.count("\n") == 1
    assert main(["hub", "grant", hub.owner, name, "--role", "annotator", "--password-stdin"]) == 1
    assert "read no password" in capsys.readouterr().err
    assert not admin.role_exists(hub.owner, name)
    assert main(["hub", "grant", hub.owner, name, "--role", "annotator", "--no-password"]) == 0
    assert "without a password" in capsys.readouterr().out
