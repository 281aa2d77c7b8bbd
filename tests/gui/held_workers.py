"""Stopping a background job's worker at a chosen call, and finding its progress dialog.

The tests of import, merge and a bulk undo hold the worker mid-way to press Cancel, close
the project or watch the dialog appear. Every hold is released at the test's teardown
(`HeldWorkers.release`, called by the window fixtures before they close the project), so
a failed assertion never leaves a worker blocked for 30 s, which crashed the teardown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from annotator.gui.shell.background_job import BackgroundJob
from annotator.gui.shell.job_progress import JobProgressDialog

HOLD_S = 30  # a worker waits at most this long for the test to let it go


class HeldWorkers:
    """The holds a test made; `release()` lets every one of them go."""

    def __init__(self) -> None:
        self._go_on: list[threading.Event] = []

    def at_call(
        self,
        monkeypatch: pytest.MonkeyPatch,
        owner: object,
        name: str,
        at_call: int = 1,
        *,
        after: bool = False,
    ) -> tuple[threading.Event, threading.Event]:
        """Replace `owner.name` so that its `at_call`-th call (on the worker) stops, before
        the real call (or `after` it returned), until the test sets `go_on`; `held` is set
        once the worker stopped there."""
        held, go_on = threading.Event(), threading.Event()
        self._go_on.append(go_on)
        real: Callable[..., Any] = getattr(owner, name)
        calls: list[int] = []

        def stop() -> None:
            held.set()
            assert go_on.wait(HOLD_S)

        def holding(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            stops = len(calls) == at_call
            if stops and not after:
                stop()
            result = real(*args, **kwargs)
            if stops and after:
                stop()
            return result

        monkeypatch.setattr(owner, name, holding)
        return held, go_on

    def release(self) -> None:
        for go_on in self._go_on:
            go_on.set()
        self._go_on.clear()


def progress_dialog(job: BackgroundJob | None = None) -> JobProgressDialog | None:
    """The visible progress dialog of `job` (None: of any job)."""
    visible = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, JobProgressDialog) and w.isVisible() and (job is None or w.job() is job)
    ]
    return visible[0] if visible else None
