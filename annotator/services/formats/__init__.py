"""Interchange formats: a registry of writers and readers, and format detection.

Every writer is ``write(docs, out, scheme, **options) -> ExportReport`` and writes
atomically; every reader is ``read(path, *, default_annotator=..., override_annotator=None)
-> list[AnnotatedDocument]``, validates everything before returning, and raises
InputError naming the file and line. Optional dependencies (spaCy, pyarrow) are
imported only when their format is used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument

from .brat import ann_files, read_brat, write_brat
from .conll import write_conll
from .csv_format import write_csv
from .doccano import read_doccano, write_doccano
from .input_files import refuse_unless_regular
from .json_input import DEFAULT_ANNOTATOR
from .jsonl import read_jsonl, write_jsonl
from .labelstudio import read_labelstudio, write_labelstudio
from .parquet import write_parquet
from .report import ExportReport
from .spacy_docbin import write_spacy

Exporter = Callable[..., ExportReport]
Importer = Callable[..., list[AnnotatedDocument]]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "doccano": write_doccano,
    "labelstudio": write_labelstudio,
    "brat": write_brat,
    "conll": write_conll,
    "spacy": write_spacy,
    "parquet": write_parquet,
}
IMPORTERS: dict[str, Importer] = {
    "jsonl": read_jsonl,
    "doccano": read_doccano,
    "labelstudio": read_labelstudio,
    "brat": read_brat,
}
PLAIN_KINDS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_NATIVE_KEYS = {"spans", "stances", "sha256"}
_DOCCANO_KEYS = {"label", "labels", "entities", "cats", "relations"}


def _first_json_line(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip(b" \t\r\n\xef\xbb\xbf"):
                    return json.loads(raw.decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None
    return None


def detect_format(path: Path) -> str:
    """The format key for `path`, from its kind and a look at its content.

    A folder holding .ann files is "brat"; a .jsonl (or .ndjson) file is "doccano"
    when its first record has doccano keys and none of ours, else "jsonl"; a .json
    file holding a list of tasks with "data" is "labelstudio" (else "jsonl" when it
    is JSON Lines); .txt, .md/.markdown and .html/.htm are "text", "markdown",
    "html". Raises InputError when nothing fits.
    """
    path = Path(path)
    refuse_unless_regular(path)  # peeking into a FIFO would block
    if path.is_dir():
        if ann_files(path):
            return "brat"
        raise InputError("the folder holds no brat .ann files", path=str(path))
    suffix = path.suffix.lower()
    if suffix in PLAIN_KINDS:
        return PLAIN_KINDS[suffix]
    if suffix in (".jsonl", ".ndjson", ".json"):
        if suffix == ".json":
            try:
                with path.open("rb") as handle:
                    head = handle.read(4096).lstrip(b" \t\r\n\xef\xbb\xbf")
            except OSError as exc:
                raise InputError(f"cannot read the file: {exc.strerror}", path=str(path)) from None
            if head.startswith(b"["):
                if b'"data"' in head or head[1:].lstrip().startswith(b"]"):
                    return "labelstudio"
                raise InputError("a JSON list, but not of Label Studio tasks", path=str(path))
        record = _first_json_line(path)
        if isinstance(record, dict) and "data" in record and "text" not in record:
            return "labelstudio"
        if (
            isinstance(record, dict)
            and not (_NATIVE_KEYS & record.keys())
            and (_DOCCANO_KEYS & record.keys())
        ):
            return "doccano"
        return "jsonl"
    raise InputError(
        "unknown file type; use .txt, .md, .html, .jsonl, .json or a brat folder",
        path=str(path),
    )


def read_annotations(
    kind: str, path: Path, *, annotator: str | None = None
) -> list[AnnotatedDocument]:
    """Read `path` as format `kind`; `annotator` names whoever the file leaves unnamed."""
    try:
        reader = IMPORTERS[kind]
    except KeyError:
        known = ", ".join(sorted(IMPORTERS))
        raise InputError(
            f"cannot import format {kind!r} (known: {known})", path=str(path)
        ) from None
    return reader(Path(path), default_annotator=annotator or DEFAULT_ANNOTATOR)


__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "ExportReport",
    "detect_format",
    "read_annotations",
]
