"""The schema version constant matches the migrations, and opening needs no sqlite-utils."""

from __future__ import annotations

import subprocess
import sys

from annotator.store import schema, schema_version


def test_version_constant_counts_the_migrations() -> None:
    assert (
        schema_version.SCHEMA_VERSION == schema.SCHEMA_VERSION == len(schema.migrations._migrations)
    )


def test_opening_a_current_project_does_not_import_sqlite_utils(tmp_path) -> None:
    path = tmp_path / "p.annotator"
    code = (
        "import sys; from annotator.store.project_store import ProjectStore\n"
        f"ProjectStore.create({str(path)!r}).close()\n"
        "for name in [m for m in sys.modules if m.startswith('sqlite_utils')]: del sys.modules[name]\n"
        f"ProjectStore.open({str(path)!r}).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
