"""Repeat a measurement, take the median, and describe it as one row of the results table.

Each run starts after a full `gc.collect()` with the collector paused, so one run does not
pay for the garbage of the one before; setup (building a fresh project, choosing a new
selection) runs outside the timed region.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


def measure(
    run: Callable[[Any], object],
    *,
    repeat: int,
    setup: Callable[[], Any] | None = None,
    warmup: int = 1,
) -> list[float]:
    """Seconds taken by `run(setup())`, `repeat` times after `warmup` untimed runs."""
    times: list[float] = []
    for index in range(warmup + repeat):
        state = setup() if setup is not None else None
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run(state)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        if index >= warmup:
            times.append(elapsed)
    return times


def measure_pair(
    run: Callable[[Any], object],
    baseline: Callable[[Any], object],
    *,
    repeat: int,
    setup: Callable[[], Any] | None = None,
) -> tuple[list[float], list[float]]:
    """Like `measure` for both, but alternating run and baseline, so that a burst of load
    on a shared machine (the disk, for thousands of small files) falls on both alike."""
    times: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        times += measure(run, repeat=1, setup=setup, warmup=0 if times else 1)
        base += measure(baseline, repeat=1, setup=setup, warmup=0 if base else 1)
    return times, base


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass(slots=True)
class Row:
    """One measurement against its raw baseline and its target (None where none applies)."""

    name: str
    workload: str
    median_s: float
    baseline_s: float | None
    ratio: float | None
    target_s: float | None
    target_ratio: float | None
    met: bool
    unit: str = "s"  # "MB" for the memory row, whose *_s fields then hold megabytes

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def make_row(
    name: str,
    workload: str,
    times: list[float],
    baseline: list[float] | None = None,
    *,
    target_s: float | None = None,
    target_ratio: float | None = None,
    unit: str = "s",
) -> Row:
    """Medians, their ratio, and whether both targets that apply are met."""
    value = median(times)
    base = median(baseline) if baseline else None
    ratio = value / base if base else None
    met = (target_s is None or value <= target_s) and (
        target_ratio is None or ratio is None or ratio <= target_ratio
    )
    return Row(
        name, workload, value, base, ratio,
        None if target_s is None else float(target_s),
        None if target_ratio is None else float(target_ratio),
        met, unit,
    )  # fmt: skip
