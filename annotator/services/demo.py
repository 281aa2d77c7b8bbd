"""The demo project: the seed articles, with their titles and outlets from seeds/metadata.json."""

from __future__ import annotations

import json
import os
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.model import AnnotatedDocument, Document, ImportReport, text_sha256
from annotator.services import rich_text
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore


def seeds_folder() -> Path:
    """Where the seed articles are: $ANNOTATOR_SEEDS, else the checkout's seeds/ folder."""
    configured = os.environ.get("ANNOTATOR_SEEDS")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parents[2] / "seeds")
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    raise ProjectError("The seed articles were not found; set ANNOTATOR_SEEDS to the seeds folder.")


def demo_documents(folder: Path | None = None) -> list[AnnotatedDocument]:
    folder = folder or seeds_folder()
    metadata_file = folder / "metadata.json"
    metadata = json.loads(metadata_file.read_text("utf-8")) if metadata_file.exists() else {}
    documents = []
    for path in sorted(folder.glob("*.txt")):
        text = rich_text.plain_text_normalise(path.read_text("utf-8"))
        meta = metadata.get(path.name, {})
        documents.append(
            AnnotatedDocument(
                Document(
                    id=path.stem,
                    text=text,
                    title=meta.get("title", path.stem),
                    source=meta.get("source", ""),
                    url=meta.get("url", ""),
                    published=meta.get("published", ""),
                    styles=rich_text.guess_plain_text_styles(text),
                    sha256=text_sha256(text),
                )
            )
        )
    return documents


def load_demo(store: ProjectStore, folder: Path | None = None) -> ImportReport:
    """Add the seed articles to `store` (again adds nothing: documents match by text)."""
    return ingest(store, demo_documents(folder))
