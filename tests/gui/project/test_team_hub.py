"""Done when (#12): two app instances (annotators) and a reviewer, each with its own project
file, work against one local PostgreSQL: annotate offline, mark claims and link them across
articles, sync in the background, the reviewer sees both (Progress table, agreement) and
adjudicates (a span and a claim relation into gold), blind mode holds at the database level,
a deleted span and a deleted claim propagate, and a killed sync converges."""

from __future__ import annotations

import psycopg

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span
from annotator.gui.claims.claim_commands import (
    AddClaimRelationCommand,
    CreateClaimCommand,
    DeleteClaimsCommand,
    LinkSpanCommand,
)
from annotator.gui.commands import AddSpanCommand, DeleteSpansCommand, SetDoneCommand
from annotator.gui.project.hub_sync import HubSync
from annotator.gui.review.adjudication_commands import AcceptRelationCommand
from annotator.gui.review.progress_table import ProgressTableModel
from annotator.gui.session import ProjectSession
from annotator.services.adjudication import accept_span
from annotator.services.agreement_service import project_agreement
from annotator.store.project_store import ProjectStore
from tests.hub.conftest import TEXTS, hub, lead_project, new_copy  # noqa: F401  (fixtures)
from tests.hub.test_faults import run_child, saved_ids

WAIT_MS = 120_000  # a generous ceiling on a shared machine; nothing is timed


class AppInstance:
    """What one running app holds for its analyst: a session and its background sync."""

    def __init__(self, qtbot, path, name: str, url: str):
        self.session = ProjectSession(ProjectStore.open(path), name)
        self.sync = HubSync(path, url, self.session)
        self.qtbot = qtbot

    def run_sync(self, url: str | None = None) -> None:
        with self.qtbot.waitSignal(self.sync._finished, timeout=WAIT_MS):
            if url is None:
                self.sync.sync_now()
            else:
                self.sync.join(url)

    def document(self, index: int) -> str:
        found = self.session.store.documents.by_sha256(_sha(index))
        assert found is not None
        return found

    def annotate(self, span_id: str, start: int, end: int, document: int = 0) -> None:
        span = Span(span_id, self.document(document), start, end, "Claim", self.session.annotator)
        self.session.undo_stack.push(AddSpanCommand(self.session, span))

    def do(self, command):
        """Push one undoable command, as the app's actions do; returns it."""
        self.session.undo_stack.push(command)
        return command

    def claim_across_articles(self, first: str, second: str, wording: str) -> str:
        """A claim from span `first`, with span `second` (in the other article) linked to it."""
        made = self.do(CreateClaimCommand(self.session, first, wording))
        self.do(LinkSpanCommand(self.session, second, made.claim_id))
        return made.claim_id

    def spans(self, *annotators: str) -> set[str]:
        return {s.id for s in self.session.store.annotations.spans(annotators=list(annotators))}

    def claims(self, *annotators: str) -> set[str]:
        return {c.id for c in self.session.store.claims.claims(list(annotators))}

    def linked_documents(self, claim_id: str) -> set[str]:
        return {s.document_id for s in self.session.store.claims.mentions(claim_id)}

    def close(self) -> None:
        self.sync.stop()
        self.session._poll.stop()
        self.session.store.close()


def _sha(index: int) -> str:
    from annotator.core.model import text_sha256

    return text_sha256(TEXTS[index])


