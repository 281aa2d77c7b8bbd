"""The merge and agreement commands, and export --gold, from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.services.adjudication import accept_span, set_adjudicated
from annotator.store.project_store import ProjectStore
from tests.services.test_merge import make_two_annotator_projects


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def merged_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """alice's and bob's projects (see tests/services/test_merge.py) merged with the CLI."""
    alice, bob = make_two_annotator_projects(tmp_path)
    project = tmp_path / "main.annotator"
    assert run("init", str(project)) == 0
    assert run("merge", str(project), str(alice), str(bob)) == 0
    out = capsys.readouterr().out
    assert "alice.annotator (alice)" in out and "bob.annotator (bob)" in out
    return project


def test_merge_twice_adds_nothing_and_errors_go_to_stderr(
    merged_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("merge", str(merged_path), str(tmp_path / "alice.annotator")) == 0
    assert "0 spans added" in capsys.readouterr().out
    assert run("merge", str(merged_path), str(tmp_path / "nobody.annotator")) == 1
    captured = capsys.readouterr()
    assert "No project at" in captured.err and captured.out == ""
    assert run("merge", str(merged_path), str(merged_path)) == 1
    assert "into itself" in capsys.readouterr().err


def test_agreement_json_matches_hand_computed_values(
    merged_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("agreement", str(merged_path), "--json") == 0
    report = json.loads(capsys.readouterr().out)  # exactly one JSON object, no NaN
    assert report["annotators"] == ["alice", "bob"]

    # Document stance, 4 units (alice / bob):
    #   d1 against/against, d2 favor/against, d3 favor/favor, d4 against/against
    # Cohen: p_o = 3/4; alice 2 against 2 favor, bob 3 against 1 favor,
    #   p_e = (2·3 + 2·1)/16 = 1/2; kappa = (3/4 − 1/2)/(1 − 1/2) = 0.5.
    # Fleiss: p(against) = 5/8, p(favor) = 3/8, P_e = 25/64 + 9/64 = 34/64, P̄ = 3/4 = 48/64;
    #   kappa = (48 − 34)/(64 − 34) = 7/15.
    # Krippendorff (nominal): 8 values, 5 against, 3 favor; one disagreeing unit gives
    #   o(against, favor) = o(favor, against) = 1; D_o = 2/8, D_e = 2·5·3/(8·7) = 30/56;
    #   alpha = 1 − (2/8)/(30/56) = 1 − 14/30 = 8/15.
    stance = report["document_stance"]
    assert stance["units"] == 4
    assert stance["cohen_kappa"] == pytest.approx(0.5)
    assert stance["fleiss_kappa"] == pytest.approx(7 / 15)
    assert stance["krippendorff_alpha"] == pytest.approx(8 / 15)
    assert stance["percent_agreement"] == pytest.approx(0.75)
    assert stance["pairwise"] == [
        {"a": "alice", "b": "bob", "cohen_kappa": 0.5, "percent_agreement": 0.75, "units": 4}
    ]

    # Spans: alice 3 (Claim d1, Source d1, Evidence d2), bob 2 (Claim d1, Source d1 shifted).
    # Exact matches 1 → F1 = 2·1/5 = 0.4; overlap matches 2 → F1 = 2·2/5 = 0.8.
    spans = report["spans"]
    assert spans["f1_exact"] == pytest.approx(0.4)
    assert spans["f1_overlap"] == pytest.approx(0.8)
    assert spans["by_label"]["Claim"] == {"f1_exact": 1.0, "f1_overlap": 1.0, "count": 2}
    assert spans["by_label"]["Source"] == {"f1_exact": 0.0, "f1_overlap": 1.0, "count": 2}
    assert spans["by_label"]["Evidence"]["f1_overlap"] == 0.0
    (pair,) = spans["pairwise"]
    assert (pair["a"], pair["b"], pair["tp_exact"], pair["tp_overlap"]) == ("alice", "bob", 1, 2)

    # Span stance: one matched group with two stances (the Claims, both "against"): no
    # variation, so alpha is undefined (None), never NaN.
    assert report["span_stance"]["units"] == 1
    assert report["span_stance"]["krippendorff_alpha"] is None
    assert report["gold"]["adjudicated_documents"] == 0


def test_agreement_table_annotator_filter_and_reports(
    merged_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("agreement", str(merged_path)) == 0
    table = capsys.readouterr().out
    assert "Summary" in table and "alice  bob" in table and "0.500" in table

    assert run("agreement", str(merged_path), "--json", "--annotator", "alice") == 0
    only_alice = json.loads(capsys.readouterr().out)
    assert only_alice["annotators"] == ["alice"] and only_alice["spans"]["f1_exact"] is None

    markdown, page = tmp_path / "report.md", tmp_path / "report.html"
    assert run("agreement", str(merged_path), "--report", str(markdown)) == 0
    assert "## Pairwise" in markdown.read_text("utf-8")
    assert "Wrote the agreement report" in capsys.readouterr().out
    assert run("agreement", str(merged_path), "--json", "--report", str(page)) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)  # the message went to stderr
    assert "Wrote the agreement report" in captured.err
    assert "<h2>Pairwise</h2>" in page.read_text("utf-8")

    assert run("agreement", str(merged_path), "--report", str(tmp_path / "r.pdf")) == 1
    assert ".md" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_export_gold_has_exactly_the_accepted_spans(
    merged_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProjectStore.open(merged_path) as store:
        claim = accept_span(store, "a-claim")
        source = accept_span(store, "b-source")
        set_adjudicated(store, "d1", True)
    out = tmp_path / "gold.jsonl"
    assert run("export", str(merged_path), "--format", "jsonl", "-o", str(out), "--gold") == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    spans = [span for record in records for span in record["spans"]]
    assert sorted((s["id"], s["annotator"]) for s in spans) == sorted(
        [(claim.id, "gold"), (source.id, "gold")]
    )
    assert all(record["stances"] == [] for record in records)

    done = tmp_path / "done.jsonl"
    assert (
        run(
            "export",
            str(merged_path),
            "--format",
            "jsonl",
            "-o",
            str(done),
            "--gold",
            "--only-done",
        )
        == 0
    )
    assert len(done.read_text("utf-8").splitlines()) == 1  # only the adjudicated d1

    with pytest.raises(SystemExit) as usage:
        run(
            "export",
            str(merged_path),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "--gold",
            "--annotator",
            "alice",
        )
    assert usage.value.code == 2
    assert "not allowed with" in capsys.readouterr().err
