"""Hub addresses: no password accepted, none ever shown, TLS settings kept."""

from __future__ import annotations

import pytest

from annotator.hub.address import parse, shown, with_user
from annotator.hub.errors import HubError


def test_a_password_is_refused_without_being_repeated():
    for url in (
        "postgresql://alice:s3cret@db.example.org/desk",
        "host=db.example.org dbname=desk user=alice password=s3cret",
    ):
        with pytest.raises(HubError) as caught:
            parse(url)
        assert "s3cret" not in str(caught.value) and "pgpass" in str(caught.value)


def test_shown_drops_the_password_and_keeps_tls_settings():
    url = (
        "postgresql://alice:s3cret@db.example.org:6432/desk?sslmode=verify-full&sslrootcert=/ca.pem"
    )
    assert shown(url) == (
        "postgresql://alice@db.example.org:6432/desk?sslmode=verify-full&sslrootcert=/ca.pem"
    )
    assert shown("host=/run/pg dbname=desk user=bob") == "postgresql://bob@/desk?host=/run/pg"
    assert shown("not a url ===") == "(a malformed address)"


def test_key_value_words_and_urls_both_work():
    assert parse("host=db dbname=desk user=alice sslmode=require") == {
        "host": "db", "dbname": "desk", "user": "alice", "sslmode": "require",
    }  # fmt: skip
    assert parse(with_user("postgresql://lead@db/desk?sslmode=require", "alice"))["user"] == "alice"
    with pytest.raises(HubError, match="not a PostgreSQL URL"):
        parse("not a url ===")
