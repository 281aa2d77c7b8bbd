"""An import reads the project a bounded number of times, not once per document (#14).

Measured on a 200 MB file: each new document's list position came from `max(position)`
over every stored document, and the column lies after the text, so every stored text
was read again for each document added: 10 MB imported in 9.6 s, 20 MB in 35 s, 200 MB
in over an hour. Bytes read are counted by the kernel (/proc/self/io), not timed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

IO = Path("/proc/self/io")


def _bytes_read() -> int:
    fields = dict(line.split(": ") for line in IO.read_text().splitlines())
    return int(fields["rchar"])


def _documents(count: int, prefix: str) -> list[AnnotatedDocument]:
    return [
        AnnotatedDocument(
            Document(id=f"{prefix}{i}", text=f"{prefix} {i} " + "word " * 2000), [], []
        )
        for i in range(count)
    ]


def test_importing_reads_the_stored_texts_a_bounded_number_of_times(tmp_path: Path) -> None:
    if not IO.exists():
        pytest.skip("no /proc/self/io (not Linux)")
    path = tmp_path / "p.annotator"
    with ProjectStore.create(path) as store:
        ingest(store, _documents(100, "old"))  # 1 MB already stored
        size = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        before = _bytes_read()
        report = ingest(store, _documents(200, "new"))  # 2 MB more, one transaction
        read = _bytes_read() - before
    assert report.documents_added == 200
    # Once per document would be 200 × (1 to 3 MB); a few passes over the project are fine.
    assert read < 20 * (size + 2_000_000), f"{read:,} bytes read for a {size:,}-byte project"
