"""The claim matrix on the seed corpus: states, values, disagreement, derivation grouping,
per-outlet totals; and its text, CSV and HTML renderings."""

from __future__ import annotations

import csv
import html.parser
from pathlib import Path

import pytest

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import GOLD_ANNOTATOR
from annotator.services.claim_matrix import CellState, build_matrix
from annotator.services.claim_matrix_report import render_html, render_text, write_csv
from annotator.store.project_store import ProjectStore
from tests.services.seed_claims import D000, D001, D003, D004, annotate_seeds


@pytest.fixture
def seeded(project_path: Path) -> tuple[ProjectStore, dict[str, str]]:
    store = ProjectStore.create(project_path)
    ids = annotate_seeds(store)
    yield store, ids
    store.close()


def test_cells_say_made_silent_not_made_and_unknown(seeded) -> None:
    store, ids = seeded
    matrix = build_matrix(store, "alice")
    signers = ids["signers"]
    made = matrix.cell(signers, D000)
    assert made.state is CellState.MADE
    assert made.values == ("more than 160",)
    assert made.stances == ("against",)
    assert made.value_disagreement
    assert matrix.cell(signers, D001).values == ("more than 40",)
    assert matrix.cell(signers, D004).values == ()  # named, not numbered
    assert not matrix.cell(signers, D004).value_disagreement
    assert matrix.cell(signers, D003).state is CellState.SILENT
    assert matrix.cell(ids["china"], D001).state is CellState.NOT_MADE
    store.documents.set_done(D001, "alice", False)
    assert build_matrix(store, "alice").cell(ids["china"], D001).state is CellState.UNKNOWN


def test_derived_articles_follow_their_source_and_count_once(seeded) -> None:
    store, ids = seeded
    matrix = build_matrix(store, "alice")
    assert [c.document_id for c in matrix.columns] == [D000, D001, D003, D004]
    derived = matrix.columns[2]
    assert (derived.derived_from, derived.root) == ((D001,), D001)
    defence = matrix.claim_by_id(ids["defence"])
    assert defence.made_in == {D000, D001, D003}
    assert defence.independent == 2  # 003 builds on 001


def test_totals_per_outlet_and_a_claim_made_by_nobody(seeded) -> None:
    store, ids = seeded
    matrix = build_matrix(store, "alice")
    assert matrix.outlet_total(D004) == "UK news report makes 3 of 6 claims"
    assert matrix.made_count(D001) == 2
    planned = matrix.claim_by_id(ids["organiser"])
    assert planned.made_in == frozenset() and planned.independent == 0


def test_relations_show_on_their_rows(seeded) -> None:
    store, ids = seeded
    store.claims.add_relation(
        ClaimRelationKind.CONTRADICTS, ids["signers"], ids["china"], "160 vs 40"
    )
    matrix = build_matrix(store, "alice")
    assert matrix.claim_by_id(ids["signers"]).contradicts == ((ids["china"], "160 vs 40"),)
    assert matrix.claim_by_id(ids["china"]).contradicts == ((ids["signers"], "160 vs 40"),)
    assert matrix.claim_by_id(ids["dangerous"]).same_event[0][0] == ids["defence"]


def test_another_annotator_and_gold_have_their_own_matrix(seeded) -> None:
    store, _ = seeded
    assert build_matrix(store, "bob").rows == []
    assert build_matrix(store, GOLD_ANNOTATOR).rows == []
    assert len(build_matrix(store, "bob").columns) == 4


def test_text_table_has_articles_as_columns(seeded) -> None:
    store, _ = seeded
    text = render_text(build_matrix(store, "alice"))
    header = next(line for line in text.splitlines() if line.startswith("Claim  "))
    assert "UK news report" in header and "↳ Aggregator" in header
    assert "● more than 160 ⚠" in text
    assert "UK news report makes 3 of 6 claims" in text


def test_csv_has_one_row_per_claim_and_is_spreadsheet_safe(seeded, tmp_path: Path) -> None:
    store, ids = seeded
    store.claims.rename(ids["china"], "=HYPERLINK(1)")
    out = write_csv(build_matrix(store, "alice"), tmp_path / "m.csv")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][3] == f"Voice of Emirates (as reported) [{D000}]"
    signers = next(r for r in rows if r[0] == ids["signers"])
    assert signers[3] == "made; against; more than 160; values disagree"
    assert signers[5] == "explicitly silent"
    assert next(r for r in rows if r[0] == ids["china"])[1] == "'=HYPERLINK(1)"
    assert rows[-1][1] == "Claims made"


class _Audit(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "action")]
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        self.styles += [v or "" for k, v in attrs if k == "style"]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_html_page_is_self_contained_and_escaped(seeded) -> None:
    store, ids = seeded
    store.claims.rename(ids["china"], "<script>alert(1)</script> & “quotes”")
    page = render_html(build_matrix(store, "alice"))
    audit = _Audit()
    audit.feed(page)
    # Nothing runs and nothing is fetched: no scripts, frames, embeds, images, stylesheets,
    # event handlers, or CSS that loads (url(), @import); the CSP forbids it besides.
    loading = {"script", "iframe", "frame", "object", "embed", "img", "link", "base", "form"}
    assert not audit.tags & loading and audit.links == [] and audit.handlers == []
    css = " ".join(audit.styles)
    assert css and "url(" not in css and "@import" not in css and "//" not in css
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”" in page
    assert "default-src 'none'" in page
    assert "makes 3 of 6 claims" in page and "derived from 001 AI rewrite of TechCrunch" in page
    assert "more than 160" in page and "⚠" in page
    assert "numbers disagree: more than 160 (000) · more than 40 (001)" in page
    assert '<span class="id">003</span>' in page  # columns name their article
    assert 'class="silent derived"' in page  # 003 derives from 001, and is silent
