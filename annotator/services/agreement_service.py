# Over 400 lines: the project report and its three renderings (text, Markdown, HTML) share one
# data structure.
"""Agreement over a whole project, and the same report as text, Markdown or self-contained HTML."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.agreement.report import REPORT_STEPS, compute_agreement_columns
from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.plural import counted
from annotator.store.project_store import ProjectStore

NONE = "—"

# From the docstrings of annotator.core.agreement (report, spans, nominal); README's
# "Agreement" section says the same.
# The per-document table's columns, shared with the Agreement window's Documents tab.
PER_DOCUMENT_COLUMNS = (
    "Document",
    "Annotators",
    "Spans",
    "Span F1 exact",
    "Span F1 overlap",
    "Stance units",
    "Stance agreement",
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Document stance unit",
        "A (document, target) pair; its values are the annotators' stances. If an annotator "
        "gave one unit several stances, the last one counts. Units counts units with at least "
        "one rating; pairable units those with two or more.",
    ),
    (
        "Krippendorff's alpha",
        "Nominal alpha with missing ratings; units with fewer than two ratings take no part. "
        "Undefined when no unit is pairable, or when every pairable rating has the same value "
        "(data without variation cannot show reliability).",
    ),
    (
        "Fleiss' kappa",
        "Needs every rated unit to have the same number of ratings (at least two); incomplete "
        "units are not dropped, since that silently inflates agreement. Undefined otherwise, "
        "or when only one category is used.",
    ),
    (
        "Cohen's kappa",
        "Per pair, over the units both rated; undefined without shared units or when both gave "
        "the same single value to every unit (show percent agreement instead). The overall "
        "value is the mean over pairs where it is defined (Light's kappa).",
    ),
    (
        "Percent agreement",
        "Per unit with two or more ratings, the share of annotator pairs who gave the same "
        "value; then the unweighted mean over those units. Not chance-corrected.",
    ),
    (
        "Span matching",
        "Two spans can only match in the same document with the same label. Exact: also the "
        "same start and end. Overlap: their ranges share at least one character; matching is "
        "one-to-one and greedy, largest overlap first.",
    ),
    (
        "Span F1",
        "A pair is compared on the documents both touched (a span or a document stance in it). "
        "F1 = 2·matches / (spans of a + spans of b), micro over documents and labels; undefined "
        "when neither has a span. Overall and per-label F1 are the unweighted mean over pairs "
        "where defined.",
    ),
    (
        "Span stance",
        "Units are groups of spans matched across annotators (overlap); values are the spans' "
        "stances (spans without one are missing); agreement is Krippendorff's alpha.",
    ),
    (
        "Per document",
        "Mean over pairs of the pair's span F1 in that document, and the percent agreement of "
        "its stance units.",
    ),
    (
        "Most disagreeing pairs",
        "Every pair, lowest agreement first; agreement is the mean of the pair's document-stance "
        "Cohen's kappa and overlap span F1, whichever are defined.",
    ),
    (
        "Claims",
        "Per pair, the claim-linked spans on the documents both touched are aligned by the span "
        "matching rule (overlap); each annotator's claims then group those mentions, and the two "
        "groupings are scored as coreference clusterings with the first annotator as key: MUC "
        "(links only, so it ignores singletons: never read it alone), B³, CEAF-e, LEA and the "
        "CoNLL F1 (mean of MUC, B³ and CEAF-e F1). A claim only one outlet makes is a singleton "
        "and counts. Undefined when neither linked a span to a claim.",
    ),
    (
        "Gold",
        f"The adjudicated layer (annotator '{GOLD_ANNOTATOR}') takes no part in agreement "
        "unless named with --annotator; a document is adjudicated when gold marked it done.",
    ),
)


class AgreementCancelledError(Exception):
    """The user cancelled the computation (it only reads: nothing is left half done)."""


# Progress steps of project_agreement: verify, the spans, the rest read, the report's own.
AGREEMENT_STEPS = 3 + REPORT_STEPS


def project_agreement(
    store: ProjectStore,
    annotators: Sequence[str] | None = None,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> dict[str, Any]:
    """`compute_agreement` over the project, plus `gold` and `documents` (id -> title).

    By default everyone except the gold layer is compared; name annotators (gold among
    them, to compare an annotator with gold) to choose. No value is NaN: undefined
    coefficients are None, so the result is valid JSON. Everything comes from one
    snapshot of the project, so a writer meanwhile cannot make the figures disagree.
    `progress(done, AGREEMENT_STEPS)` is called after each step (a fraction of a second
    apart on an archive of a million spans); when it returns False the computation stops
    with AgreementCancelledError.
    """
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and not progress(done, AGREEMENT_STEPS):
            raise AgreementCancelledError()

    # Damage is a clear message, never figures from a broken file; the check runs
    # alongside the reading (a sixth of an archive's agreement when it ran first).
    with store.snapshot(), store.verified_alongside(stop_on=(AgreementCancelledError,)):
        step()
        return _project_agreement(store, annotators, step)


def compared_agreement(
    store: ProjectStore, annotators: Sequence[str], *, label: str | None = None
) -> dict[str, Any]:
    """`compute_agreement` of just `annotators` (what a drill-down to one pair lists), from
    one snapshot; with `label`, only that label's spans and no document stances (what a
    label's documents are ranked by). Read as columns, so an archive's pair takes a moment."""
    with store.snapshot():
        columns = store.annotations.span_columns(
            annotators, labels=None if label is None else [label]
        )
        linked = store.annotations.spans(annotators=annotators, claim_linked=True)
        if label is None:
            stances = store.annotations.document_stances(annotators=annotators)
        else:
            linked = [s for s in linked if s.label == label]
            stances = []
        return compute_agreement_columns(columns, stances, annotators, claim_spans=linked)


def _project_agreement(
    store: ProjectStore, annotators: Sequence[str] | None, step: Callable[[], None]
) -> dict[str, Any]:
    # Columns, not Span objects: an archive's million spans read in a fraction of a second.
    exclude = GOLD_ANNOTATOR if annotators is None else None
    columns = store.annotations.span_columns(annotators, exclude=exclude)
    step()
    linked = store.annotations.spans(annotators=annotators, claim_linked=True)
    stances = store.annotations.document_stances()
    if annotators is None:
        linked = [s for s in linked if s.annotator != GOLD_ANNOTATOR]
        stances = [s for s in stances if s.annotator != GOLD_ANNOTATOR]
    step()
    report = compute_agreement_columns(
        columns, stances, annotators, claim_spans=linked, on_step=step
    )
    report["gold"] = {
        "adjudicated_documents": len(store.documents.done_ids([GOLD_ANNOTATOR])),
        "documents": store.documents.count(),
        "spans": len(store.annotations.spans(annotators=[GOLD_ANNOTATOR])),
        "document_stances": len(store.annotations.document_stances(annotators=[GOLD_ANNOTATOR])),
    }
    report["documents"] = {s.id: s.title for s in store.documents.listing()}
    finite: dict[str, Any] = _finite(report)
    return finite


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


# -- the report as tables ----------------------------------------------------------------
@dataclass(slots=True)
class _Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass(slots=True)
class _Report:
    title: str
    intro: str
    tables: list[_Table] = field(default_factory=list)


def _num(value: float | None, reason: str | None = None) -> str:
    if value is None:
        return f"{NONE} ({reason})" if reason else NONE
    return f"{value:.3f}"


def _alpha_reason(pairable: int) -> str:
    return "no unit rated twice" if not pairable else "no variation"


def _span_stance_reason(units: int) -> str:
    return "no matched spans with two stances" if not units else "no variation"


def _kappa_reason(units: int) -> str:
    return "no shared units" if not units else "no variation"


def _build(report: dict[str, Any]) -> _Report:
    names = report["annotators"]
    ds, sp, ss = report["document_stance"], report["spans"], report["span_stance"]
    gold = report.get("gold", {})
    titles = report.get("documents", {})
    few = "fewer than 2 annotators" if len(names) < 2 else None
    doc_count = gold.get("documents", len(report["by_document"]))
    out = _Report(
        "Inter-annotator agreement",
        f"Annotators: {', '.join(names) or 'none'}. Documents: {doc_count}; "
        f"adjudicated: {gold.get('adjudicated_documents', 0)}. "
        f"Numbers to 3 decimals; {NONE} means undefined (the reason follows).",
    )
    out.tables.append(
        _Table(
            "Summary",
            ["Measure", "Value"],
            [
                ["Annotators", str(len(names))],
                ["Documents", str(doc_count)],
                ["Adjudicated documents (gold)", str(gold.get("adjudicated_documents", 0))],
                [
                    "Document stance: Krippendorff's alpha",
                    _num(ds["krippendorff_alpha"], _alpha_reason(ds["pairable_units"])),
                ],
                [
                    "Document stance: Cohen's kappa (mean of pairs)",
                    _num(ds["cohen_kappa"], few or "no pair with a defined kappa"),
                ],
                ["Span F1 (exact)", _num(sp["f1_exact"], few or "no pair with spans")],
                ["Span F1 (overlap)", _num(sp["f1_overlap"], few or "no pair with spans")],
                [
                    "Span stance: Krippendorff's alpha",
                    _num(ss["krippendorff_alpha"], _span_stance_reason(ss["units"])),
                ],
                [
                    "Claims: CoNLL F1 (mean of pairs)",
                    _num(
                        report.get("claims", {}).get("conll_f1"),
                        few or "no pair with claim links",
                    ),
                ],
            ],
        )
    )
    out.tables.append(
        _Table(
            "Document stance",
            ["Measure", "Value"],
            [
                ["Units", str(ds["units"])],
                ["Pairable units", str(ds["pairable_units"])],
                [
                    "Krippendorff's alpha",
                    _num(ds["krippendorff_alpha"], _alpha_reason(ds["pairable_units"])),
                ],
                ["Fleiss' kappa", _num(ds["fleiss_kappa"], ds.get("fleiss_kappa_reason"))],
                ["Cohen's kappa (mean of pairs)", _num(ds["cohen_kappa"], few or "no pair")],
                ["Percent agreement", _num(ds["percent_agreement"], "no unit rated twice")],
            ],
        )
    )
    span_rows = [
        [
            "All labels",
            _num(sp["f1_exact"], few or "no spans"),
            _num(sp["f1_overlap"], few or "no spans"),
            str(sum(v["count"] for v in sp["by_label"].values())),
        ]
    ]
    for label, values in sp["by_label"].items():
        span_rows.append(
            [
                label,
                _num(values["f1_exact"], few or "no pair with this label"),
                _num(values["f1_overlap"], few or "no pair with this label"),
                str(values["count"]),
            ]
        )
    out.tables.append(
        _Table(
            "Spans, overall and per label",
            ["Label", "F1 exact", "F1 overlap", "Spans"],
            span_rows,
            f"Span stance over {counted(ss['units'], 'matched group')}: Krippendorff's alpha "
            f"{_num(ss['krippendorff_alpha'], _span_stance_reason(ss['units']))}.",
        )
    )
    span_pairs = {(p["a"], p["b"]): p for p in sp["pairwise"]}
    pair_rows = []
    for p in ds["pairwise"]:
        s = span_pairs.get((p["a"], p["b"]), {})
        pair_rows.append(
            [
                p["a"],
                p["b"],
                str(p["units"]),
                _num(p["cohen_kappa"], _kappa_reason(p["units"])),
                _num(p["percent_agreement"], "no shared units"),
                str(s.get("documents", 0)),
                _num(s.get("f1_exact"), "no spans"),
                _num(s.get("f1_overlap"), "no spans"),
            ]
        )
    out.tables.append(
        _Table(
            "Pairwise",
            [
                "A",
                "B",
                "Stance units",
                "Cohen's kappa",
                "Percent agreement",
                "Shared documents",
                "Span F1 exact",
                "Span F1 overlap",
            ],
            pair_rows,
        )
    )
    doc_rows = []
    for document, values in report["by_document"].items():
        doc_rows.append(
            [
                titles.get(document) or document,
                ", ".join(values["annotators"]),
                str(values["span_count"]),
                _num(values["span_f1_exact"], "no pair with spans"),
                _num(values["span_f1_overlap"], "no pair with spans"),
                str(values["stance_units"]),
                _num(values["stance_agreement"], "no unit rated twice"),
            ]
        )
    out.tables.append(
        _Table(
            "Per document",
            list(PER_DOCUMENT_COLUMNS),
            doc_rows,
        )
    )
    out.tables.append(
        _Table(
            "Most disagreeing pairs",
            ["A", "B", "Agreement", "Document stance kappa", "Span F1 overlap"],
            [
                [
                    p["a"],
                    p["b"],
                    _num(p["agreement"], "nothing to compare"),
                    _num(p["document_stance_cohen_kappa"], "undefined"),
                    _num(p["span_f1_overlap"], "no spans"),
                ]
                for p in report["most_disagreeing_pairs"]
            ],
        )
    )
    claims = report.get("claims")
    if claims is not None:
        out.tables.append(_claims_table(claims))
    out.tables.append(
        _Table("Definitions", ["Term", "Definition"], [[t, d] for t, d in DEFINITIONS])
    )
    return out


def _claims_table(claims: dict[str, Any]) -> _Table:
    def f1(entry: dict[str, Any], metric: str) -> str:
        value = entry.get(metric)
        return _num(value["f1"] if value else None, "no claim links")

    rows = [
        [
            p["a"],
            p["b"],
            str(p["mentions"]),
            str(p["mentions_only_a"]),
            str(p["mentions_only_b"]),
            f"{p['claims_a']} / {p['claims_b']}",
            f1(p, "muc"),
            f1(p, "b_cubed"),
            f1(p, "ceaf_e"),
            f1(p, "lea"),
            _num(p["conll_f1"], "no claim links"),
        ]
        for p in claims["pairwise"]
    ]
    return _Table(
        "Claims: grouping of mentions",
        ["A", "B", "Aligned mentions", "Only A", "Only B", "Claims A / B", "MUC F1", "B³ F1",
         "CEAF-e F1", "LEA F1", "CoNLL F1"],
        rows,
        f"{counted(claims['linked_mentions'], 'claim-linked span')}. Mean over pairs: CoNLL F1 "
        f"{_num(claims['conll_f1'], 'no pair with claim links')}, LEA F1 "
        f"{_num(claims['lea_f1'], 'no pair with claim links')}.",
    )  # fmt: skip


# -- rendering ---------------------------------------------------------------------------
def render_text(report: dict[str, Any]) -> str:
    """The summary and pairwise tables as aligned plain text (for the terminal)."""
    built = _build(report)
    chosen = [t for t in built.tables if t.title in ("Summary", "Pairwise")]
    lines = [built.intro, ""]
    for table in chosen:
        lines.append(table.title)
        rows = [table.headers, *table.rows]
        widths = [max(len(row[i]) for row in rows) for i in range(len(table.headers))]
        for index, row in enumerate(rows):
            lines.append(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if index == 0:
                lines.append("  ".join("-" * w for w in widths))
        if not table.rows:
            lines.append("(none)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_MARKDOWN_SPECIAL = set("\\`*_[]<>|")


def _md(text: str) -> str:
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)
    return " ".join(escaped.split())  # a newline would end the table row


def render_markdown(report: dict[str, Any]) -> str:
    """The full report as GitHub-flavoured Markdown; user text is escaped."""
    built = _build(report)
    lines = [f"# {built.title}", "", _md(built.intro), ""]
    for table in built.tables:
        lines += [f"## {table.title}", ""]
        lines.append("| " + " | ".join(_md(h) for h in table.headers) + " |")
        lines.append("|" + "|".join("---" for _ in table.headers) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(_md(c) for c in row) + " |")
        if not table.rows:
            lines.append("| " + " | ".join(NONE for _ in table.headers) + " |")
        if table.note:
            lines += ["", _md(table.note)]
        lines.append("")
    return "\n".join(lines)


_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
"""


def render_html(report: dict[str, Any]) -> str:
    """The full report as one self-contained HTML page: no scripts, no external resources,
    all user text escaped."""
    built = _build(report)
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{e(built.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(built.title)}</h1>",
        f"<p>{e(built.intro)}</p>",
    ]
    for table in built.tables:
        parts.append(f"<h2>{e(table.title)}</h2>")
        parts.append("<table><thead><tr>")
        parts.extend(f"<th>{e(h)}</th>" for h in table.headers)
        parts.append("</tr></thead><tbody>")
        for row in table.rows:
            cells = "".join(
                f'<td class="n">{e(c)}</td>' if _numeric(c) else f"<td>{e(c)}</td>" for c in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
        if table.note:
            parts.append(f"<p>{e(table.note)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _numeric(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
