"""What every benchmark is given: sizes (full or quick), a scratch folder, a cache, the filter."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUICK_DIVISOR = 20


@dataclass
class Context:
    quick: bool
    scratch: Path
    workload_file: Path | None = None
    only: set[str] = field(default_factory=set)
    _cache: dict[str, Any] = field(default_factory=dict)

    def size(self, full: int, minimum: int = 1) -> int:
        """`full` in a full run, about a twentieth of it with --quick."""
        return max(minimum, full // QUICK_DIVISOR) if self.quick else full

    def repeat(self, full: int) -> int:
        return max(2, full // 3) if self.quick else full

    def wants(self, area: str, name: str) -> bool:
        """--only NAME selects a whole area (gui_open) or one measurement (open_document)."""
        return not self.only or area in self.only or name in self.only

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """Workloads shared by several areas are built once per run."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def path(self, name: str) -> Path:
        return self.scratch / name

    def cache_file(self, name: str) -> Path:
        """Where a large generated workload is kept between runs (see `cache_folder`)."""
        return cache_folder() / name


def cache_folder() -> Path:
    """benchmarks/.cache/<hash of the workload generator> (or $ANNOTATOR_BENCH_CACHE/...).

    Large workloads take longer to generate than to measure, so they are written once.
    They are deterministic from their seed and sizes (both in the file names), and the
    folder is named after the generator's source: editing workloads.py starts afresh.
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256((here / "workloads.py").read_bytes()).hexdigest()[:12]
    root = Path(os.environ.get("ANNOTATOR_BENCH_CACHE") or here / ".cache")
    folder = root / digest
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def qt_app() -> Any:
    """The one QApplication of this process, offscreen, with the app's stylesheet."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from annotator.gui.shell.resources import load_stylesheet

    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_quiet)
        app = QApplication(["annotator-bench"])
        app.setStyleSheet(load_stylesheet())
    return app


def _quiet(mode: object, context: object, message: str) -> None:
    # The offscreen platform says this on every top-level show; it means nothing here.
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def settle() -> None:
    """Deliver posted events (queued signals, layout, update requests) until none are left."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    QApplication.sendPostedEvents()
