"""Import files into a project: plain text, Markdown, HTML and annotation formats.

All files of one import are stored in one transaction: a bad file (named with its
line) means nothing of the import is stored. Native JSONL is streamed into it. Whatever a
file holds that the project cannot (relations, comments, other tools' attributes...)
is counted per kind and reported; a strict import refuses such files instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document, DocumentFormat, ImportReport
from annotator.core.text_rules import NUL_REFUSED, nul_line
from annotator.services import rich_text
from annotator.services.formats import Skipped, detect_format, read_annotations
from annotator.services.formats.input_files import read_input_bytes, refuse_unless_regular
from annotator.services.formats.json_input import DEFAULT_ANNOTATOR
from annotator.services.formats.jsonl_stream import RepeatedDocumentError, iter_jsonl
from annotator.services.formats.text_encoding import bom_encoding, encoding_hint
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

PLAIN_FORMATS = ("text", "markdown", "html")
MAX_TITLE_LENGTH = 160


class ImportCancelledError(Exception):
    """`progress` returned False: the import's transaction was rolled back, nothing stored."""


Progress = Callable[[int, int], bool]


def import_files(
    store: ProjectStore,
    paths: Sequence[Path | str],
    *,
    annotator: str | None = None,
    format: str | None = None,
    strict: bool = False,
    brat_annotator_folders: bool | None = None,
    progress: Progress | None = None,
    on_file: Callable[[int], None] | None = None,
) -> ImportReport:
    """Read every file in `paths` and store them all, or raise InputError and store nothing.

    `annotator` names who made annotations that carry no annotator (and, for formats
    without annotators, all of them). `format` forces a format instead of detection.
    The report's `skipped` says, per kind, what the files held that the project cannot;
    with `strict` such files raise InputError instead. `brat_annotator_folders`: see
    `read_file`. Raises DamagedProjectError (and writes nothing) when the project is damaged.

    Native JSONL is streamed: parsed a line at a time and stored in batches inside the
    one transaction, so memory does not grow with the file (a file naming a document
    twice is read whole instead, to merge the repeats). `progress(bytes done, bytes in
    all)` is called as documents are read; returning False raises ImportCancelledError
    and the transaction rolls back. `on_file(index)` hears each file start being read.
    """
    store.verify()  # writing into a damaged file would spread the damage
    skipped = Skipped()
    with store.write() as conn:
        # A savepoint, not the transaction: inside a caller's transaction (the GUI's
        # recorded import) a repeat must undo only what the streamed attempt stored.
        conn.execute("SAVEPOINT streamed_import")
        try:
            report = ingest(
                store,
                _streamed(
                    paths,
                    skipped,
                    strict,
                    progress,
                    on_file,
                    annotator=annotator,
                    format=format,
                    brat_annotator_folders=brat_annotator_folders,
                ),
            )
        except RepeatedDocumentError:
            conn.execute("ROLLBACK TO streamed_import")
            conn.execute("RELEASE streamed_import")
            skipped = Skipped()
            documents = read_files(
                paths,
                annotator=annotator,
                format=format,
                skipped=skipped,
                brat_annotator_folders=brat_annotator_folders,
            )
            if strict:
                skipped.raise_if_any()
            report = ingest(store, documents)
        else:
            conn.execute("RELEASE streamed_import")
    report.skipped = skipped.lines()
    report.skipped_counts = dict(skipped.counts)
    return report


def _streamed(
    paths: Sequence[Path | str],
    skipped: Skipped,
    strict: bool,
    progress: Progress | None,
    on_file: Callable[[int], None] | None,
    *,
    annotator: str | None,
    format: str | None,
    brat_annotator_folders: bool | None,
) -> Iterator[AnnotatedDocument]:
    """The documents of `paths` in order: native JSONL a line at a time, the rest whole.
    Runs inside the import's transaction: any error (or a cancel) rolls it back."""
    sizes = [input_size(Path(p)) for p in paths]
    total, done = sum(sizes), 0
    for index, (raw_path, size) in enumerate(zip(paths, sizes, strict=True)):
        path = Path(raw_path)
        if on_file is not None:
            on_file(index)
        read = [0]
        if _kind(path, format) == "jsonl":
            documents: Iterable[AnnotatedDocument] = iter_jsonl(
                path, default_annotator=annotator or DEFAULT_ANNOTATOR, read=read
            )
        else:
            documents = read_file(
                path,
                annotator=annotator,
                format=format,
                skipped=skipped,
                brat_annotator_folders=brat_annotator_folders,
            )
        for document in documents:
            if progress is not None and not progress(done + min(read[0], size), total):
                raise ImportCancelledError()
            yield document
        done += size
    if strict:
        skipped.raise_if_any()
    if progress is not None and not progress(total, total):
        raise ImportCancelledError()


