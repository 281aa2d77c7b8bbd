"""Native JSONL read as a stream: one document at a time, for an import that stores them
in batches as they come (#15), so that memory does not grow with the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.model import AnnotatedDocument

from .claim_records import ClaimGatherer
from .document_collector import DocumentCollector
from .json_input import DEFAULT_ANNOTATOR, Where, iter_json_records
from .jsonl import read_record


class RepeatedDocumentError(Exception):
    """A streamed read met a document id a second time: the caller reads the file whole
    instead (`read_jsonl` merges repeats, which a stream cannot: the first is stored)."""


def iter_jsonl(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    read: list[int] | None = None,
) -> Iterator[AnnotatedDocument]:
    """`read_jsonl` one document at a time, holding only the current line and the ids
    seen: the same documents, checks and errors, for a file that names each document once;
    a repeated id raises RepeatedDocumentError. The claims and relations the file holds
    (and those its spans imply) are put on the first document after the last line is
    read, so a consumer takes them from it at the end. `read[0]` follows the bytes read.
    A document whose spans all have the common shape carries them as `span_rows`, for
    `ingest` (the stream's one consumer: an import)."""
    path = Path(path)
    claims = ClaimGatherer(default_annotator, override_annotator)
    seen: set[str] = set()
    first: AnnotatedDocument | None = None
    for number, record in iter_json_records(path, read):
        where = Where(path, number)
        document = read_record(
            record, where, default_annotator, override_annotator, claims, rows=True
        )
        if document is None:
            continue
        if document.document.id in seen:
            raise RepeatedDocumentError(document.document.id)
        seen.add(document.document.id)
        DocumentCollector.check_first(document, where)
        first = first or document
        yield document
    if first is not None:
        claims.finish([first])
