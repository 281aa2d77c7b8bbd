"""Small annotated projects on disk, and fingerprints to prove a file was left untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

TARGET = "US restrictions on Anthropic's models"


def annotated_documents(
    count: int, annotators: tuple[str, ...], *, prefix: str = "d", spans: int = 3
) -> list[AnnotatedDocument]:
    items = []
    for i in range(count):
        text = f"Article {prefix}{i}: more than {100 + i} experts warned Washington. " * 4
        doc_spans = [
            Span(f"{prefix}{i}-{who}-{k}", "", k * 10, k * 10 + 7, "Claim", who)
            for who in annotators
            for k in range(spans)
        ]
        stances = [DocumentStance("", who, TARGET, "against") for who in annotators]
        items.append(AnnotatedDocument(Document(id=f"{prefix}{i}", text=text), doc_spans, stances))
    return items


def make_project(
    path: Path,
    annotators: tuple[str, ...] = ("alice", "bob"),
    documents: int = 6,
    *,
    prefix: str = "d",
) -> Path:
    """A closed project (WAL checkpointed into the file) with spans and stances."""
    with ProjectStore.create(path) as store:
        ingest(store, annotated_documents(documents, annotators, prefix=prefix))
    return path


def jsonl_source(path: Path, count: int = 3, *, prefix: str = "new") -> Path:
    lines = []
    for i in range(count):
        text = f"Imported {prefix} {i}: the letter was signed by many experts."
        lines.append(
            json.dumps(
                {
                    "text": text,
                    "spans": [{"start": 0, "end": 8, "text": text[:8], "label": "Claim"}],
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under `folder` (names and SHA-256 of contents): equal means untouched."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def counts(path: Path) -> tuple[int, int, int]:
    """(documents, spans, document stances) in the project at `path`."""
    with ProjectStore.open(path, read_only=True) as store:
        return (
            store.documents.count(),
            len(store.annotations.spans()),
            len(store.annotations.document_stances()),
        )
