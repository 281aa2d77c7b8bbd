"""Import files into a project: plain text, Markdown, HTML and annotation formats.

All files of one import are read and validated first, then stored in one transaction:
a bad file (named with its line) means nothing of the import is stored. Whatever a
file holds that the project cannot (relations, comments, other tools' attributes...)
is counted per kind and reported; a strict import refuses such files instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument, Document, DocumentFormat, ImportReport
from annotator.core.text_rules import NUL_REFUSED, nul_line
from annotator.services import rich_text
from annotator.services.formats import Skipped, detect_format, read_annotations
from annotator.services.formats.input_files import read_input_bytes, refuse_unless_regular
from annotator.services.formats.text_encoding import bom_encoding, encoding_hint
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

PLAIN_FORMATS = ("text", "markdown", "html")
MAX_TITLE_LENGTH = 160


def import_files(
    store: ProjectStore,
    paths: Sequence[Path | str],
    *,
    annotator: str | None = None,
    format: str | None = None,
    strict: bool = False,
    brat_annotator_folders: bool | None = None,
) -> ImportReport:
    """Read every file in `paths` and store them all, or raise InputError and store nothing.

    `annotator` names who made annotations that carry no annotator (and, for formats
    without annotators, all of them). `format` forces a format instead of detection.
    The report's `skipped` says, per kind, what the files held that the project cannot;
    with `strict` such files raise InputError instead. `brat_annotator_folders`: see
    `read_file`. Raises DamagedProjectError (and writes nothing) when the project is damaged.
    """
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
    store.verify()  # writing into a damaged file would spread the damage
    report = ingest(store, documents)
    report.skipped = skipped.lines()
    report.skipped_counts = dict(skipped.counts)
    return report


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