def _kind(path: Path, format: str | None) -> str | None:
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    refuse_unless_regular(path)  # before detection peeks into it: a FIFO would block
    return format or detect_format(path)


def input_size(path: Path) -> int:
    """The bytes of a file to read (0 for a folder or what cannot be read yet)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def read_files(
    paths: Sequence[Path | str],
    *,
    annotator: str | None = None,
    format: str | None = None,
    skipped: Skipped | None = None,
    brat_annotator_folders: bool | None = None,
) -> list[AnnotatedDocument]:
    """Parse and validate every file first (the GUI stores them as one undoable command).

    What the files hold that the project cannot is counted into `skipped`.
    """
    documents: list[AnnotatedDocument] = []
    for raw_path in paths:
        documents.extend(
            read_file(
                Path(raw_path),
                annotator=annotator,
                format=format,
                skipped=skipped,
                brat_annotator_folders=brat_annotator_folders,
            )
        )
    return documents


def read_file(
    path: Path,
    *,
    annotator: str | None = None,
    format: str | None = None,
    skipped: Skipped | None = None,
    brat_annotator_folders: bool | None = None,
) -> list[AnnotatedDocument]:
    """One file (or brat folder) as annotated documents; raises InputError naming the file.

    `brat_annotator_folders`: True reads a brat folder's sub-folders as one annotator
    each, False as collections of documents, None (default) decides from the folders
    (annotators only when every sub-folder holds the same file names with the same texts).
    """
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    refuse_unless_regular(path)  # before detection peeks into it: a FIFO would block
    kind = format or detect_format(path)
    if kind in PLAIN_FORMATS:
        return [read_plain_document(path, kind)]
    options = {"annotator_folders": brat_annotator_folders} if kind == "brat" else {}
    return read_annotations(kind, path, annotator=annotator, skipped=skipped, **options)


def read_plain_document(path: Path, kind: str) -> AnnotatedDocument:
    """A text, Markdown or HTML file as one document with no annotations yet."""
    source = _decode(path)
    try:
        return _converted(path, kind, source)
    except rich_text.MarkupTooComplexError as exc:
        raise InputError(
            f"refused: {exc.problem.reason}, beyond what can be rendered safely;"
            " import it as plain text (.txt) instead",
            path=str(path),
            line=exc.problem.line,
        ) from None


def _converted(path: Path, kind: str, source: str) -> AnnotatedDocument:
    if kind == "markdown":
        converted = rich_text.markdown_to_text(source)
        text, styles, title, doc_format = (
            converted.text,
            converted.styles,
            converted.title,
            DocumentFormat.MARKDOWN,
        )
    elif kind == "html":
        converted = rich_text.html_to_text(source)
        text, styles, title, doc_format = (
            converted.text,
            converted.styles,
            converted.title,
            DocumentFormat.HTML,
        )
    else:
        # Plain text carries no offsets yet, so line endings may be normalised safely.
        text = rich_text.plain_text_normalise(source)
        styles, title, doc_format = rich_text.guess_plain_text_styles(text), "", DocumentFormat.TEXT
    if not text.strip():
        raise InputError("the file has no text to annotate", path=str(path))
    return AnnotatedDocument(
        Document(
            id="",
            text=text,
            title=title or _first_line(text) or path.stem,
            format=doc_format,
            styles=tuple(styles),
        )
    )


def _decode(path: Path) -> str:
    data = read_input_bytes(path)
    wide = bom_encoding(data)
    try:
        # A UTF-16/32 byte order mark is unambiguous (Windows Notepad writes one): decode.
        text = data.decode(wide or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"the file is not UTF-8 text: {encoding_hint(data)}; save it as UTF-8 and import again",
            path=str(path),
            line=line,
        ) from None
    nul_at = nul_line(text)
    if nul_at is not None:
        raise InputError(NUL_REFUSED, path=str(path), line=nul_at)
    return text


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= MAX_TITLE_LENGTH else line[: MAX_TITLE_LENGTH - 1] + "…"
    return ""
