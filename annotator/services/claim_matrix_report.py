"""The claim matrix as a terminal table, as CSV and as a self-contained HTML report page.

The HTML page has no scripts and loads nothing (a Content-Security-Policy forbids it);
every piece of user text (claim wordings, titles, outlets, mention text) is escaped.
The CSV is spreadsheet-safe like the annotation CSV (cells that could run as formulas
get a leading quote).
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from annotator.core.plural import counted
from annotator.services.atomic_write import atomic_output
from annotator.services.claim_matrix import Cell, CellState, ClaimMatrix, Column, Row
from annotator.services.formats.csv_format import neutralise

SYMBOLS = {
    CellState.MADE: "●",
    CellState.SILENT: "○",
    CellState.NOT_MADE: "–",
    CellState.UNKNOWN: "?",
}
CONTRADICTION = "⚠"
DERIVED_CLASS = ' class="derived"'
LEGEND = (
    "● makes the claim (stance, value)   ○ explicitly silent (read, absent)   "
    "– not made (article done, no mention)   ? unknown (not finished)   "
    "⚠ numbers disagree across articles   ↳ derived from another article"
)


def cell_text(cell: Cell) -> str:
    """A short cell, the number first: "● more than 160 ⚠ against" / "○" / "–" / "?"."""
    parts = [SYMBOLS[cell.state]]
    if cell.state is CellState.MADE:
        parts.extend(cell.values)
        if cell.value_disagreement:
            parts.append(CONTRADICTION)
        parts.extend(cell.stances)
    return " ".join(parts)


def _heading(column: Column, matrix: ClaimMatrix) -> str:
    mark = "↳ " if column.derived_from else ""
    return f"{mark}{column.heading}"


def _row_title(row: Row, titles: dict[str, str]) -> str:
    title = row.claim.wording
    if row.contradicts:
        others = ", ".join(_short(titles.get(other, other), 30) for other, _ in row.contradicts)
        title += f" {CONTRADICTION} contradicts: {others}"
    return title


def render_text(matrix: ClaimMatrix, *, width: int = 24, claim_width: int = 40) -> str:
    """The matrix as an aligned plain-text table (articles as columns), with per-outlet
    totals and the legend."""
    titles = {row.claim.id: row.claim.wording for row in matrix.rows}
    headers = [
        "Claim",
        *(_short(_heading(c, matrix), width) for c in matrix.columns),
        "Independent",
    ]
    lines_rows: list[list[str]] = [headers]
    for row in matrix.rows:
        cells = [
            _short(cell_text(matrix.cell(row.claim.id, c.document_id)), width)
            for c in matrix.columns
        ]
        lines_rows.append(
            [
                _short(_row_title(row, titles), claim_width),
                *cells,
                f"{row.independent} of {len(row.made_in)}",
            ]
        )
    lines_rows.append(
        [
            "Claims made",
            *(f"{matrix.made_count(c.document_id)} of {len(matrix.rows)}" for c in matrix.columns),
            "",
        ]
    )
    widths = [max(len(r[i]) for r in lines_rows) for i in range(len(headers))]
    out = [
        f"Claim matrix: {matrix.annotator}, {counted(len(matrix.rows), 'claim')}, {counted(len(matrix.columns), 'article')}",
        "",
    ]
    for index, cells in enumerate(lines_rows):
        out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
        if index == 0 or index == len(lines_rows) - 2:
            out.append("  ".join("-" * w for w in widths))
    if not matrix.rows:
        out.append("(no claims yet)")
    out += ["", *[matrix.outlet_total(c.document_id) for c in matrix.columns], "", LEGEND]
    return "\n".join(out) + "\n"


def write_csv(matrix: ClaimMatrix, out: Path, *, raw: bool = False) -> Path:
    """One row per claim, one column per article (headed "outlet [document id]"), then
    made_by, independent and contradicts; atomically. Cells as in `cell_text` but spelled
    out ("made: against; more than 160; values disagree")."""

    def safe(value: str) -> str:
        return value if raw else neutralise(value)

    titles = {row.claim.id: row.claim.wording for row in matrix.rows}
    with atomic_output(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(
            [
                "claim_id", "claim", "annotator",
                *(safe(f"{c.heading} [{c.document_id}]") for c in matrix.columns),
                "made_by", "independent", "contradicts",
            ]
        )  # fmt: skip
        for row in matrix.rows:
            cells = []
            for column in matrix.columns:
                cell = matrix.cell(row.claim.id, column.document_id)
                words = [cell.state.display, *cell.stances, *cell.values]
                if cell.value_disagreement:
                    words.append("values disagree")
                cells.append(safe("; ".join(words)))
            writer.writerow(
                [
                    safe(row.claim.id), safe(row.claim.wording), safe(row.claim.annotator), *cells,
                    len(row.made_in), row.independent,
                    safe("; ".join(titles.get(other, other) for other, _ in row.contradicts)),
                ]
            )  # fmt: skip
        writer.writerow(
            [
                "",
                "Claims made",
                "",
                *(matrix.made_count(c.document_id) for c in matrix.columns),
                "",
                "",
                "",
            ]
        )
    return Path(out)


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 80em; color: #1f2328; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
p.sub { color: #59636e; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0 1.5em; width: 100%; }
th, td { border: 1px solid #d1d9e0; padding: 0.4em 0.6em; vertical-align: top; }
thead th { background: #f6f8fa; text-align: center; font-weight: 600; }
thead th small { display: block; font-weight: normal; color: #59636e; }
th.claim { text-align: left; min-width: 16em; }
tbody th { text-align: left; font-weight: 500; background: #fff; }
td { text-align: center; }
td.made { background: #dafbe1; }
td.made.against { background: #ffebe9; }
td.made.favor { background: #dafbe1; }
td.made.neutral, td.made.unclear { background: #eef1f4; }
td.silent { background: #fff8c5; color: #7d4e00; }
td.not_made { color: #8c959f; }
td.unknown { color: #afb8c1; background: repeating-linear-gradient(45deg, #fff, #fff 4px,
             #f6f8fa 4px, #f6f8fa 8px); }
td .value { display: block; font-variant-numeric: tabular-nums; font-weight: 600; }
td .quote { display: block; font-size: 0.85em; color: #59636e; font-style: italic; }
.warn { color: #cf222e; font-weight: 700; }
.rel { display: block; font-size: 0.85em; color: #cf222e; }
.rel.same { color: #9a6700; }
tfoot td, tfoot th { background: #f6f8fa; font-weight: 600; }
td.n { font-variant-numeric: tabular-nums; }
ul.legend { color: #59636e; font-size: 0.9em; padding-left: 1.2em; }
thead th .id { display: block; font: 600 0.8em ui-monospace, "SFMono-Regular", monospace;
               color: #59636e; letter-spacing: 0.05em; }
th.derived, td.derived { border-left: 2px dashed #9a6700; }
thead th.derived { background: #fdf8ec; }
td .what { display: block; font-size: 0.8em; }
.disagree { display: block; font-size: 0.85em; color: #cf222e; font-variant-numeric: tabular-nums; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render_html(matrix: ClaimMatrix, *, title: str = "Claims across articles") -> str:
    """The matrix as one self-contained HTML page (see the module docstring)."""
    e = html.escape
    titles = {row.claim.id: row.claim.wording for row in matrix.rows}
    heads = {c.document_id: c.heading for c in matrix.columns}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="sub">Annotator: {e(matrix.annotator)} · {counted(len(matrix.rows), "claim")} · '
        f"{counted(len(matrix.columns), 'article')}</p>",
        '<table><thead><tr><th class="claim">Claim</th>',
    ]
    derived_columns = {c.document_id for c in matrix.columns if c.derived_from}
    for column in matrix.columns:
        derived = ""
        if column.derived_from:
            sources = ", ".join(f"{short_id(d)} {heads.get(d, d)}" for d in column.derived_from)
            derived = f"<small>↳ derived from {e(sources)}</small>"
        parts.append(
            f"<th{DERIVED_CLASS if column.derived_from else ''}>"
            f'<span class="id">{e(short_id(column.document_id))}</span>{e(column.heading)}'
            f"<small>{e(_short(column.title, 60))}</small>{derived}</th>"
        )
    parts.append("<th>Independent articles</th></tr></thead><tbody>")
    for row in matrix.rows:
        relations = "".join(
            f'<span class="rel">{CONTRADICTION} contradicts “{e(titles.get(o, o))}”'
            f"{' — ' + e(note) if note else ''}</span>"
            for o, note in row.contradicts
        ) + "".join(
            f'<span class="rel same">≈ same event, different detail: “{e(titles.get(o, o))}”'
            f"{' — ' + e(note) if note else ''}</span>"
            for o, note in row.same_event
        )
        numbers = ""
        if row.value_disagreement:
            given = [
                f"{value} ({short_id(column.document_id)})"
                for column in matrix.columns
                for value in matrix.cell(row.claim.id, column.document_id).values
            ]
            numbers = (
                f'<span class="disagree">{CONTRADICTION} numbers disagree: '
                f"{e(' · '.join(given))}</span>"
            )
        parts.append(f"<tr><th>{e(row.claim.wording)}{numbers}{relations}</th>")
        for column in matrix.columns:
            parts.append(
                _html_cell(
                    matrix.cell(row.claim.id, column.document_id),
                    column.document_id in derived_columns,
                )
            )
        parts.append(f'<td class="n">{row.independent} of {len(row.made_in)}</td></tr>')
    if not matrix.rows:
        parts.append(f'<tr><td colspan="{len(matrix.columns) + 2}">No claims yet.</td></tr>')
    parts.append("</tbody><tfoot><tr><th>Claims made</th>")
    for column in matrix.columns:
        parts.append(
            f'<td class="n">{matrix.made_count(column.document_id)} of {len(matrix.rows)}</td>'
        )
    parts.append("<td></td></tr></tfoot></table>")
    parts.append('<ul class="legend">')
    parts += [
        "<li>● the article makes the claim (its stance and the number it gives); "
        "coloured by stance.</li>",
        "<li>○ explicitly silent: the analyst read the article and it does not make the "
        "claim.</li>",
        "<li>– not made: the article is marked done and has no mention.</li>",
        "<li>? unknown: the article is not finished yet.</li>",
        f'<li><span class="warn">{CONTRADICTION}</span> the articles give different numbers '
        "for this claim.</li>",
        "<li>↳ derived: a rewrite of or commentary on another article; "
        "<em>independent articles</em> counts articles that share a source once.</li>",
    ]
    parts.append("</ul>")
    parts.append('<ul class="legend">')
    parts += [f"<li>{e(matrix.outlet_total(c.document_id))}</li>" for c in matrix.columns]
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def short_id(document_id: str) -> str:
    """How a column names its article in a report: the id's prefix ("000" of
    "000_2c013282298383f6"), or the first 8 characters of a bare hash."""
    prefix, _, rest = document_id.partition("_")
    return prefix if rest else document_id[:8]


def _html_cell(cell: Cell, derived: bool = False) -> str:
    e = html.escape
    classes = [cell.state.value] + (["derived"] if derived else [])
    if cell.state is not CellState.MADE:
        words = (
            f'<span class="what">{e(cell.state.display)}</span>'
            if cell.state in (CellState.SILENT, CellState.UNKNOWN)
            else ""
        )
        return (
            f'<td class="{" ".join(classes)}" title="{e(cell.state.display)}">'
            f"{SYMBOLS[cell.state]}{words}</td>"
        )
    classes += [s for s in cell.stances[:1]]
    inner = [SYMBOLS[cell.state]]
    if cell.stances:
        inner.append(" " + e(", ".join(cell.stances)))
    for value in cell.values:
        inner.append(f'<span class="value">{e(value)}</span>')
    if cell.value_disagreement:
        inner.append(f' <span class="warn" title="numbers disagree">{CONTRADICTION}</span>')
    quote = cell.mentions[0].text
    inner.append(f'<span class="quote">“{e(_short(" ".join(quote.split()), 80))}”</span>')
    class_names = " ".join(e(c.replace(" ", "_")) for c in classes)
    return f'<td class="{class_names}">{"".join(inner)}</td>'


def write_html(matrix: ClaimMatrix, out: Path) -> Path:
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(render_html(matrix))
    return Path(out)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
