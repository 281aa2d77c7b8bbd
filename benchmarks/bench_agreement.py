"""Agreement over a project: 5 annotators × 2,000 documents' stances and 50,000 spans."""

from __future__ import annotations

import math
from pathlib import Path

import krippendorff
import numpy as np

from annotator.core.model import AnnotatedDocument
from annotator.services.agreement_service import project_agreement
from annotator.store.project_store import ProjectStore
from benchmarks import workloads
from benchmarks.context import Context
from benchmarks.timing import Row, make_row, measure

AREA = "agreement"
NAMES = ("agreement",)


def reliability_matrix(items: list[AnnotatedDocument]) -> np.ndarray:
    """Annotators × units of stance codes, NaN where an annotator gave none."""
    codes = {name: code for code, name in enumerate(workloads.STANCES)}
    names = {name: row for row, name in enumerate(workloads.ANNOTATORS)}
    matrix = np.full((len(names), len(items)), math.nan)
    for column, item in enumerate(items):
        for stance in item.stances:
            matrix[names[stance.annotator], column] = codes[stance.stance]
    return matrix


def run(ctx: Context) -> list[Row]:
    if not ctx.wants(AREA, "agreement"):
        return []
    items = workloads.agreement_corpus(ctx.size(2000, 10), ctx.size(50_000))
    path: Path = workloads.build_project(ctx.path("agreement.annotator"), items)
    repeat = ctx.repeat(3)
    with ProjectStore.open(path) as store:
        times = measure(lambda _: project_agreement(store), repeat=repeat)
    matrix = reliability_matrix(items)
    baseline = measure(
        lambda _: krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"),
        repeat=repeat,
    )
    workload = (
        f"5 annotators × {len(items):,} documents (stances), {workloads.total_spans(items):,} spans"
    )
    return [make_row("agreement", workload, times, baseline, target_s=1.0)]
