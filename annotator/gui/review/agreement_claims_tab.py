"""The agreement window's Claims tab: how alike each pair grouped the same mentions into claims.

Numbers come from the agreement report's `claims` section (core.agreement.claims): per
pair the aligned mentions, each side's claims, MUC, B³, CEAF-e, LEA and the CoNLL F1.
MUC ignores singletons (a claim only one outlet makes), so it is never shown alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from annotator.core.plural import counted
from annotator.gui.review.agreement_table_model import (
    AgreementTableModel,
    Row,
    count_cell,
    number_cell,
    text_cell,
)
from annotator.gui.review.agreement_table_view import AgreementTableView, note_label

HEADERS = [
    "Annotator A",
    "Annotator B",
    "Aligned mentions",
    "Only A",
    "Only B",
    "Claims A / B",
    "MUC F1",
    "B³ F1",
    "CEAF-e F1",
    "LEA F1",
    "CoNLL F1",
]
METRICS = ("muc", "b_cubed", "ceaf_e", "lea")
NO_LINKS = "neither annotator linked a mention to a claim in the documents both touched"
EXPLANATION = (
    "Each annotator's claims group mentions; the mentions of a pair are aligned by the span "
    "F1 overlap rule. MUC counts links and ignores singletons, B³ scores each mention, CEAF-e "
    "each claim, LEA weighs claims by size; CoNLL F1 is the mean of MUC, B³ and CEAF-e F1. "
    "Hover a score for recall and precision."
)


class AgreementClaimsTab(QWidget):
    """One row per annotator pair."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AgreementTableModel(HEADERS, self)
        self.model.header_tooltips = {6 + i: EXPLANATION for i in range(5)}
        self.table = AgreementTableView(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = note_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(note_label(EXPLANATION))

    def set_report(self, report: dict[str, Any]) -> None:
        claims = report.get("claims") or {"pairwise": [], "conll_f1": None, "lea_f1": None}
        rows = []
        for pair in claims["pairwise"]:
            cells = [
                text_cell(pair["a"]),
                text_cell(pair["b"]),
                count_cell(pair["mentions"]),
                count_cell(pair["mentions_only_a"]),
                count_cell(pair["mentions_only_b"]),
                text_cell(f"{pair['claims_a']} / {pair['claims_b']}"),
            ]
            for metric in METRICS:
                score = pair.get(metric)
                cell = number_cell(score["f1"] if score else None, NO_LINKS)
                if score:
                    cell.reason = (
                        f"recall {_fmt(score['recall'])}, precision {_fmt(score['precision'])}"
                    )
                cells.append(cell)
            cells.append(number_cell(pair["conll_f1"], NO_LINKS))
            rows.append(Row((pair["a"], pair["b"]), cells))
        self.model.set_rows(rows)
        linked = claims.get("linked_mentions", 0)
        self.summary.setText(
            f"{counted(linked, 'claim-linked span')}. Mean over pairs: CoNLL F1 "
            f"{_fmt(claims['conll_f1'])}, LEA F1 {_fmt(claims['lea_f1'])}."
            if rows
            else "Claims agreement needs two annotators who linked mentions to claims."
        )


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
