"""Sync: push and pull with revisions and tombstones, idempotent, deletions propagate."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.default_scheme import DEFAULT_TARGET as TARGET
from annotator.core.model import SchemeItem, SchemeKind, Span
from annotator.hub import admin
from annotator.hub.errors import HubError
from annotator.hub.sync import pending_changes, sync
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import TEXTS, new_copy


def _spans(path, annotator=None):
    with ProjectStore.open(path) as store:
        spans = store.annotations.spans(annotators=[annotator] if annotator else None)
        return {(s.id, s.annotator, s.start, s.end, s.label, s.note) for s in spans}


def _sha(index: int) -> str:
    from annotator.core.model import text_sha256

    return text_sha256(TEXTS[index])


def _local(store: ProjectStore, index: int = 0) -> str:
    """The local id of the hub's document `index` (ids differ between copies)."""
    found = store.documents.by_sha256(_sha(index))
    assert found is not None
    return found


def test_an_empty_project_becomes_a_working_copy(hub, tmp_path):
    path = new_copy(tmp_path, "alice")
    with ProjectStore.open(path) as store:
        report = sync(store, hub.url("alice"))
        assert store.documents.count() == 2
        assert {d.title for d in store.documents.summaries()} == {"Article 0", "Article 1"}
        assert "Claim" in [item.name for item in store.scheme.get().labels]
        assert store.settings.get("hub_url") == hub.url("alice")
    assert report.user == "alice" and report.role == "annotator"


def test_changes_reach_the_reviewer_and_syncing_twice_changes_nothing(hub, tmp_path):
    alice, bob, rita = (new_copy(tmp_path, n) for n in ("alice", "bob", "rita"))
    for path, person in ((alice, "alice"), (bob, "bob"), (rita, "rita")):
        with ProjectStore.open(path) as store:
            sync(store, hub.url(person))
    with ProjectStore.open(alice) as store:
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice", note="n"))
        store.annotations.set_document_stance(_local(store), "alice", TARGET, "against")
        store.documents.set_done(_local(store), "alice", True)
        assert pending_changes(store) == 3
        report = sync(store)
        assert report.pushed == 3 and pending_changes(store) == 0
        again = sync(store)
        assert again.pushed == again.pulled == 0
    with ProjectStore.open(bob) as store:
        store.annotations.add_span(Span("b1", _local(store, 1), 4, 7, "Claim", "bob"))
        sync(store)
        # Blind mode: bob sees alice's done flag (progress) but none of her annotations.
        assert store.annotations.spans(annotators=["alice"]) == []
        assert store.documents.done_flags() == [(_local(store), "alice")]
    with ProjectStore.open(rita) as store:
        sync(store)
        assert {s.id for s in store.annotations.spans()} == {"a1", "b1"}
        stances = store.annotations.document_stances(_local(store))
        assert [(s.annotator, s.stance) for s in stances] == [("alice", "against")]
        assert sync(store).pulled == 0


def test_a_deletion_propagates_and_an_old_copy_does_not_resurrect_it(hub, tmp_path):
    alice, rita = new_copy(tmp_path, "alice"), new_copy(tmp_path, "rita")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice"))
        store.annotations.add_span(Span("a2", _local(store), 5, 9, "Claim", "alice"))
        sync(store)
    old_copy = tmp_path / "alice-old.annotator"
    with ProjectStore.open(alice) as store:
        store.save_copy(old_copy)
    with ProjectStore.open(rita) as store:
        sync(store, hub.url("rita"))
        assert {s.id for s in store.annotations.spans()} == {"a1", "a2"}
    with ProjectStore.open(alice) as store:
        store.annotations.delete_span("a1")
        assert sync(store).deleted == 1
    with ProjectStore.open(rita) as store:
        sync(store)
        assert {s.id for s in store.annotations.spans()} == {"a2"}
    # The copy saved before the deletion still has a1 and marks saying it was synced.
    with ProjectStore.open(old_copy) as store:
        report = sync(store)
        assert report.pushed == 0
        assert {s.id for s in store.annotations.spans()} == {"a2"}
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute("SELECT body FROM hub.rows WHERE key = 'a1'").fetchone() == ("",)


def test_an_edit_travels_with_a_new_revision(hub, tmp_path):
    alice, rita = new_copy(tmp_path, "alice"), new_copy(tmp_path, "rita")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice"))
        sync(store)
    with ProjectStore.open(rita) as store:
        sync(store, hub.url("rita"))
    with ProjectStore.open(alice) as store:
        store.annotations.update_span("a1", note="checked", end=8)
        sync(store)
    with ProjectStore.open(rita) as store:
        sync(store)
        span = store.annotations.span("a1")
        assert (span.end, span.note) == (8, "checked")
    with psycopg.connect(hub.owner) as conn:
        revs = conn.execute("SELECT count(DISTINCT rev) FROM hub.rows").fetchone()
        assert revs == (1,)  # one row, one current revision (the newer one)


