"""benchmarks/headroom.py: a row holds only with its margin spare, in every run."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import headroom


def _row(name: str, median: float, *, target_s=None, ratio=None, target_ratio=None) -> dict:
    return {
        "name": name, "workload": "w", "median_s": median, "baseline_s": None, "ratio": ratio,
        "target_s": target_s, "target_ratio": target_ratio, "met": True, "unit": "s",
    }  # fmt: skip


def test_a_row_holds_only_with_a_quarter_spare() -> None:
    assert headroom.holds(_row("a", 0.8, target_s=1.0), 0.25)
    assert not headroom.holds(_row("a", 0.81, target_s=1.0), 0.25)  # met, but no headroom
    assert headroom.holds(_row("b", 9.0, ratio=1.6, target_ratio=2.0), 0.25)
    assert not headroom.holds(_row("b", 9.0, ratio=1.7, target_ratio=2.0), 0.25)
    assert not headroom.holds(_row("c", 0.5, target_s=1.0, ratio=1.7, target_ratio=2.0), 0.25)
    assert headroom.holds(_row("d", 123.0), 0.25)  # no target: nothing to miss


def test_one_bad_run_of_three_is_a_miss(tmp_path: Path, capsys) -> None:
    paths = []
    for i, median in enumerate([0.5, 0.9, 0.5]):
        path = tmp_path / f"run{i}.json"
        path.write_text(json.dumps([_row("open", median, target_s=1.0)]), encoding="utf-8")
        paths.append(str(path))
    assert headroom.main(paths) == 1
    out = capsys.readouterr().out
    assert "MISS open" in out and "worst spare 1.11x" in out
    assert headroom.main([paths[0], paths[2]]) == 0


def test_a_row_missing_from_a_run_is_a_miss(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    one.write_text(json.dumps([_row("a", 0.1, target_s=1.0), _row("b", 0.1, target_s=1.0)]))
    two.write_text(json.dumps([_row("a", 0.1, target_s=1.0)]))
    assert headroom.main([str(one), str(two)]) == 1


def test_quick_runs_are_refused(tmp_path: Path) -> None:
    quick = _row("a", 0.1, target_s=1.0) | {"met": None}
    path = tmp_path / "quick.json"
    path.write_text(json.dumps([quick]))
    assert headroom.main([str(path)]) == 2
