"""Nominal coefficients against published worked examples and independent implementations."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_from_values,
    krippendorff_alpha_nominal,
    mean_pairwise_cohen_kappa,
    percent_agreement,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 coders x 12 units, missing data as None.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def units_from_columns(columns: dict[str, list[int | None]]) -> list[dict[str, str]]:
    count = len(next(iter(columns.values())))
    return [
        {coder: str(values[i]) for coder, values in columns.items() if values[i] is not None}
        for i in range(count)
    ]


def units_from_counts(table: list[list[int]]) -> list[dict[str, str]]:
    """Rater names are arbitrary for Fleiss: rater k of a unit gives its k-th rating."""
    units = []
    for row in table:
        values = [f"c{j}" for j, count in enumerate(row) for _ in range(count)]
        units.append({f"r{k}": value for k, value in enumerate(values)})
    return units


def reliability_matrix(units: list[dict[str, str]], coders: list[str]) -> np.ndarray:
    domain = {v: i for i, v in enumerate(sorted({v for u in units for v in u.values()}))}
    matrix = np.full((len(coders), len(units)), np.nan)
    for j, unit in enumerate(units):
        for i, coder in enumerate(coders):
            if coder in unit:
                matrix[i, j] = domain[unit[coder]]
    return matrix


def alpha_by_hand(units: list[dict[str, str]]) -> float | None:
    """Nominal alpha from the coincidence matrix, written out from Krippendorff (2011)."""
    coincidences: Counter[tuple[str, str]] = Counter()
    for unit in units:
        values = list(unit.values())
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for k, v in enumerate(values):
                if i != k:
                    coincidences[(c, v)] += 1 / (m - 1)
    n_c: Counter[str] = Counter()
    for (c, _), o in coincidences.items():
        n_c[c] += o
    n = sum(n_c.values())
    if n == 0:
        return None
    observed = sum(o for (c, v), o in coincidences.items() if c != v)
    expected = sum(n_c[c] * n_c[v] for c in n_c for v in n_c if c != v)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


# -- Krippendorff's alpha ------------------------------------------------------------------


def test_alpha_matches_krippendorff_2011_worked_example() -> None:
    units = units_from_columns(KRIPPENDORFF_2011)
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)
    assert alpha_by_hand(units) == pytest.approx(0.743, abs=5e-4)


def test_alpha_ignores_units_with_one_rating() -> None:
    units = units_from_columns(KRIPPENDORFF_2011)
    with_singletons = [*units, {"A": "9"}, {"B": "7"}, {}]
    assert krippendorff_alpha_nominal(with_singletons) == krippendorff_alpha_nominal(units)


def test_alpha_perfect_agreement_is_one() -> None:
    units = [{"a": "x", "b": "x"}, {"a": "y", "b": "y", "c": "y"}]
    assert krippendorff_alpha_nominal(units) == pytest.approx(1.0)


def test_alpha_undefined_without_pairable_units() -> None:
    assert krippendorff_alpha_nominal([]) is None
    assert krippendorff_alpha_nominal([{"a": "x"}, {"b": "y"}]) is None


def test_alpha_undefined_when_only_one_value_is_used() -> None:
    # The lone "y" is in an unpairable unit, so only "x" is pairable.
    assert krippendorff_alpha_nominal([{"a": "x", "b": "x"}, {"a": "y"}]) is None


def test_alpha_from_values_allows_repeated_coders() -> None:
    units = units_from_columns(KRIPPENDORFF_2011)
    as_values = [list(unit.values()) for unit in units]
    assert krippendorff_alpha_from_values(as_values) == krippendorff_alpha_nominal(units)


unit_tables = st.lists(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e"]), st.sampled_from(["x", "y", "z"]), max_size=5
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(unit_tables)
def test_alpha_agrees_with_krippendorff_package_on_reliability_data(units) -> None:
    ours = krippendorff_alpha_nominal(units)
    by_hand = alpha_by_hand(units)
    if by_hand is None:
        assert ours is None
        return
    assert ours == pytest.approx(by_hand, abs=1e-9)
    matrix = reliability_matrix(units, ["a", "b", "c", "d", "e"])
    package = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(package, abs=1e-9)


# -- Fleiss' kappa ---------------------------------------------------------------------------


def test_fleiss_matches_wikipedia_worked_example() -> None:
    kappa, reason = fleiss_kappa(units_from_counts(FLEISS_WIKIPEDIA))
    assert reason is None
    assert kappa == pytest.approx(0.20993, abs=1e-5)


def test_fleiss_unused_categories_change_nothing() -> None:
    units = units_from_counts(FLEISS_WIKIPEDIA)
    categories = [f"c{j}" for j in range(7)]
    assert fleiss_kappa(units, categories) == fleiss_kappa(units)


def test_fleiss_rejects_values_outside_the_categories() -> None:
    with pytest.raises(ValueError, match="c4"):
        fleiss_kappa(units_from_counts(FLEISS_WIKIPEDIA), ["c0", "c1", "c2", "c3"])


@pytest.mark.parametrize(
    ("units", "reason"),
    [
        ([], "no units"),
        ([{}, {}], "no units"),
        ([{"a": "x", "b": "y"}, {"a": "x", "b": "x", "c": "y"}], "(2–3)"),
        ([{"a": "x"}, {"b": "y"}], "fewer than 2 ratings per unit"),
        ([{"a": "x", "b": "x"}, {"a": "x", "b": "x"}], "only one category used"),
    ],
)
def test_fleiss_undefined_says_why(units, reason) -> None:
    kappa, why = fleiss_kappa(units)
    assert kappa is None
    assert why is not None and reason in why


def test_fleiss_reason_names_the_range_of_ratings() -> None:
    _, why = fleiss_kappa([{"a": "x", "b": "y"}, {"a": "x", "b": "x", "c": "y"}])
    assert why == "units have different numbers of ratings (2–3)"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.sampled_from(["x", "y", "z", "w"]), min_size=n, max_size=n),
            min_size=1,
            max_size=25,
        )
    )
)
def test_fleiss_agrees_with_statsmodels(rows) -> None:
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    units = [{f"r{k}": v for k, v in enumerate(row)} for row in rows]
    kappa, reason = fleiss_kappa(units)
    if len({v for row in rows for v in row}) == 1:
        assert (kappa, reason) == (None, "only one category used")
        return
    domain = sorted({v for row in rows for v in row})
    table = np.array([[row.count(c) for c in domain] for row in rows])
    assert kappa == pytest.approx(inter_rater.fleiss_kappa(table, method="fleiss"), abs=1e-9)


# -- Cohen's kappa ---------------------------------------------------------------------------


def test_cohen_matches_wikipedia_worked_example() -> None:
    # Wikipedia, "Cohen's kappa": 50 proposals; yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    a, b = zip(*pairs, strict=True)
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_undefined_when_chance_agreement_is_one() -> None:
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None
    assert cohen_kappa([], []) is None


def test_cohen_total_disagreement_on_two_values() -> None:
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    # One annotator constant, the other not: defined, and zero.
    assert cohen_kappa(["x", "x"], ["x", "y"]) == pytest.approx(0.0)


def test_cohen_rejects_unaligned_lists() -> None:
    with pytest.raises(ValueError, match="aligned"):
        cohen_kappa(["x"], ["x", "y"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["x", "y", "z"]), st.sampled_from(["x", "y", "z"])),
        min_size=1,
        max_size=40,
    )
)
def test_cohen_agrees_with_scikit_learn(pairs) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    a, b = (list(side) for side in zip(*pairs, strict=True))
    ours = cohen_kappa(a, b)
    if set(a) == set(b) and len(set(a)) == 1:
        assert ours is None
        return
    assert ours == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-9)


def test_mean_pairwise_cohen_uses_units_both_rated_and_skips_undefined_pairs() -> None:
    units = [
        {"a": "x", "b": "x", "c": "x"},
        {"a": "y", "b": "y"},
        {"a": "x", "c": "y"},
        {"b": "x", "c": "x"},
    ]
    # a-b on units 1, 2: kappa 1; a-c on units 1, 3: po = pe = 0.5, kappa 0;
    # b-c on units 1, 4: both always "x", undefined and left out of the mean.
    assert cohen_kappa(["x", "x"], ["x", "y"]) == pytest.approx(0.0)
    assert mean_pairwise_cohen_kappa(units, ["a", "b", "c"]) == pytest.approx(0.5)


# -- percent agreement -------------------------------------------------------------------------


def test_percent_agreement_is_mean_pairwise_agreement_within_units() -> None:
    units = [
        {"a": "x", "b": "x", "c": "y"},  # 1 of 3 pairs agree
        {"a": "x", "b": "x"},  # 1 of 1
        {"a": "y"},  # not pairable
    ]
    assert percent_agreement(units) == pytest.approx((1 / 3 + 1) / 2)


def test_percent_agreement_undefined_without_pairable_units() -> None:
    assert percent_agreement([{"a": "x"}, {}]) is None


@settings(max_examples=100, deadline=None)
@given(unit_tables)
def test_percent_agreement_by_pair_enumeration(units) -> None:
    shares = []
    for unit in units:
        pairs = list(combinations(unit.values(), 2))
        if pairs:
            shares.append(sum(x == y for x, y in pairs) / len(pairs))
    expected = sum(shares) / len(shares) if shares else None
    assert percent_agreement(units) == pytest.approx(expected)