def test_a_second_copy_that_lost_the_race_keeps_the_hubs_version(hub, tmp_path):
    first = new_copy(tmp_path, "alice")
    with ProjectStore.open(first) as store:
        sync(store, hub.url("alice"))
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice"))
        sync(store)
    second = tmp_path / "alice-laptop.annotator"
    with ProjectStore.open(first) as store:
        store.save_copy(second)
    with ProjectStore.open(second) as store:
        store.settings.set("hub_client", "laptop")  # a copy is its own client
    with ProjectStore.open(first) as store:
        store.annotations.update_span("a1", note="desk")
        sync(store)
    with ProjectStore.open(second) as store:
        store.annotations.update_span("a1", note="laptop")
        report = sync(store)
        assert report.conflicts == 1
        assert store.annotations.span("a1").note == "desk"
        assert pending_changes(store) == 0


def test_the_leads_scheme_and_guidelines_reach_everyone(hub, tmp_path, lead_project):
    admin.grant(hub.owner, "lena", "lead")
    alice = new_copy(tmp_path, "alice")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
    with ProjectStore.open(lead_project) as store:
        sync(store, hub.url("lena"))
        store.scheme.add(SchemeItem(SchemeKind.LABEL, "Quote", "#123456"))
        store.settings.set("guidelines", "Mark every quote.")
        assert sync(store).pushed == 2
    with ProjectStore.open(alice) as store:
        sync(store)
        assert store.scheme.item(SchemeKind.LABEL, "Quote").color == "#123456"
        assert store.settings.get("guidelines") == "Mark every quote."


def test_an_annotators_own_label_is_reported_not_pushed(hub, tmp_path):
    alice = new_copy(tmp_path, "alice")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
        store.scheme.add(SchemeItem(SchemeKind.LABEL, "Mine", "#654321"))
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Mine", "alice"))
        store.annotations.add_span(Span("a2", _local(store), 0, 4, "Claim", "alice"))
        report = sync(store)
        assert report.pushed == 1
        assert any("label 'Mine'" in line for line in report.held)
        assert pending_changes(store) == 1
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute("SELECT key FROM hub.rows").fetchall() == [("a2",)]


def test_blind_mode_turned_on_again_removes_others_rows_from_a_copy(hub, tmp_path):
    alice, bob = new_copy(tmp_path, "alice"), new_copy(tmp_path, "bob")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
        store.annotations.add_span(Span("a1", _local(store), 0, 4, "Claim", "alice"))
        sync(store)
    admin.set_blind(hub.owner, False)
    with ProjectStore.open(bob) as store:
        sync(store, hub.url("bob"))
        assert [s.id for s in store.annotations.spans()] == ["a1"]
    admin.set_blind(hub.owner, True)
    with ProjectStore.open(bob) as store:
        assert sync(store).removed == 1
        assert store.annotations.spans() == []


def test_an_unreachable_hub_changes_nothing_here(tmp_path, postgres):
    alice = new_copy(tmp_path, "alice")
    with ProjectStore.open(alice) as store, pytest.raises(HubError, match="cannot reach"):
        sync(store, f"postgresql://alice@/nohub?host={tmp_path}")
    with ProjectStore.open(alice) as store:
        assert store.settings.get("hub_url") == ""


def test_a_password_in_the_address_is_refused(tmp_path):
    with ProjectStore.open(new_copy(tmp_path, "a")) as store, pytest.raises(HubError) as caught:
        sync(store, "postgresql://alice:secret@localhost/hub")
    assert "secret" not in str(caught.value)
    assert "postgresql://alice@localhost/hub" in str(caught.value)


def test_a_gold_span_from_the_reviewer_reaches_the_reviewers_other_tools(hub, tmp_path):
    rita, lena_like = new_copy(tmp_path, "rita"), new_copy(tmp_path, "rita2")
    with ProjectStore.open(rita) as store:
        sync(store, hub.url("rita"))
        store.annotations.add_span(Span("g1", _local(store), 0, 4, "Claim", "gold", origin="x"))
        assert sync(store).pushed == 1
    with ProjectStore.open(lena_like) as store:
        sync(store, hub.url("rita"))
        assert [(s.id, s.annotator, s.origin) for s in store.annotations.spans()] == [
            ("g1", "gold", "x")
        ]


def test_stances_and_done_flags_can_be_withdrawn(hub, tmp_path):
    alice, rita = new_copy(tmp_path, "alice"), new_copy(tmp_path, "rita")
    with ProjectStore.open(alice) as store:
        sync(store, hub.url("alice"))
        doc = _local(store)
        store.annotations.set_document_stance(doc, "alice", TARGET, "favor")
        store.documents.set_done(doc, "alice", True)
        sync(store)
    with ProjectStore.open(rita) as store:
        sync(store, hub.url("rita"))
        assert store.documents.done_flags() == [(_local(store), "alice")]
    with ProjectStore.open(alice) as store:
        doc = _local(store)
        store.annotations.set_document_stance(doc, "alice", TARGET, None)
        store.documents.set_done(doc, "alice", False)
        assert sync(store).deleted == 2
    with ProjectStore.open(rita) as store:
        sync(store)
        assert store.documents.done_flags() == []
        assert store.annotations.document_stances(_local(store)) == []
