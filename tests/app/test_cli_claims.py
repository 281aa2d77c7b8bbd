"""`annotator claims` prints the matrix and writes CSV / HTML; `annotator agreement --json`
reports how two annotators grouped the same mentions into claims."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.app.cli import main
from annotator.core.agreement.coreference import b_cubed, ceaf_e, lea, muc
from annotator.core.model import new_id
from annotator.store.project_store import ProjectStore
from tests.services.seed_claims import annotate_seeds


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """alice's seed claims; bob marked the same passages but grouped them differently:
    "dangerous" and "defence" as one claim, every other mention on a claim of its own."""
    path = tmp_path / "claims.annotator"
    with ProjectStore.create(path) as store:
        annotate_seeds(store)
        alice_spans = [s for s in store.annotations.spans(annotators=["alice"]) if s.claim]
        merged = {"alice-dangerous", "alice-defence"}
        for span in alice_spans:
            copy = replace(span, id=new_id(), annotator="bob", claim=None, claim_value="")
            store.annotations.add_span(copy)
            if span.claim in merged:
                if not store.claims.claims(["bob"]) or "bob-ban" not in {
                    c.id for c in store.claims.claims(["bob"])
                }:
                    store.claims.create_from_span(copy.id, "The ban hurts", claim_id="bob-ban")
                else:
                    store.claims.link(copy.id, "bob-ban")
            else:
                store.claims.create_from_span(copy.id, claim_id=f"bob-{copy.id}")
    return path


def test_claims_prints_the_matrix_and_writes_csv_and_html(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_out, html_out = tmp_path / "m.csv", tmp_path / "m.html"
    code = main(["claims", str(project), "--annotator", "alice", "--csv", str(csv_out),
                 "--html", str(html_out)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Number of experts who signed the letter" in out
    assert "UK news report makes 3 of 6 claims" in out
    assert csv_out.read_text("utf-8").startswith("claim_id,claim,annotator,")
    assert "<!DOCTYPE html>" in html_out.read_text("utf-8")


def test_claims_without_annotator_prints_everyone_but_files_need_one(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Claim matrix: alice" in out and "Claim matrix: bob" in out
    assert main(["claims", str(project), "--csv", str(tmp_path / "x.csv")]) == 1
    assert "--annotator" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_claims_on_a_project_without_claims(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.annotator"
    assert main(["init", str(path)]) == 0
    assert main(["claims", str(path)]) == 0
    assert "No claims" in capsys.readouterr().out


def test_agreement_json_has_claim_grouping_metrics(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", str(project), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (pair,) = report["claims"]["pairwise"]
    assert (pair["a"], pair["b"], pair["mentions"]) == ("alice", "bob", 10)
    # The same groupings, scored directly: alice has 5 claims with mentions, bob 6.
    key = [{1, 2, 3}, {4, 5}, {6, 7, 8}, {9}, {10}]
    response = [{1}, {2}, {3}, {4, 5, 6, 7, 8}, {9}, {10}]
    for name, metric in (("muc", muc), ("b_cubed", b_cubed), ("ceaf_e", ceaf_e), ("lea", lea)):
        score = metric(key, response)
        assert pair[name] == pytest.approx(score.as_dict()), name
        assert set(pair[name]) == {"recall", "precision", "f1"}
    expected_conll = (
        muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1
    ) / 3
    assert pair["conll_f1"] == pytest.approx(expected_conll)
    assert main(["agreement", str(project), "--report", str(tmp_path / "r.md")]) == 0
    markdown = (tmp_path / "r.md").read_text("utf-8")
    assert "## Claims: grouping of mentions" in markdown
