"""No test may assert a wall-clock duration: speed belongs to benchmarks/ (issue #14).

A duration assertion fails on a loaded machine (a 1.0 s limit measured 2.06 s in a
fresh-clone `make check`) while proving nothing about correctness. This scans every test
module's syntax tree: a value computed from a clock (time.perf_counter, monotonic, time,
process_time, their _ns forms, timeit, datetime.now) and every name assigned from one,
directly or through arithmetic, may be used for waiting, never ordered (<, <=, >, >=)
inside an `assert`.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
_CLOCKS = {
    "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time", "time_ns",
    "process_time", "process_time_ns", "thread_time", "thread_time_ns", "timeit",
    "default_timer", "now", "utcnow",
}  # fmt: skip


def _is_clock_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _CLOCKS


_NUMERIC = {"round", "abs", "float", "int", "min", "max", "sum"}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _derived(node: ast.AST, tainted: set[str]) -> bool:
    """Whether `node` computes a number from a clock: a clock call, a name holding one,
    arithmetic on one, an attribute of one (`delta.seconds`, `.total_seconds()`) or
    round()/abs()... of one. A clock value passed to another function is data, not a
    measurement (`backup.on_open(datetime.now())`)."""
    if _is_clock_call(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in tainted
    if isinstance(node, ast.BinOp):
        return _derived(node.left, tainted) or _derived(node.right, tainted)
    if isinstance(node, ast.UnaryOp):
        return _derived(node.operand, tainted)
    if isinstance(node, ast.Attribute):
        return _derived(node.value, tainted)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute):
            return _derived(node.func.value, tainted)
        if isinstance(node.func, ast.Name) and node.func.id in _NUMERIC:
            return any(_derived(arg, tainted) for arg in node.args)
    return False


def _targets(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
        targets = [node.target]
    else:
        return []
    return [sub.id for t in targets for sub in ast.walk(t) if isinstance(sub, ast.Name)]


def duration_assertions(source: str, filename: str = "<test>") -> list[str]:
    """'file:line' of every assert that orders (<, <=, >, >=) a clock-derived value."""
    tree = ast.parse(source, filename)
    found = []
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
        tainted: set[str] = set()
        assignments = [n for n in ast.walk(scope) if _targets(n)]
        changed = True
        while changed:  # names computed from names computed from a clock, to a fixed point
            changed = False
            for node in assignments:
                value = getattr(node, "value", None)
                if value is not None and _derived(value, tainted):
                    new = set(_targets(node)) - tainted
                    if new:
                        tainted |= new
                        changed = True
        for node in ast.walk(scope):
            if isinstance(node, ast.Assert) and any(
                isinstance(sub, ast.Compare)
                and any(isinstance(op, _ORDERING) for op in sub.ops)
                and any(_derived(side, tainted) for side in [sub.left, *sub.comparators])
                for sub in ast.walk(node.test)
            ):
                found.append(f"{filename}:{node.lineno}")
    return sorted(set(found))


def test_no_test_asserts_a_duration() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        offenders += duration_assertions(path.read_text("utf-8"), str(path.relative_to(TESTS)))
    assert offenders == [], "speed belongs to benchmarks/, not to assertions: " + ", ".join(
        offenders
    )


def test_the_scan_finds_direct_derived_and_datetime_durations() -> None:
    direct = "import time\ndef test():\n    t = time.perf_counter()\n    assert time.perf_counter() - t < 1\n"
    derived = (
        "from time import monotonic\ndef test():\n    a = monotonic()\n    run()\n"
        "    elapsed = monotonic() - a\n    ms = elapsed * 1000\n    assert ms <= 16, ms\n"
    )
    wall = "import datetime\ndef test():\n    assert (datetime.datetime.now() - s).seconds < 2\n"
    assert duration_assertions(direct) == ["<test>:4"]
    assert duration_assertions(derived) == ["<test>:7"]
    assert duration_assertions(wall) == ["<test>:3"]


def test_the_scan_allows_clock_values_as_data() -> None:
    data = (
        "from datetime import datetime\ndef test():\n    made = backup(datetime.now())\n"
        "    assert made is not None\n    assert count(datetime.now()) >= 1\n"
    )
    assert duration_assertions(data) == []


def test_the_scan_allows_waiting_on_a_clock() -> None:
    waiting = (
        "import time\ndef test():\n    deadline = time.monotonic() + 1\n"
        "    while time.monotonic() < deadline:\n        poll()\n    assert done()\n"
    )
    assert duration_assertions(waiting) == []
