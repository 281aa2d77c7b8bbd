"""The demo project: the seed articles, with their titles and outlets from seeds/metadata.json."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, Document, ImportReport, text_sha256
from annotator.services import rich_text
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


def seeds_folder() -> Traversable:
    """The seed articles shipped as package data (`seeds/` in a checkout, `annotator/seeds`
    in a wheel or bundle); ProjectError when this installation lacks them."""
    folder = resources.files("annotator") / "seeds"
    if folder.is_dir() and any(entry.name.endswith(".txt") for entry in folder.iterdir()):
        return folder
    raise ProjectError(
        "The seed articles are missing from this installation (annotator/seeds); reinstall it."
    )


def demo_documents(folder: Path | Traversable | None = None) -> list[AnnotatedDocument]:
    folder = folder or seeds_folder()
    metadata_file = folder / "metadata.json"
    metadata = json.loads(metadata_file.read_text("utf-8")) if metadata_file.is_file() else {}
    documents = []
    articles = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".txt")), key=lambda e: e.name
    )
    for article in articles:
        stem = article.name.removesuffix(".txt")
        text = rich_text.plain_text_normalise(article.read_text("utf-8"))
        meta = metadata.get(article.name, {})
        documents.append(
            AnnotatedDocument(
                Document(
                    id=stem,
                    text=text,
                    title=meta.get("title", stem),
                    source=meta.get("source", ""),
                    url=meta.get("url", ""),
                    published=meta.get("published", ""),
                    styles=rich_text.guess_plain_text_styles(text),
                    sha256=text_sha256(text),
                )
            )
        )
    return documents


def load_demo(store: ProjectStore, folder: Path | Traversable | None = None) -> ImportReport:
    """Add the seed articles to `store` (again adds nothing: documents match by text)."""
    return ingest(store, demo_documents(folder))
