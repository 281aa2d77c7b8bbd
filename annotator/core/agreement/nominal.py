"""Agreement coefficients over a units × annotators table of nominal values, with missing data.

A *unit* is one thing that was rated (a document and a target, a matched group of spans); it
maps each annotator who rated it to the value they gave. Annotators who did not rate a unit
are simply absent from its mapping. Every function returns None (never NaN) when the
coefficient is undefined, so the result can go straight into JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

import krippendorff
import numpy as np


def krippendorff_alpha_nominal(units: Sequence[Mapping[str, str]]) -> float | None:
    """Krippendorff's alpha for nominal data, with missing ratings.

    Units with fewer than two ratings are not pairable and take no part (as in Krippendorff
    2011). Returns None when alpha is undefined: when no unit is pairable (there is no
    evidence at all), or when every pairable rating has the same value. In that second case
    the expected disagreement is zero and alpha = 0/0; Krippendorff notes that data without
    variation cannot show reliability, so we report "undefined" rather than 1 or 0.
    """
    return krippendorff_alpha_from_values(unit.values() for unit in units)


def krippendorff_alpha_from_values(units: Iterable[Iterable[str]]) -> float | None:
    """Nominal alpha from the multiset of values of each unit, whoever gave them.

    Alpha depends only on which values co-occur within a unit, not on who gave them, so this
    also serves units in which one annotator has several values (chained span matches).
    Same conventions as `krippendorff_alpha_nominal`.
    """
    counted = [Counter(values) for values in units]
    domain = sorted({value for counts in counted for value in counts})
    column = {value: index for index, value in enumerate(domain)}
    value_counts = np.zeros((len(counted), len(domain)), dtype=np.int64)
    for row, counts in enumerate(counted):
        for value, count in counts.items():
            value_counts[row, column[value]] = count
    return krippendorff_alpha_from_counts(value_counts)


def krippendorff_alpha_from_counts(value_counts: np.ndarray) -> float | None:
    """Nominal alpha from a units × values table: how often each value was given in each
    unit, the values' columns in sorted order.

    Units with fewer than two values and values given in no pairable unit take no part, so
    the table the library sees is the same whatever units or values are left over. Same
    conventions as `krippendorff_alpha_nominal`.
    """
    pairable = value_counts[value_counts.sum(axis=1) >= 2]
    if not len(pairable):
        return None
    used = pairable.sum(axis=0) > 0
    if np.count_nonzero(used) < 2:
        return None
    table = np.ascontiguousarray(pairable[:, used], dtype=np.int64)
    return float(krippendorff.alpha(value_counts=table, level_of_measurement="nominal"))


def fleiss_kappa(
    units: Sequence[Mapping[str, str]], categories: Sequence[str] | None = None
) -> tuple[float | None, str | None]:
    """Fleiss' kappa, and when it is undefined, why.

    Fleiss' kappa needs every unit to have the same number of ratings (at least two); it does
    not drop incomplete units, because doing so silently inflates agreement. Units with no
    rating at all are ignored. `categories` fixes the category set (unused categories do
    not change kappa); a value outside it raises ValueError.

    Returns (kappa, None) or (None, reason), the reason being one of "no units",
    "fewer than 2 ratings per unit", "units have different numbers of ratings (2–3)",
    "only one category used".
    """
    rated = [unit for unit in units if unit]
    if not rated:
        return None, "no units"
    sizes = {len(unit) for unit in rated}
    if len(sizes) > 1:
        return None, f"units have different numbers of ratings ({min(sizes)}–{max(sizes)})"
    n = sizes.pop()
    if n < 2:
        return None, "fewer than 2 ratings per unit"
    used = {value for unit in rated for value in unit.values()}
    if categories is not None:
        unknown = used - set(categories)
        if unknown:
            raise ValueError(f"values not among the categories: {sorted(unknown)}")
    domain = sorted(used)
    if len(domain) < 2:
        return None, "only one category used"
    column = {value: index for index, value in enumerate(domain)}
    counts = np.zeros((len(rated), len(domain)), dtype=np.float64)
    for row, unit in enumerate(rated):
        for value in unit.values():
            counts[row, column[value]] += 1
    p_i = ((counts * counts).sum(axis=1) - n) / (n * (n - 1))
    p_bar = float(p_i.mean())
    p_j = counts.sum(axis=0) / (len(rated) * n)
    p_e = float((p_j * p_j).sum())
    return (p_bar - p_e) / (1.0 - p_e), None


def cohen_kappa(a_values: Sequence[str], b_values: Sequence[str]) -> float | None:
    """Cohen's kappa of two annotators over the same items, `a_values[i]` against `b_values[i]`.

    Returns None for no items, and when chance agreement is 1: both annotators gave the
    same single value to every item, so kappa = 0/0 (scikit-learn returns NaN there). Such
    a pair agrees perfectly but without variation; show percent agreement instead.
    Raises ValueError when the lists differ in length.
    """
    if len(a_values) != len(b_values):
        raise ValueError(f"cohen_kappa needs aligned lists ({len(a_values)} vs {len(b_values)})")
    n = len(a_values)
    if n == 0:
        return None
    observed = sum(1 for a, b in zip(a_values, b_values, strict=True) if a == b)
    counts_a = Counter(a_values)
    counts_b = Counter(b_values)
    # In integers, so "chance agreement is exactly 1" is decided without rounding error.
    chance = sum(count * counts_b[value] for value, count in counts_a.items())
    if chance == n * n:
        return None
    return (observed * n - chance) / (n * n - chance)


def percent_agreement(units: Sequence[Mapping[str, str]]) -> float | None:
    """Mean pairwise agreement within units.

    For each unit with at least two ratings: the share of its pairs of annotators who gave
    the same value (m ratings give m(m-1)/2 pairs); then the unweighted mean over those
    units. None when no unit has two ratings. Not chance-corrected.
    """
    shares: list[float] = []
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        same = sum(c * (c - 1) // 2 for c in Counter(unit.values()).values())
        shares.append(same / (m * (m - 1) // 2))
    if not shares:
        return None
    return sum(shares) / len(shares)


def pairwise_units(
    units: Sequence[Mapping[str, str]], a: str, b: str
) -> tuple[list[str], list[str]]:
    """The aligned values of annotators `a` and `b` over the units both rated."""
    a_values: list[str] = []
    b_values: list[str] = []
    for unit in units:
        if a in unit and b in unit:
            a_values.append(unit[a])
            b_values.append(unit[b])
    return a_values, b_values


def mean_pairwise_cohen_kappa(
    units: Sequence[Mapping[str, str]], annotators: Sequence[str]
) -> float | None:
    """Light's kappa: the mean of Cohen's kappa over annotator pairs where it is defined."""
    kappas = [
        kappa
        for a, b in combinations(annotators, 2)
        if (kappa := cohen_kappa(*pairwise_units(units, a, b))) is not None
    ]
    return sum(kappas) / len(kappas) if kappas else None
