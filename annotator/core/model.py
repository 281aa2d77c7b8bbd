"""Domain types shared by every layer: documents, spans, stances and the scheme.

Offsets are Unicode code points into `Document.text`, end exclusive (Python slicing).
Labels, stance values and targets are referred to by name; the store maps names to rows.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.core.claims.model import (
    Claim,
    ClaimRelation,
    Derivation,
    SilentMark,
    SpanRelation,
)
from annotator.core.plural import counted


def text_sha256(text: str) -> str:
    """The identity of a document: SHA-256 of its exact text, UTF-8 encoded."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


GOLD_ANNOTATOR = "gold"  # the adjudicated layer is stored as this reserved annotator


def new_id() -> str:
    """A fresh, globally unique id for spans and other rows created here."""
    return secrets.token_hex(16)  # 128 random bits, like uuid4().hex, without importing uuid


class SchemeKind(StrEnum):
    """The three vocabularies of a scheme."""

    LABEL = "label"
    STANCE = "stance"
    TARGET = "target"


class DocumentFormat(StrEnum):
    """How the document was given to us; decides how it is displayed."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class StyleRun:
    """Display styling (heading, emphasis...) over [start, end) of the canonical text."""

    start: int
    end: int
    style: str  # h1..h6, bold, italic, code, link, quote, listitem


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    format: DocumentFormat = DocumentFormat.TEXT
    styles: tuple[StyleRun, ...] = ()
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))


@dataclass(frozen=True, slots=True)
class Span:
    """One highlighted passage with a label, by one annotator."""

    id: str
    document_id: str
    start: int
    end: int
    label: str
    annotator: str
    stance: str | None = None
    target: str | None = None
    note: str = ""
    origin: str = (
        ""  # for gold items: where they came from ("alice", "agreed: alice, bob", "edited")
    )
    claim: str | None = None  # id of the claim this span mentions (same annotator's), if any
    claim_value: str = ""  # the mention's value as written by str(MentionValue): "more than 160"
    # A discontinuous span (brat "5 7;9 10"): its pieces in order, the first starting at
    # `start` and the last ending at `end`; () for the usual single piece. Agreement and
    # formats without fragments use the whole extent start..end.
    fragments: tuple[tuple[int, int], ...] = ()

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The fragments, or the one piece (start, end)."""
        return self.fragments or ((self.start, self.end),)


def valid_fragments(start: int, end: int, fragments: tuple[tuple[int, int], ...]) -> bool:
    """Whether `fragments` describe a discontinuous span over start..end: two or more
    non-empty pieces in order, not touching, from `start` to `end`."""
    if len(fragments) < 2 or fragments[0][0] != start or fragments[-1][1] != end:
        return False
    previous_end = None
    for piece_start, piece_end in fragments:
        if piece_start >= piece_end or (previous_end is not None and piece_start <= previous_end):
            return False
        previous_end = piece_end
    return True


@dataclass(frozen=True, slots=True)
class DocumentStance:
    """One annotator's stance of a whole document toward one target.

    An empty `target` (a file that named none) means the project's default target: the
    import resolves it. The same holds for a Span's `target` of "" beside a stance.
    """

    document_id: str
    annotator: str
    target: str
    stance: str
    origin: str = ""


@dataclass(frozen=True, slots=True)
class SchemeItem:
    """A label, stance value or target, with its display colour and shortcut."""

    kind: SchemeKind
    name: str
    color: str = "#9e9e9e"
    shortcut: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Scheme:
    """The project's vocabularies, each in display order."""

    labels: tuple[SchemeItem, ...] = ()
    stances: tuple[SchemeItem, ...] = ()
    targets: tuple[SchemeItem, ...] = ()

    def items(self, kind: SchemeKind) -> tuple[SchemeItem, ...]:
        return {
            SchemeKind.LABEL: self.labels,
            SchemeKind.STANCE: self.stances,
            SchemeKind.TARGET: self.targets,
        }[kind]

    def color_of(self, label: str) -> str:
        for item in self.labels:
            if item.name == label:
                return item.color
        return "#9e9e9e"


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the document list shows without loading the text."""

    id: str
    title: str
    source: str
    length: int
    span_count: int
    my_span_count: int = 0
    done: bool = False
    published: str = ""
    url: str = ""


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the message shown to the user."""

    documents_added: int = 0
    documents_matched: int = 0
    spans_added: int = 0
    spans_skipped: int = 0
    stances_added: int = 0
    stances_skipped: int = 0
    scheme_added: list[tuple[SchemeKind, str]] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    # Stances (of documents, or of spans) that named no target took the project's default.
    targets_defaulted: int = 0
    default_target: str = ""
    # Span ids already used by a span of another document: such a span got a new id.
    span_ids_renamed: int = 0
    # What the files held that the project cannot: one sentence per kind, with counts
    # ("skipped 12 brat relations (R lines) (not imported), e.g. a.ann, line 3").
    skipped: list[str] = field(default_factory=list)
    skipped_counts: dict[str, int] = field(default_factory=dict)  # the same, kind -> count
    claims_added: int = 0
    claim_links_added: int = 0
    claim_records_added: int = 0  # relations, said-by links, silent marks, derivations

    def summary(self) -> str:
        parts = [
            f"{counted(self.documents_added, 'document')} added",
            f"{self.documents_matched} already present",
            f"{counted(self.spans_added, 'span')} added",
        ]
        if self.spans_skipped:
            parts.append(f"{counted(self.spans_skipped, 'duplicate span')} skipped")
        if self.stances_added:
            parts.append(f"{counted(self.stances_added, 'document stance')} added")
        if self.targets_defaulted:
            parts.append(
                f"{counted(self.targets_defaulted, 'stance')} without a target given the default"
                f" target '{self.default_target}'"
            )
        if self.span_ids_renamed:
            parts.append(
                f"{counted(self.span_ids_renamed, 'span id')} already used in another document given new ids"
            )
        if self.claims_added or self.claim_links_added or self.claim_records_added:
            parts.append(
                f"{counted(self.claims_added, 'claim')}, {counted(self.claim_links_added, 'claim link')} and "
                f"{counted(self.claim_records_added, 'claim relation or mark', 'claim relations or marks')} added"
            )
        if self.scheme_added:
            added = ", ".join(f"{kind.value} '{name}'" for kind, name in self.scheme_added)
            parts.append(f"added to the scheme: {added}")
        return "; ".join(parts + self.skipped) + "."


# A span of the common shape (no claim, one piece, no origin) as a streamed import
# reads it, without its document: (id, start, end, label, annotator, stance, target,
# note), the fields of Span in its order.
SpanRow = tuple[str, int, int, str, str, str | None, str | None, str]


@dataclass(slots=True)
class AnnotatedDocument:
    """A document with annotations, as read from or written to an interchange file.

    `span_relations`, `silences` and `derivations` belong to this document (a derivation's
    `source_document_id` names another item of the same import by its id). `claims` and
    `claim_relations` are project-level records that ride along: a reader or exporter may
    put them on any item of a batch, and ingest pools them over the whole batch.
    """

    document: Document
    spans: list[Span] = field(default_factory=list)
    stances: list[DocumentStance] = field(default_factory=list)
    span_relations: list[SpanRelation] = field(default_factory=list)
    silences: list[SilentMark] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_relations: list[ClaimRelation] = field(default_factory=list)
    # A streamed import's spans when each has the common shape: rows, not Spans (making
    # a Span per row was a tenth of reading an archive, #15). Only `ingest` is given
    # documents that have them; `spans` is then empty.
    span_rows: list[SpanRow] = field(default_factory=list)
