"""A hub made by an older Annotator (schema step 1, before claims travelled) is upgraded
in place by its owner: its data is kept, copies then sync claims, and each version refuses
in words to sync with a hub of the other's schema."""

from __future__ import annotations

import psycopg
import pytest

from annotator.app.cli import main
from annotator.core.model import Span
from annotator.hub import admin, schema
from annotator.hub.errors import HubError
from annotator.hub.sync import sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import _numbers, new_copy
from tests.hub.test_claims_sync import _claims_layer, _mark_claims
from tests.hub.test_sync import _local

STEP_1 = schema.MIGRATIONS[:1]


@pytest.fixture
def old_hub(postgres, lead_project, monkeypatch):
    """A hub at step 1, as the previous version made it, with alice's spans on it."""
    owner = postgres.new_database(f"hub_old_{next(_numbers)}")
    with monkeypatch.context() as old_version:
        old_version.setattr(schema, "MIGRATIONS", STEP_1)
        admin.init(owner, lead_project)
        for name, role in (("alice", "annotator"), ("rita", "reviewer")):
            admin.grant(owner, name, role)
    return owner


def test_an_old_hub_is_upgraded_with_its_data_and_then_syncs_claims(
    old_hub, tmp_path, monkeypatch, capsys
):
    from annotator.hub.address import with_user

    alice, rita = new_copy(tmp_path, "alice"), new_copy(tmp_path, "rita")
    with monkeypatch.context() as old_version:  # the previous version fills the hub
        old_version.setattr(schema, "MIGRATIONS", STEP_1)
        with ProjectStore.open(alice) as store:
            sync(store, with_user(old_hub, "alice"))
            store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice"))
            assert sync(store).pushed == 1
    with psycopg.connect(old_hub) as conn:
        assert conn.execute("SELECT name FROM hub.migrations").fetchall() == [("0001_initial",)]

    # This version refuses the old hub in words, and changes nothing here.
    with ProjectStore.open(alice) as store:
        _mark_claims(store, "alice")
        with pytest.raises(HubError, match=r"older than this Annotator's .*hub upgrade URL"):
            sync(store)

    # Only the hub's owner may upgrade it: one line, non-zero exit.
    capsys.readouterr()
    assert main(["hub", "upgrade", with_user(old_hub, "alice")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: the hub at ") and err.count("\n") == 1
    assert main(["hub", "upgrade", old_hub]) == 0
    assert capsys.readouterr().out == "Upgraded the hub: 0002_claims.\n"
    assert main(["hub", "upgrade", old_hub]) == 0
    assert capsys.readouterr().out == "The hub is up to date.\n"

    # The data is kept; the claims layer now travels.
    with ProjectStore.open(alice) as store:
        report = sync(store)
        assert report.pushed_kinds["claim"] == 2 and not report.held
        mine = _claims_layer(store, "alice")
    with ProjectStore.open(rita) as store:
        sync(store, with_user(old_hub, "rita"))
        assert "a1" in {s.id for s in store.annotations.spans(annotators=["alice"])}
        assert _claims_layer(store, "alice") == mine

    # The previous version now refuses the upgraded hub in words.
    monkeypatch.setattr(schema, "MIGRATIONS", STEP_1)
    with ProjectStore.open(rita) as store, pytest.raises(HubError, match="newer version"):
        sync(store)


def test_a_new_hub_has_every_step(hub):
    with psycopg.connect(hub.owner) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM hub.migrations ORDER BY name")]
    assert names == [name for name, _ in schema.MIGRATIONS] == ["0001_initial", "0002_claims"]
