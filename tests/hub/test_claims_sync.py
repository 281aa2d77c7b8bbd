"""The claims layer through the hub, as `merge` carries it: claims linked across articles,
claim relations, said-by links, silent marks and derivations, with owners, revisions,
tombstones, blind mode and the reviewer's gold layer."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.hub.sync import pending_changes, sync
from annotator.services.claim_adjudication import accept_relation
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import new_copy
from tests.hub.test_sync import _local


def _claims_layer(store: ProjectStore, annotator: str) -> dict[str, object]:
    """Everything of `annotator`'s claims layer, in terms both copies share (ids, SHA-256)."""
    sha = {d: store.documents.get(d).sha256 for d in store.documents.ids()}
    claims = store.claims
    return {
        "claims": sorted((c.id, c.wording, c.origin) for c in claims.claims([annotator])),
        "links": sorted(
            (sha[doc], link.span_id, link.claim_id, link.value)
            for doc, link in claims.links([annotator])
        ),
        "relations": sorted(
            (r.id, r.kind.value, r.claim_a, r.claim_b, r.note, r.origin)
            for r in claims.relations([annotator])
        ),
        "said_by": sorted(
            (r.id, r.span, r.source_span, sha[r.document_id])
            for r in claims.span_relations(annotators=[annotator])
        ),
        "silences": sorted((sha[m.document_id], m.claim_id) for m in claims.silences([annotator])),
        "derivations": sorted(
            (sha[d.document_id], sha[d.source_document_id], d.note)
            for d in claims.derivations([annotator])
        ),
    }


def _mark_claims(store: ProjectStore, who: str) -> None:
    """`who` marks one claim in both articles (a cross-article link), a second claim that
    contradicts it, a said-by link, a silent mark and a derivation."""
    first, second = _local(store, 0), _local(store, 1)
    add = store.annotations.add_span
    add(Span(f"{who}-c0", first, 0, 19, "Claim", who))
    add(Span(f"{who}-s0", first, 20, 38, "Source", who))
    add(Span(f"{who}-c1", second, 0, 21, "Claim", who))
    store.claims.create("The ban is dangerous", who, claim_id=f"{who}-k1")
    store.claims.link(f"{who}-c0", f"{who}-k1", "160")
    store.claims.link(f"{who}-c1", f"{who}-k1")
    store.claims.create("The ban is safe", who, claim_id=f"{who}-k2")
    store.claims.add_relation(
        ClaimRelationKind.CONTRADICTS, f"{who}-k1", f"{who}-k2", "numbers differ",
        relation_id=f"{who}-r1",
    )  # fmt: skip
    store.claims.add_said_by(f"{who}-c0", f"{who}-s0", relation_id=f"{who}-sb")
    store.claims.set_silent(second, f"{who}-k2", True)
    store.claims.set_derived_from(second, first, who, True, "rewrite")


@pytest.fixture
def copies(hub, tmp_path):
    paths = {name: new_copy(tmp_path, name) for name in ("alice", "bob", "rita")}
    for name, path in paths.items():
        with ProjectStore.open(path) as store:
            sync(store, hub.url(name))
    return paths


def test_claims_links_relations_and_marks_reach_the_reviewer_unchanged(copies):
    with ProjectStore.open(copies["alice"]) as store:
        _mark_claims(store, "alice")
        mine = _claims_layer(store, "alice")
        report = sync(store)
        assert pending_changes(store) == 0 and not report.held
        assert "2 claims, 2 claim links, 1 claim relation, 1 said-by link" in report.summary()
        assert sync(store).pushed == 0  # twice changes nothing
    with ProjectStore.open(copies["bob"]) as store:
        _mark_claims(store, "bob")
        sync(store)
        # Blind mode: bob's copy holds none of alice's claims layer.
        assert _claims_layer(store, "alice") == _claims_layer(store, "nobody")
    with ProjectStore.open(copies["rita"]) as store:
        report = sync(store)
        assert _claims_layer(store, "alice") == mine
        assert _claims_layer(store, "bob")["claims"]
        # Merge's words: what was pulled, by kind.
        assert "pulled 6 spans, 4 claims, 4 claim links, 2 claim relations" in report.summary()
        assert sync(store).pulled == 0


