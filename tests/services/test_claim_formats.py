"""Claims in the interchange formats: native JSONL round-trips a project's claims,
relations, said-by links, silent marks and derivations; merge keeps their owners."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.services.merge import merge_projects
from annotator.store.project_store import ProjectStore
from tests.services.claim_project import add_claims, claim_state


@pytest.fixture
def claimed(store: ProjectStore) -> ProjectStore:
    add_claims(store)
    return store


def test_jsonl_round_trips_every_claim_record(claimed: ProjectStore, tmp_path: Path) -> None:
    out = tmp_path / "project.jsonl"
    export_project(claimed, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    documents = [r for r in lines if "type" not in r]
    en = next(r for r in documents if r["id"] == "en")
    linked = next(s for s in en["spans"] if s["id"] == "en-1")
    assert (linked["claim"], linked["claim_text"], linked["claim_value"]) == (
        "c-160",
        "Number of experts who signed",
        "more than 160",
    )
    assert [r["type"] for r in lines if "type" in r].count("claim") == 4
    fresh = ProjectStore.create(tmp_path / "fresh.annotator")
    report = import_files(fresh, [out])
    assert report.claims_added == 4
    assert report.claim_links_added == 6
    assert report.claim_records_added == 4  # relation, said-by, silent mark, derivation
    assert claim_state(fresh) == claim_state(claimed)
    again = tmp_path / "again.jsonl"
    export_project(fresh, "jsonl", again)
    assert again.read_text("utf-8") == out.read_text("utf-8")
    assert import_files(fresh, [out]).claims_added == 0  # importing twice adds nothing
    assert claim_state(fresh) == claim_state(claimed)
    fresh.close()


def test_import_as_another_annotator_moves_claims_too(
    claimed: ProjectStore, tmp_path: Path
) -> None:
    out = tmp_path / "alice.jsonl"
    export_project(claimed, "jsonl", out, annotators=["alice"])
    fresh = ProjectStore.create(tmp_path / "fresh.annotator")
    from annotator.services.formats.jsonl import read_jsonl
    from annotator.store.ingest import ingest

    ingest(fresh, read_jsonl(out, override_annotator="carol"))
    assert {c.annotator for c in fresh.claims.claims()} == {"carol"}
    assert len([s for s in fresh.annotations.spans() if s.claim]) == 4
    fresh.close()


def test_a_span_naming_an_unknown_claim_implies_it(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    text = "Over 40 experts 👩‍💻 signed."
    path.write_text(
        json.dumps(
            {"text": text, "spans": [{"start": 0, "end": 15, "label": "Claim", "annotator": "dan",
             "claim": "k9", "claim_text": "Experts  signed", "claim_value": "over 40"}]}
        ) + "\n",
        "utf-8",
    )  # fmt: skip
    store = ProjectStore.create(tmp_path / "p.annotator")
    import_files(store, [path])
    (claim,) = store.claims.claims()
    assert (claim.id, claim.wording, claim.annotator) == ("k9", "Experts signed", "dan")
    assert store.annotations.spans()[0].claim_value == "over 40"
    store.close()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"type": "claim", "id": "x"}, "wording"),
        ({"type": "claim_relation", "kind": "likes", "claims": ["a", "b"]}, "kind"),
        ({"type": "claim_relation", "kind": "contradicts", "claims": ["a", "a"]}, "two different"),
        ({"type": "mystery"}, "unknown record type"),
        ({"text": "abc", "silent": {"claim": "x"}}, "must be a list"),
    ],
)
def test_bad_claim_records_are_refused_with_their_line(
    tmp_path: Path, line: dict[str, object], message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine"}\n' + json.dumps(line) + "\n", "utf-8")
    store = ProjectStore.create(tmp_path / "p.annotator")
    with pytest.raises(InputError, match=message) as caught:
        import_files(store, [path])
    assert caught.value.line == 2
    assert store.claims.claims() == []
    store.close()


def test_merge_brings_other_annotators_claims_with_their_owner(
    claimed: ProjectStore, tmp_path: Path
) -> None:
    target = ProjectStore.create(tmp_path / "target.annotator")
    report = merge_projects(target, [claimed.path])
    assert report.files[0].report.claims_added == 4
    assert claim_state(target) == claim_state(claimed)
    assert {c.annotator for c in target.claims.claims()} == {"alice", "bob"}
    merge_projects(target, [claimed.path])  # again: nothing new
    assert claim_state(target) == claim_state(claimed)
    target.close()


def test_csv_and_parquet_carry_outlet_and_claim_columns(
    claimed: ProjectStore, tmp_path: Path
) -> None:
    import csv

    import pyarrow.parquet as pq

    export_project(claimed, "csv", tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["level"] == "span"]
    en = next(r for r in rows if r["text"] == "More than 160 experts" and r["annotator"] == "alice")
    assert (en["outlet"], en["claim"], en["claim_text"], en["claim_value"]) == (
        "en outlet",
        "c-160",
        "Number of experts who signed",
        "more than 160",
    )
    cjk = next(r for r in rows if r["text"] == "מומחים מזהירים")
    assert (cjk["claim"], cjk["claim_text"]) == ("c-cjk", "专家警告 “Washington” <b>")
    export_project(claimed, "parquet", tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet").to_pylist()
    emoji = next(r for r in table if r["span_id"] == "emoji-1")
    assert (emoji["outlet"], emoji["claim"], emoji["claim_value"]) == (
        "emoji outlet",
        "c-160",
        "over 40",
    )
    assert emoji["text"] == "Experts 👩‍💻 protest"
    unlinked = next(r for r in table if r["span_id"] == "en-src")
    assert unlinked["claim"] is None and unlinked["claim_text"] is None


@pytest.mark.parametrize("fmt", ["labelstudio", "brat"])
def test_labelstudio_and_brat_round_trip_links_and_said_by(
    claimed: ProjectStore, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / ("ls.json" if fmt == "labelstudio" else "brat")
    export_project(claimed, fmt, out)
    fresh = ProjectStore.create(tmp_path / "fresh.annotator")
    import_files(fresh, [out])
    linked = sorted(
        (s.document_id, s.start, s.end, s.annotator, s.claim, s.claim_value)
        for s in fresh.annotations.spans()
        if s.claim
    )
    original = sorted(
        (s.document_id, s.start, s.end, s.annotator, s.claim, s.claim_value)
        for s in claimed.annotations.spans()
        if s.claim
    )
    assert linked == original
    wordings = {c.id: (c.wording, c.annotator) for c in fresh.claims.claims()}
    assert wordings["c-160"] == ("Number of experts who signed", "alice")
    assert wordings["c-cjk"] == ("专家警告 “Washington” <b>", "alice")
    (said_by,) = fresh.claims.span_relations()
    speaker = fresh.annotations.span(said_by.span)
    source = fresh.annotations.span(said_by.source_span)
    assert (speaker.label, source.label, speaker.document_id) == ("Claim", "Source", "en")
    fresh.close()


def test_spacy_keeps_claims_in_user_data(claimed: ProjectStore, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    export_project(claimed, "spacy", tmp_path / "out.spacy")
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("xx").vocab))
    en = next(d for d in docs if d.user_data["annotator"]["document_id"] == "en")
    data = en.user_data["annotator"]
    spans = list(en.spans["sc"])
    index = next(i for i, s in enumerate(data["spans"]) if s[0] == "en-1")
    assert spans[index].text == "More than 160 experts"
    assert list(data["claims"][index]) == ["c-160", "more than 160"]  # msgpack gives tuples
    assert data["claim_texts"]["c-160"] == "Number of experts who signed"
    source = next(i for i, s in enumerate(data["spans"]) if s[0] == "en-src")
    assert [list(pair) for pair in data["said_by"]] == [[index, source]]
    emoji = next(d for d in docs if d.user_data["annotator"]["document_id"] == "emoji")
    silent, derived = (list(emoji.user_data["annotator"][k]) for k in ("silent", "derived_from"))
    assert silent == [{"claim": "c-cjk", "annotator": "alice"}]
    assert derived == [{"document": "en", "annotator": "alice", "note": "AI rewrite"}]
    records = [
        d.user_data["annotator"] for d in docs if "claim_records" in d.user_data["annotator"]
    ]
    assert len(records) == 1  # the project's claims ride on one document
    assert "c-plan" in {c["id"] for c in records[0]["claim_records"]}
    assert [r["id"] for r in records[0]["claim_relations"]] == ["r-1"]


@pytest.mark.parametrize(
    ("fmt", "name", "out"),
    [
        ("brat", "brat", "brat"),
        ("csv", "CSV", "out.csv"),
        ("parquet", "Parquet", "out.parquet"),
    ],
)
def test_what_a_format_cannot_hold_is_counted_in_a_warning(
    claimed: ProjectStore, tmp_path: Path, fmt: str, name: str, out: str
) -> None:
    """alice's contradiction, silent mark, derivation and planned claim have no place in
    these formats: one warning counts them, none is lost unsaid."""
    report = export_project(claimed, fmt, tmp_path / out)
    (warning,) = [w for w in report.warnings if "has no place for" in w]
    assert warning == (
        f"{name} has no place for 1 claim relation, 1 explicitly-silent mark,"
        " 1 derived-from link, 1 claim without a mention: not exported"
        " (native JSONL keeps them)"
    )
    for carrier in ("jsonl", "labelstudio"):
        carried = export_project(claimed, carrier, tmp_path / f"x.{carrier}.json").warnings
        assert not [w for w in carried if "has no place" in w]


def test_labelstudio_round_trips_every_claim_record(claimed: ProjectStore, tmp_path: Path) -> None:
    """Planned claims, claim relations, silent marks and derivations ride in the tasks'
    meta; the project comes back whole."""
    out = tmp_path / "ls.json"
    export_project(claimed, "labelstudio", out)
    tasks = json.loads(out.read_text("utf-8"))
    emoji = next(t for t in tasks if t["data"]["doc_id"] == "emoji")
    assert emoji["meta"]["annotator"]["silent"] == [{"claim": "c-cjk", "annotator": "alice"}]
    fresh = ProjectStore.create(tmp_path / "fresh.annotator")
    import_files(fresh, [out])
    assert claim_state(fresh) == claim_state(claimed)
    fresh.close()


def test_labelstudio_task_meta_of_other_tools_is_counted_as_skipped(tmp_path: Path) -> None:
    from annotator.services.formats import Skipped
    from annotator.services.formats.labelstudio import read_labelstudio

    out = tmp_path / "ls.json"
    task = {"data": {"text": "Hello there."}, "meta": {"batch": 3, "annotator": {"silent": []}}}
    out.write_text(json.dumps([task]), "utf-8")
    skipped = Skipped()
    (item,) = read_labelstudio(out, skipped=skipped)
    assert item.silences == [] and skipped.counts == {"Label Studio task meta fields 'batch'": 1}
    out.write_text(json.dumps([{"data": {"text": "Hi."}, "meta": {"annotator": []}}]), "utf-8")
    with pytest.raises(InputError, match=r"meta\.annotator"):
        read_labelstudio(out)
