"""Roles are enforced by PostgreSQL: as annotator A, plain SQL on B's rows is refused."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.model import Span
from annotator.hub import admin
from annotator.hub.errors import HubError
from annotator.hub.sync import sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import new_copy


def _annotate(path, hub, person: str, start: int = 0) -> None:
    with ProjectStore.open(path) as store:
        sync(store, hub.url(person))
        doc = store.documents.ids()[0]
        store.annotations.add_span(Span(f"{person}-1", doc, start, start + 4, "Claim", person))
        sync(store)


@pytest.fixture
def two_annotated(hub, tmp_path):
    _annotate(new_copy(tmp_path, "alice"), hub, "alice")
    _annotate(new_copy(tmp_path, "bob"), hub, "bob", start=5)
    return hub


def test_annotator_cannot_read_anothers_rows_in_blind_mode(two_annotated):
    with psycopg.connect(two_annotated.url("alice")) as conn:
        seen = conn.execute("SELECT annotator FROM hub.rows WHERE kind = 'span'").fetchall()
    assert seen == [("alice",)]


def test_annotator_cannot_change_or_forge_anothers_rows(two_annotated):
    with psycopg.connect(two_annotated.url("alice"), autocommit=True) as conn:
        changed = conn.execute("UPDATE hub.rows SET body = '' WHERE annotator = 'bob'").rowcount
        assert changed == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO hub.rows (kind, key, annotator, document, body, rev, client)"
                " VALUES ('span', 'forged', 'bob', 'x', '{}', 1, 'x')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM hub.rows")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO hub.rows (kind, key, annotator, document, body, rev, client)"
                " VALUES ('span', 'fake-gold', 'gold', 'x', '{}', 1, 'x')"
            )
        assert conn.execute("UPDATE hub.settings SET value = 'off'").rowcount == 0
        assert conn.execute("UPDATE hub.shared SET body = ''").rowcount == 0
    with psycopg.connect(two_annotated.owner) as conn:
        bodies = conn.execute("SELECT body FROM hub.rows WHERE annotator = 'bob'").fetchall()
        assert bodies and all(body for (body,) in bodies)
        assert conn.execute("SELECT value FROM hub.settings WHERE key = 'blind'").fetchone() == (
            "on",
        )


def test_reviewer_reads_everyone_and_writes_gold_only(two_annotated):
    with psycopg.connect(two_annotated.url("rita"), autocommit=True) as conn:
        seen = {r[0] for r in conn.execute("SELECT annotator FROM hub.rows WHERE kind = 'span'")}
        assert seen == {"alice", "bob"}
        assert conn.execute("UPDATE hub.rows SET body = '' WHERE annotator = 'bob'").rowcount == 0
        conn.execute(
            "INSERT INTO hub.rows (kind, key, annotator, document, body, rev, client)"
            " VALUES ('span', 'g1', 'gold', 'x', '{}', 1, 'x')"
        )


def test_blind_off_lets_annotators_read_each_other(two_annotated):
    admin.set_blind(two_annotated.owner, False)
    with psycopg.connect(two_annotated.url("alice")) as conn:
        seen = {r[0] for r in conn.execute("SELECT annotator FROM hub.rows WHERE kind = 'span'")}
    assert seen == {"alice", "bob"}


def test_only_a_lead_changes_blind_mode(hub):
    with pytest.raises(HubError, match="only a lead"):
        admin.set_blind(hub.url("alice"), False)
    admin.grant(hub.owner, "lena", "lead")
    admin.set_blind(hub.url("lena"), False)
    assert admin.status(hub.owner).blind is False


def test_status_lists_people_documents_and_progress(two_annotated):
    status = admin.status(two_annotated.owner)
    assert status.documents == 2
    by_name = {p.name: p for p in status.people}
    assert by_name["alice"].role == "annotator" and by_name["alice"].spans == 1
    assert by_name["rita"].role == "reviewer"
    assert "blind mode on" in status.summary(two_annotated.owner)


def test_someone_without_a_role_is_told_so(hub, tmp_path, postgres):
    with postgres.admin() as conn:
        conn.execute("DROP ROLE IF EXISTS stranger")
        conn.execute("CREATE ROLE stranger LOGIN")
    with ProjectStore.open(new_copy(tmp_path, "s")) as store, pytest.raises(HubError) as caught:
        sync(store, hub.url("stranger"))
    assert "stranger" in str(caught.value)


def test_annotator_cannot_read_or_change_anothers_claims_or_relations(hub, tmp_path):
    from tests.hub.test_claims_sync import _mark_claims

    for person in ("alice", "bob"):
        with ProjectStore.open(new_copy(tmp_path, person)) as store:
            sync(store, hub.url(person))
            _mark_claims(store, person)
            sync(store)
    layer = "('claim', 'mention', 'claim_relation', 'span_relation', 'silence', 'derivation')"
    with psycopg.connect(hub.url("alice"), autocommit=True) as conn:
        seen = conn.execute(f"SELECT DISTINCT annotator FROM hub.rows WHERE kind IN {layer}")
        assert seen.fetchall() == [("alice",)]
        changed = conn.execute(
            f"UPDATE hub.rows SET body = '' WHERE annotator = 'bob' AND kind IN {layer}"
        ).rowcount
        assert changed == 0
        for kind in ("claim", "claim_relation"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(
                    "INSERT INTO hub.rows (kind, key, annotator, document, body, rev, client)"
                    " VALUES (%s, 'forged', 'bob', '', '{}', 1, 'x')",
                    [kind],
                )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM hub.rows WHERE kind = 'claim'")
    with psycopg.connect(hub.owner) as conn:
        kinds = conn.execute(
            f"SELECT kind, count(*) FROM hub.rows WHERE annotator = 'bob' AND kind IN {layer}"
            " AND body <> '' GROUP BY kind ORDER BY kind"
        ).fetchall()
    assert kinds == [("claim", 2), ("claim_relation", 1), ("derivation", 1), ("mention", 2),
                     ("silence", 1), ("span_relation", 1)]  # fmt: skip
    with psycopg.connect(hub.url("rita")) as conn:  # the reviewer reads everyone's
        seen = conn.execute(f"SELECT DISTINCT annotator FROM hub.rows WHERE kind IN {layer}")
        assert sorted(seen.fetchall()) == [("alice",), ("bob",)]
