"""Interchange formats: a registry of writers and readers, and format detection.

Every writer is ``write(docs, out, scheme, **options) -> ExportReport`` and writes
atomically; every reader is ``read(path, *, default_annotator=..., override_annotator=None,
skipped=None, **options) -> list[AnnotatedDocument]``, validates everything before
returning, raises InputError naming the file and line, and counts into `skipped`
(a `Skipped`) whatever the file holds that our model cannot. Optional dependencies (spaCy, pyarrow) are
imported only when their format is used.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument

from .brat import ann_files, read_brat
from .brat_export import write_brat, write_store_brat
from .conll import write_conll
from .csv_export import write_store_csv
from .csv_format import write_csv
from .doccano import read_doccano, write_doccano
from .input_files import read_input_bytes, refuse_unless_regular
from .json_input import DEFAULT_ANNOTATOR
from .jsonl import read_jsonl, write_jsonl
from .jsonl_export import write_store_jsonl
from .labelstudio import read_labelstudio, write_labelstudio
from .labelstudio_export import write_store_labelstudio
from .parquet import write_parquet
from .report import ExportReport
from .skipped import Skipped
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
# Writers of a whole project reading its spans as rows from SQL (#15), and the options
# each takes; `export_project` uses one when the export asks for no other option.
# Each writes what its EXPORTERS writer writes from `iter_annotated`.
STORE_EXPORTERS: dict[str, tuple[Exporter, frozenset[str]]] = {
    "jsonl": (write_store_jsonl, frozenset()),
    "csv": (write_store_csv, frozenset({"bom", "raw"})),
    "labelstudio": (write_store_labelstudio, frozenset({"users"})),
    "brat": (write_store_brat, frozenset()),
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
_DOCCANO_KEYS = {"label", "labels", "entities", "cats", "relations", "annotations", "Comments"}


def _first_json_value(path: Path) -> Any:
    """The first record: the first non-blank line as JSON, else (a pretty-printed file)
    the whole file as one JSON value, its first element when that is a list."""
    try:
        with path.open("rb") as handle:
            for raw in handle:
                if raw.strip(b" \t\r\n\xef\xbb\xbf"):
                    try:
                        return json.loads(raw.decode("utf-8-sig"))
                    except ValueError:
                        break
            else:
                return None
        value = json.loads(read_input_bytes(path).decode("utf-8-sig"))  # bounded in size
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _is_labelstudio_task(record: Any) -> bool:
    """A Label Studio task: {"data": {...}} (with annotations, predictions or completions
    beside it), as opposed to a line of ours or doccano's, which has "text" at the top."""
    return (
        isinstance(record, dict) and isinstance(record.get("data"), dict) and "text" not in record
    )


def detect_format(path: Path) -> str:
    """The format key for `path`, from its kind and a look at its content.

    A folder holding .ann files is "brat". A .json, .jsonl or .ndjson file is read as
    JSON Lines or, when its first line is not a whole JSON value, as one (pretty-printed)
    JSON object or array; its first record decides: a Label Studio task ("data" and no
    top-level "text") is "labelstudio", a record with doccano keys (including doccano
    1.0's "annotations") and none of ours is "doccano", anything else "jsonl". A .json
    list of anything but tasks is refused. .txt, .md/.markdown and .html/.htm are
    "text", "markdown", "html". Raises InputError when nothing fits.
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
                first = _first_json_value(path)
                if b'"data"' in head or first is None or _is_labelstudio_task(first):
                    return "labelstudio"
                if isinstance(first, dict) and "text" in first:
                    return "labelstudio"  # Label Studio also takes tasks without "data"
                raise InputError("a JSON list, but not of Label Studio tasks", path=str(path))
        record = _first_json_value(path)
        if _is_labelstudio_task(record):
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
    kind: str,
    path: Path,
    *,
    annotator: str | None = None,
    skipped: Skipped | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read `path` as format `kind`; `annotator` names whoever the file leaves unnamed.

    What the file holds that the project cannot is counted into `skipped`; `options`
    go to the reader (brat: ``annotator_folders``).
    """
    try:
        reader = IMPORTERS[kind]
    except KeyError:
        known = ", ".join(sorted(IMPORTERS))
        raise InputError(
            f"cannot import format {kind!r} (known: {known})", path=str(path)
        ) from None
    return reader(
        Path(path),
        default_annotator=annotator or DEFAULT_ANNOTATOR,
        skipped=skipped if skipped is not None else Skipped(),
        **options,
    )


__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "STORE_EXPORTERS",
    "ExportReport",
    "Skipped",
    "detect_format",
    "read_annotations",
]
