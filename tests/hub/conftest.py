"""A fresh hub database per test, on the session's PostgreSQL server."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument, Document
from annotator.hub import admin
from annotator.hub.address import with_user
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

_numbers = itertools.count()
TEXTS = [
    "More than 160 experts warned Washington against the ban.",
    "The ban is dangerous, the letter said. Officials disagreed.",
]


class Hub:
    """One hub database: its owner's URL, and each person's."""

    def __init__(self, owner_url: str):
        self.owner = owner_url

    def url(self, person: str) -> str:
        return with_user(self.owner, person)


@pytest.fixture
def lead_project(tmp_path: Path) -> Path:
    """The lead's project: two articles and the default scheme."""
    path = tmp_path / "lead.annotator"
    with ProjectStore.created(path) as store:
        ingest(
            store,
            [
                AnnotatedDocument(Document(id=f"d{i}", text=t, title=f"Article {i}"))
                for i, t in enumerate(TEXTS)
            ],
        )
    return path


@pytest.fixture
def hub(postgres, lead_project: Path) -> Hub:
    """A hub made from `lead_project`, with annotators alice and bob and reviewer rita."""
    owner = postgres.new_database(f"hub_test_{next(_numbers)}")
    admin.init(owner, lead_project)
    made = Hub(owner)
    for name, role in (("alice", "annotator"), ("bob", "annotator"), ("rita", "reviewer")):
        admin.grant(owner, name, role)
    return made


def new_copy(tmp_path: Path, name: str) -> Path:
    """An empty project (`annotator init`), to become a working copy on its first sync."""
    path = tmp_path / f"{name}.annotator"
    ProjectStore.create(path).close()
    return path
