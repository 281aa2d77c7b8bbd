"""Done when (#12): two app instances (annotators) and a reviewer, each with its own project
file, work against one local PostgreSQL: annotate offline, sync in the background, the
reviewer sees both and adjudicates, blind mode holds at the database level, a deletion
propagates, and a killed sync converges."""

from __future__ import annotations

import psycopg

from annotator.core.model import Span
from annotator.gui.commands import AddSpanCommand, DeleteSpansCommand
from annotator.gui.project.hub_sync import HubSync
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

    def annotate(self, span_id: str, start: int, end: int) -> None:
        store = self.session.store
        document = store.documents.by_sha256(_sha(0))
        span = Span(span_id, document, start, end, "Claim", self.session.annotator)
        self.session.undo_stack.push(AddSpanCommand(self.session, span))

    def spans(self, *annotators: str) -> set[str]:
        return {s.id for s in self.session.store.annotations.spans(annotators=list(annotators))}

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

    # Blind mode at the database level: alice's own connection cannot read bob's rows,
    # and her copy holds none of them.
    with psycopg.connect(hub.url("alice")) as conn:
        assert conn.execute(
            "SELECT count(*) FROM hub.rows WHERE kind = 'span' AND annotator <> 'alice'"
        ).fetchone() == (0,)
    assert alice.spans("bob") == set()

    # The reviewer sees both and adjudicates; the gold span reaches the hub.
    rita.run_sync()
    assert rita.spans("alice", "bob") == {"a1", "a2", "b1"}
    # Agreement runs on the whole team's work, pulled into the reviewer's copy.
    report = project_agreement(rita.session.store, None)
    assert {"alice", "bob"} <= set(report["annotators"])
    gold = accept_span(rita.session.store, "a1")
    rita.run_sync()
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute(
            "SELECT annotator, body <> '' FROM hub.rows WHERE key = %s", [gold.id]
        ).fetchone() == ("gold", True)
    alice.run_sync()
    assert alice.spans("gold") == set()  # still blind: gold is an answer key

    # A deletion propagates.
    alice.session.undo_stack.push(
        DeleteSpansCommand(alice.session, [alice.session.store.annotations.span("a2")])
    )
    alice.run_sync()
    rita.run_sync()
    assert rita.spans("alice") == {"a1"}

    # A sync killed between the hub's commit and the local one converges on the next.
    child = run_child(hub.url("bob"), paths["bob"], "k", "bob", "--die-after-hub-commit")
    output, _ = child.communicate(timeout=120)
    assert child.returncode == -9
    bob.run_sync()
    assert bob.sync.status_text() == "Team hub: synced just now"
    rita.run_sync()
    assert rita.spans("bob") == {"b1"} | saved_ids(output)
    for app in apps.values():
        assert app.session.store.integrity_ok()
        app.close()
