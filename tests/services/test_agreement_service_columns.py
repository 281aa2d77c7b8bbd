"""Project agreement read as columns straight from SQL: byte for byte the report of the Span
implementation on the seed corpus annotated by several people (gold, claims, stances, spans
sharing a place), and its progress steps and cancel points."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.services.agreement_service import (
    AGREEMENT_STEPS,
    AgreementCancelledError,
    compared_agreement,
    project_agreement,
)
from annotator.services.demo import load_demo
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore
from tests.core import agreement_reference

NAMES = ("alice", "bob", "chen", "dana", GOLD_ANNOTATOR)
LABELS = ("Claim", "Evidence", "Source")
STANCES = ("favor", "against", "neutral", "unclear")


def annotate(store: ProjectStore, seed: int, names=NAMES) -> None:
    """Shared passages marked by everyone with jitter; now and then one annotator gives two
    labels to one passage (spans at one place, told apart by id), a claim links spans."""
    rng = random.Random(seed)
    documents = store.documents.listing()
    spans: list[Span] = []
    for document in documents:
        length = len(store.documents.get(document.id).text)
        passages = [
            (rng.randrange(0, max(1, length - 200)), rng.randint(5, 150), rng.choice(LABELS))
            for _ in range(15)
        ]
        for name in names:
            if rng.random() < 0.7:
                value = rng.choice(STANCES)
                store.annotations.set_document_stance(document.id, name, DEFAULT_TARGET, value)
            seen = set()
            for start, size, label in passages:
                if rng.random() < 0.25:
                    continue
                start = max(0, start + rng.randint(-4, 4))
                end = min(length, start + max(1, size + rng.randint(-4, 4)))
                labels = [label if rng.random() < 0.85 else rng.choice(LABELS)]
                if rng.random() < 0.1:
                    labels.append(rng.choice(LABELS))
                for chosen in labels:
                    if (start, end, chosen) in seen:
                        continue
                    seen.add((start, end, chosen))
                    stance_value = rng.choice(STANCES) if rng.random() < 0.4 else None
                    spans.append(
                        Span(
                            f"{rng.getrandbits(64):016x}", document.id, start, end, chosen, name,
                            stance_value, DEFAULT_TARGET if stance_value else None,
                        )
                    )  # fmt: skip
    with store.write() as conn:
        for span in spans:
            store.annotations.insert_span(conn, span)
    for name in names:
        own = [s for s in spans if s.annotator == name]
        for span in rng.sample(own, min(6, len(own))):
            claim_id = f"claim-{span.id}"
            store.claims.create_from_span(span.id, claim_id=claim_id)
            for other in rng.sample(own, 2):
                if other.id != span.id:
                    store.claims.link(other.id, claim_id)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[ProjectStore]:
    path = tmp_path_factory.mktemp("agreement") / "seeds.annotator"
    store = ProjectStore.create(path)
    load_demo(store)
    annotate(store, seed=3)
    store.documents.set_done(store.documents.listing()[0].id, GOLD_ANNOTATOR, True)
    yield store
    store.close()


def dumped(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False)  # key order too, as `agreement --json`


@pytest.mark.parametrize(
    "annotators",
    [None, ["alice", "bob"], ["alice", GOLD_ANNOTATOR], ["chen", "nobody", "dana"], []],
)
def test_the_seed_corpus_report_is_byte_identical(seeded: ProjectStore, annotators) -> None:
    expected = agreement_reference.project_agreement(seeded, annotators)
    found = project_agreement(seeded, annotators)
    assert dumped(found) == dumped(expected)
    if annotators is None:
        spans = seeded.annotations.spans()
        assert len({(s.document_id, s.start, s.end) for s in spans}) < len(spans)  # ties
        assert found["claims"]["linked_mentions"] > 0
        assert found["span_stance"]["units"] > 0 and found["span_stance"]["units_exact"] > 0


def test_a_name_holding_the_column_separator_is_read_row_by_row(tmp_path: Path) -> None:
    with ProjectStore.create(tmp_path / "odd.annotator") as store:
        load_demo(store)
        annotate(store, seed=5, names=("al\x1fice", "bob", "c,y"))
        assert dumped(project_agreement(store)) == dumped(
            agreement_reference.project_agreement(store)
        )


def test_progress_climbs_to_the_last_step(seeded: ProjectStore) -> None:
    seen: list[tuple[int, int]] = []
    project_agreement(seeded, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen == [(step, AGREEMENT_STEPS) for step in range(1, AGREEMENT_STEPS + 1)]


@pytest.mark.parametrize("stop_at", range(1, AGREEMENT_STEPS + 1))
def test_cancel_stops_at_the_step_it_was_asked(seeded: ProjectStore, stop_at: int) -> None:
    seen: list[int] = []

    def progress(done: int, _total: int) -> bool:
        seen.append(done)
        return done < stop_at

    with pytest.raises(AgreementCancelledError):
        project_agreement(seeded, progress=progress)
    assert seen == list(range(1, stop_at + 1))
    assert project_agreement(seeded)["annotators"]  # the project is as it was


def test_documents_without_spans_and_an_empty_project(tmp_path: Path) -> None:
    with ProjectStore.create(tmp_path / "empty.annotator") as store:
        assert dumped(project_agreement(store)) == dumped(
            agreement_reference.project_agreement(store)
        )
        load_demo(store)
        document = store.documents.listing()[0].id
        store.annotations.set_document_stance(document, "alice", DEFAULT_TARGET, "favor")
        store.annotations.set_document_stance(document, "bob", DEFAULT_TARGET, "against")
        assert dumped(project_agreement(store)) == dumped(
            agreement_reference.project_agreement(store)
        )


def test_imported_workload_gives_the_same_report(tmp_path: Path) -> None:
    # The benchmark's agreement corpus, small: five annotators over jittered passages.
    from benchmarks import workloads

    with ProjectStore.create(tmp_path / "bench.annotator") as store:
        ingest(store, workloads.agreement_corpus(40, 3000))
        assert dumped(project_agreement(store)) == dumped(
            agreement_reference.project_agreement(store)
        )


def test_a_pair_and_a_label_drill_down_give_the_span_implementation_figures(
    seeded: ProjectStore,
) -> None:
    spans = [s for s in seeded.annotations.spans() if s.annotator != GOLD_ANNOTATOR]
    stances = [s for s in seeded.annotations.document_stances() if s.annotator != GOLD_ANNOTATOR]
    pair = {"alice", "chen"}
    expected = agreement_reference.compute_agreement(
        [s for s in spans if s.annotator in pair],
        [s for s in stances if s.annotator in pair],
        sorted(pair),
    )
    assert dumped(compared_agreement(seeded, sorted(pair))) == dumped(expected)
    everyone = ["alice", "bob", "chen", "dana"]
    expected = agreement_reference.compute_agreement(
        [s for s in spans if s.label == "Evidence"], [], everyone
    )
    assert dumped(compared_agreement(seeded, everyone, label="Evidence")) == dumped(expected)
