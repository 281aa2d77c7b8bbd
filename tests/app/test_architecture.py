"""Layering rules that import-linter cannot see: the GUI reaches SQLite only through the store."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "annotator"


def test_gui_never_touches_the_connection_or_sql() -> None:
    offenders = []
    for path in (PACKAGE / "gui").rglob("*.py"):  # every room too
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if re.search(
                r"\.conn\b|\.execute(many)?\(|\bBEGIN\b|\bINSERT INTO\b|\bDELETE FROM\b", line
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_core_store_and_services_import_without_qt() -> None:
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None  # any import of Qt now fails\n"
        "import annotator.core.agreement, annotator.store.project_store, annotator.services.export\n"
        "import annotator.services.document_import, annotator.services.merge, annotator.services.adjudication\n"
        "import annotator.services.agreement_service, annotator.app.cli\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