def test_two_annotators_and_a_reviewer_work_through_one_hub(qtbot, hub, tmp_path):  # noqa: F811
    paths = {name: new_copy(tmp_path, name) for name in ("alice", "bob", "rita")}
    # Everyone joins; the first sync makes each empty file a working copy.
    apps = {}
    for name, path in paths.items():
        apps[name] = AppInstance(qtbot, path, name, "")
        apps[name].run_sync(hub.url(name))
        assert apps[name].sync.status_text() == "Team hub: synced just now"
    alice, bob, rita = apps["alice"], apps["bob"], apps["rita"]

    # Offline: the hub cannot be reached, annotating goes on, the changes wait.
    alice.sync._url = f"postgresql://alice@/gone?host={tmp_path}"
    alice.annotate("a1", 0, 4)
    alice.annotate("a2", 5, 9)
    alice.run_sync()
    assert alice.sync.status_text() == "Team hub: offline, 2 changes waiting"
    bob.annotate("b1", 0, 4)
    # Back online: both sync in the background.
    alice.run_sync(hub.url("alice"))
    assert alice.sync.status_text() == "Team hub: synced just now"
    bob.run_sync()

    # Both mark claims and link them across the two articles; alice relates two claims.
    alice.annotate("a3", 0, 20, document=1)
    k1 = alice.claim_across_articles("a1", "a3", "Experts warned against the ban")
    k2 = alice.do(CreateClaimCommand(alice.session, "a2", "Washington was warned")).claim_id
    relation = alice.do(
        AddClaimRelationCommand(alice.session, ClaimRelationKind.CONTRADICTS, k1, k2, "who?")
    ).relation_id
    bob.annotate("b3", 22, 37, document=1)
    kb = bob.claim_across_articles("b1", "b3", "The ban is dangerous")
    bob.do(SetDoneCommand(bob.session, bob.document(0), True))
    alice.run_sync()
    bob.run_sync()
    alice.run_sync()  # after bob's: his done flag reaches her
    assert alice.sync.status_text() == bob.sync.status_text() == "Team hub: synced just now"

    # Blind mode at the database level: alice's own connection cannot read bob's rows
    # (spans, claims, links, relations), and her copy holds none of them.
    with psycopg.connect(hub.url("alice")) as conn:
        assert conn.execute(
            "SELECT count(*) FROM hub.rows WHERE kind <> 'status' AND annotator <> 'alice'"
        ).fetchone() == (0,)
    assert alice.spans("bob") == set() and alice.claims("bob") == set()
    # Progress is shared even in blind mode: alice sees that bob finished an article.
    assert ProgressTableModel(alice.session.store).progress.summary("bob") == (1, 0)

    # The reviewer sees both, with each claim linked in both articles.
    rita.run_sync()
    # What the sync brought, in merge's words, under the status line.
    assert "pulled 5 spans, 1 done flag, 3 claims, 5 claim links, 1 claim relation" in (
        rita.sync.tooltip()
    )
    assert rita.spans("alice", "bob") == {"a1", "a2", "a3", "b1", "b3"}
    assert rita.claims("alice") == {k1, k2} and rita.claims("bob") == {kb}
    both = {rita.document(0), rita.document(1)}
    assert rita.linked_documents(k1) == rita.linked_documents(kb) == both
    # The Progress table and agreement run on the whole team's work, pulled into her copy.
    progress = ProgressTableModel(rita.session.store)
    assert progress.annotator_summary("alice") == "alice: 0 of 2 documents done, 3 spans"
    assert progress.annotator_summary("bob") == "bob: 1 of 2 documents done, 2 spans"
    report = project_agreement(rita.session.store, None)
    assert {"alice", "bob"} <= set(report["annotators"])
    assert report["claims"]  # claim agreement compares alice's and bob's groupings

    # She adjudicates: a span and alice's relation into gold; both reach the hub.
    gold = accept_span(rita.session.store, "a1")
    accepted = rita.do(
        AcceptRelationCommand(rita.session, relation, "Experts warned / Washington", "alice")
    ).accepted
    rita.run_sync()
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute(
            "SELECT annotator, body <> '' FROM hub.rows WHERE key = %s", [gold.id]
        ).fetchone() == ("gold", True)
        assert conn.execute(
            "SELECT annotator, body::json->>'origin' FROM hub.rows"
            " WHERE kind = 'claim_relation' AND key = %s",
            [accepted.relation.id],
        ).fetchone() == ("gold", "accepted from alice")
    alice.run_sync()
    assert alice.spans("gold") == alice.claims("gold") == set()  # still blind: an answer key

    # A deleted span and a deleted claim propagate; gold keeps what was accepted.
    alice.do(DeleteSpansCommand(alice.session, [alice.session.store.annotations.span("a2")]))
    alice.do(DeleteClaimsCommand(alice.session, [k2]))
    alice.run_sync()
    rita.run_sync()
    assert rita.spans("alice") == {"a1", "a3"}
    assert rita.claims("alice") == {k1}
    assert rita.session.store.claims.relations(["alice"]) == []
    assert [r.id for r in rita.session.store.claims.relations(["gold"])] == [accepted.relation.id]

    # A sync killed between the hub's commit and the local one converges on the next.
    # (The killed process marks claims too: each of its spans becomes one.)
    child = run_child(
        hub.url("bob"), paths["bob"], "k", "bob", "--die-after-hub-commit", "--claims"
    )
    output, _ = child.communicate(timeout=120)
    assert child.returncode == -9
    bob.run_sync()
    assert bob.sync.status_text() == "Team hub: synced just now"
    rita.run_sync()
    killed = saved_ids(output)
    assert killed and rita.spans("bob") == {"b1", "b3"} | killed
    assert rita.claims("bob") == {kb} | {f"claim-{span}" for span in killed}
    with psycopg.connect(hub.owner) as conn:
        on_hub = conn.execute(
            "SELECT kind, count(*) FROM hub.rows WHERE annotator = 'bob' AND body <> ''"
            " AND kind IN ('span', 'claim', 'mention') GROUP BY kind ORDER BY kind"
        ).fetchall()
    assert on_hub == [("claim", len(killed) + 1), ("mention", len(killed) + 2),
                      ("span", len(killed) + 2)]  # fmt: skip
    for app in apps.values():
        assert app.session.store.integrity_ok()
        app.close()
