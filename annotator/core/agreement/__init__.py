"""Inter-annotator agreement: nominal coefficients, span matching, and the full report."""

from annotator.core.agreement.nominal import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_from_values,
    krippendorff_alpha_nominal,
    mean_pairwise_cohen_kappa,
    pairwise_units,
    percent_agreement,
)
from annotator.core.agreement.report import compute_agreement
from annotator.core.agreement.spans import (
    PRF,
    MatchMode,
    connected_groups,
    matched_span_groups,
    matched_span_pairs,
    pairwise_span_f1,
    span_f1_by_label,
)

__all__ = [
    "PRF",
    "MatchMode",
    "cohen_kappa",
    "compute_agreement",
    "connected_groups",
    "fleiss_kappa",
    "krippendorff_alpha_from_values",
    "krippendorff_alpha_nominal",
    "matched_span_groups",
    "matched_span_pairs",
    "mean_pairwise_cohen_kappa",
    "pairwise_span_f1",
    "pairwise_units",
    "percent_agreement",
    "span_f1_by_label",
]