def test_a_span_edit_keeps_its_claim_link_on_the_other_copies(copies):
    with ProjectStore.open(copies["alice"]) as store:
        _mark_claims(store, "alice")
        sync(store)
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
    with ProjectStore.open(copies["alice"]) as store:
        store.annotations.update_span("alice-c0", note="checked")
        assert sync(store).pushed == 1  # the span only; its link did not change
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
        assert store.annotations.span("alice-c0").note == "checked"
        assert {s.id for s in store.claims.mentions("alice-k1")} == {"alice-c0", "alice-c1"}


def test_a_deleted_claim_propagates_and_an_old_copy_does_not_resurrect_it(copies, hub, tmp_path):
    with ProjectStore.open(copies["alice"]) as store:
        _mark_claims(store, "alice")
        sync(store)
        store.save_copy(tmp_path / "alice-old.annotator")
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
    with ProjectStore.open(copies["alice"]) as store:
        store.claims.delete(["alice-k2"])  # its relation and silent mark go with it
        report = sync(store)
        assert report.deleted == 3
        after = _claims_layer(store, "alice")
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
        assert _claims_layer(store, "alice") == after
        assert [c.id for c in store.claims.claims(["alice"])] == ["alice-k1"]
    with ProjectStore.open(tmp_path / "alice-old.annotator") as store:
        assert sync(store).pushed == 0
        assert _claims_layer(store, "alice") == after
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute(
            "SELECT body FROM hub.rows WHERE kind = 'claim' AND key = 'alice-k2'"
        ).fetchone() == ("",)


def test_the_reviewer_accepts_a_relation_into_gold_and_it_reaches_other_reviewers(
    copies, hub, tmp_path
):
    with ProjectStore.open(copies["alice"]) as store:
        _mark_claims(store, "alice")
        sync(store)
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
        accepted = accept_relation(store, "alice-r1")
        report = sync(store)
        assert report.pushed_kinds["claim_relation"] == 1 and report.pushed_kinds["claim"] == 2
        gold = _claims_layer(store, "gold")
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute(
            "SELECT annotator, body <> '' FROM hub.rows WHERE key = %s", [accepted.relation.id]
        ).fetchone() == ("gold", True)
    second = new_copy(tmp_path, "rita-laptop")
    with ProjectStore.open(second) as store:
        sync(store, hub.url("rita"))
        assert _claims_layer(store, "gold") == gold
        (relation,) = store.claims.relations(["gold"])
        assert relation.origin == "accepted from alice"
    with ProjectStore.open(copies["alice"]) as store:
        sync(store)
        assert store.claims.claims(["gold"]) == []  # blind: gold is an answer key


def test_a_link_waits_while_its_span_cannot_be_pushed(copies):
    from annotator.core.model import SchemeItem, SchemeKind

    with ProjectStore.open(copies["alice"]) as store:
        store.scheme.add(SchemeItem(SchemeKind.LABEL, "Mine", "#654321"))
        store.annotations.add_span(Span("m1", _local(store), 0, 4, "Mine", "alice"))
        store.claims.create("Held", "alice", claim_id="k-held")
        store.claims.link("m1", "k-held")
        report = sync(store)
        assert report.pushed_kinds == {"claim": 1}
        assert any("label 'Mine'" in line for line in report.held)
        assert any("claim links, relations or marks (1)" in line for line in report.held)
    with ProjectStore.open(copies["rita"]) as store:
        sync(store)
        assert [c.id for c in store.claims.claims(["alice"])] == ["k-held"]
        assert store.claims.links(["alice"]) == []
