"""Shared fixtures. Qt runs offscreen everywhere (no display in CI)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

# Shared, noisy machines: a slow example is not a failure (speed is benchmarks/' job), and
# CI must not depend on an example database left by an earlier run.
settings.register_profile(
    "annotator",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("annotator")

SAMPLE_TEXTS = {
    "en": "More than 160 experts warned Washington.\nThe ban is “dangerous”, the letter said.",
    "emoji": "Experts 👩‍💻 protest 🇺🇸 restrictions 😀 on AI.\r\nSecond line with é (e\u0301) too.",
    "cjk": "专家警告华盛顿：限制人工智能模型可能适得其反。\nמומחים מזהירים את וושינגטון.",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "test.annotator"


@pytest.fixture
def store(project_path: Path):
    """A fresh project with three small documents (English, emoji + CRLF, CJK + Hebrew)."""
    project = ProjectStore.create(project_path)
    ingest(
        project,
        [
            AnnotatedDocument(
                Document(id=key, text=text, title=f"{key} article", source=f"{key} outlet")
            )
            for key, text in SAMPLE_TEXTS.items()
        ],
    )
    yield project
    project.close()


@pytest.fixture
def store_with_spans(store: ProjectStore) -> ProjectStore:
    """`store` plus a few spans by alice and bob on the English document."""
    text = SAMPLE_TEXTS["en"]
    start = text.index("More than 160 experts")
    store.annotations.add_span(Span("a1", "en", start, start + 21, "Claim", "alice", "against"))
    store.annotations.add_span(Span("a2", "en", start + 10, start + 13, "Evidence", "alice"))
    store.annotations.add_span(Span("b1", "en", start, start + 21, "Claim", "bob", "favor"))
    return store


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the whole session (tests/support/postgres_server.py).

    Never skipped: if no server can be had, every test that needs one fails and says why.
    """
    from tests.support import postgres_server

    server, stop = postgres_server.start()
    yield server
    stop()
