"""The claim matrix: rows are claims, columns are articles, each cell says whether the
article makes the claim, by one annotator's (or gold's) annotations.

Cell states:
- made: the article has at least one span linked to the claim (its stances and values
  are the cell's);
- silent: the annotator marked the article explicitly silent on the claim (read, absent);
- not made: no mention and no mark, but the annotator marked the article done (read to
  the end, so the omission is known);
- unknown: none of these (not read yet, or not finished).

Columns are grouped by derivation: an article derived from another (a rewrite, a
commentary) is placed after its source, and a row counts the *independent* articles that
make the claim (articles that share a source count once). A cell whose value differs from
another made cell of the same row is marked as a value disagreement; a row in a
`contradicts` relation carries the other claims.

Building reads only the links, marks and done flags (one query each); cells are made on
demand by `cell()`, so a 1,000 × 500 matrix opens without creating 500,000 objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.core.claims.model import Claim, ClaimRelationKind
from annotator.core.claims.values import MentionValue, parse_value
from annotator.store.project_store import ProjectStore


class CellState(StrEnum):
    MADE = "made"
    SILENT = "silent"
    NOT_MADE = "not_made"
    UNKNOWN = "unknown"

    @property
    def display(self) -> str:
        return {
            CellState.MADE: "made",
            CellState.SILENT: "explicitly silent",
            CellState.NOT_MADE: "not made",
            CellState.UNKNOWN: "unknown",
        }[self]


@dataclass(frozen=True, slots=True)
class Mention:
    """One linked span, with what the cell shows of it."""

    span_id: str
    document_id: str
    start: int
    end: int
    text: str
    label: str
    stance: str | None
    value: str  # as stored ("more than 160"), "" for none

    @property
    def parsed_value(self) -> MentionValue | None:
        return parse_value(self.value) if self.value else None


@dataclass(frozen=True, slots=True)
class Column:
    document_id: str
    title: str
    outlet: str  # the document's source
    derived_from: tuple[str, ...]  # ids of the documents this one derives from
    root: str  # the first source up the derivation chain (itself when original)

    @property
    def heading(self) -> str:
        """What the column is titled by: the outlet, else the title, else the id."""
        return self.outlet or self.title or self.document_id


@dataclass(frozen=True, slots=True)
class Cell:
    state: CellState
    mentions: tuple[Mention, ...] = ()
    value_disagreement: bool = False

    @property
    def stances(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.stance for m in self.mentions if m.stance))

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.value for m in self.mentions if m.value))


@dataclass(frozen=True, slots=True)
class Row:
    claim: Claim
    made_in: frozenset[str]  # document ids
    independent: int  # distinct derivation roots among made_in
    contradicts: tuple[tuple[str, str], ...]  # (other claim id, note)
    same_event: tuple[tuple[str, str], ...]
    value_disagreement: bool  # two made cells carry different numbers


@dataclass(slots=True)
class ClaimMatrix:
    annotator: str
    rows: list[Row]
    columns: list[Column]
    _mentions: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    _silent: set[tuple[str, str]] = field(default_factory=set)
    _done: set[str] = field(default_factory=set)
    _disagreeing: set[tuple[str, str]] = field(default_factory=set)
    _made_counts: dict[str, int] = field(default_factory=dict)

    def cell(self, claim_id: str, document_id: str) -> Cell:
        mentions = self._mentions.get((claim_id, document_id))
        if mentions:
            return Cell(
                CellState.MADE, tuple(mentions), (claim_id, document_id) in self._disagreeing
            )
        if (claim_id, document_id) in self._silent:
            return Cell(CellState.SILENT)
        if document_id in self._done:
            return Cell(CellState.NOT_MADE)
        return Cell(CellState.UNKNOWN)

    def made_count(self, document_id: str) -> int:
        """How many claims (rows) this article makes."""
        if not self._made_counts and self.rows:
            for row in self.rows:
                for made in row.made_in:
                    self._made_counts[made] = self._made_counts.get(made, 0) + 1
        return self._made_counts.get(document_id, 0)

    def outlet_total(self, document_id: str) -> str:
        """ "<outlet> makes 7 of 12 claims"."""
        column = next(c for c in self.columns if c.document_id == document_id)
        return f"{column.heading} makes {self.made_count(document_id)} of {len(self.rows)} claims"

    def claim_by_id(self, claim_id: str) -> Row:
        return next(row for row in self.rows if row.claim.id == claim_id)


def build_matrix(
    store: ProjectStore, annotator: str, document_ids: list[str] | None = None
) -> ClaimMatrix:
    """The matrix of `annotator`'s claims (use GOLD_ANNOTATOR for the adjudicated layer)
    over every document in list order, or over `document_ids` in that order."""
    conn = store.conn
    documents = {
        r[0]: (r[1], r[2])
        for r in conn.execute("SELECT id, title, source FROM documents ORDER BY position, id")
    }
    order = [d for d in (document_ids or list(documents)) if d in documents]
    claims = store.claims.claims([annotator])
    claim_ids = {c.id for c in claims}
    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for r in conn.execute(
        'SELECT cm.claim_id, s.id, s.document_id, s.start, s."end",'
        ' substr(d.text, s.start + 1, s."end" - s.start), l.name, st.name, cm.value'
        " FROM claim_mentions cm JOIN claims c ON c.id = cm.claim_id"
        " JOIN spans s ON s.id = cm.span_id JOIN documents d ON d.id = s.document_id"
        " JOIN scheme_items l ON l.id = s.label_id"
        " LEFT JOIN scheme_items st ON st.id = s.stance_id"
        ' WHERE c.annotator = ? ORDER BY s.document_id, s.start, s."end"',
        [annotator],
    ):
        mentions[(r[0], r[2])].append(Mention(*r[1:]))
    silent = {(m.claim_id, m.document_id) for m in store.claims.silences([annotator])}
    done = set(store.documents.done_ids([annotator]))
    derived: dict[str, list[str]] = defaultdict(list)
    for derivation in store.claims.derivations([annotator]):
        derived[derivation.document_id].append(derivation.source_document_id)
    roots = {d: _root(d, derived) for d in order}
    columns = [
        Column(d, documents[d][0], documents[d][1], tuple(derived.get(d, ())), roots[d])
        for d in _grouped(order, derived, roots)
    ]
    shown = {c.document_id for c in columns}
    relations: dict[str, dict[ClaimRelationKind, list[tuple[str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for relation in store.claims.relations([annotator]):
        relations[relation.claim_a][relation.kind].append((relation.claim_b, relation.note))
        relations[relation.claim_b][relation.kind].append((relation.claim_a, relation.note))
    made_in: dict[str, set[str]] = defaultdict(set)
    for claim_id, document_id in mentions:
        if claim_id in claim_ids and document_id in shown:
            made_in[claim_id].add(document_id)
    disagreeing = _value_disagreements(mentions, shown)
    rows = [
        Row(
            claim,
            frozenset(made_in[claim.id]),
            len({roots[d] for d in made_in[claim.id]}),
            tuple(relations[claim.id][ClaimRelationKind.CONTRADICTS]),
            tuple(relations[claim.id][ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL]),
            any(key[0] == claim.id for key in disagreeing),
        )
        for claim in claims
    ]
    return ClaimMatrix(annotator, rows, columns, dict(mentions), silent, done, disagreeing)


def _root(document_id: str, derived: dict[str, list[str]]) -> str:
    """Follow the first source up the chain (cycles stop where they close)."""
    seen = {document_id}
    current = document_id
    while derived.get(current):
        source = sorted(derived[current])[0]
        if source in seen:
            break
        seen.add(source)
        current = source
    return current


def _grouped(order: list[str], derived: dict[str, list[str]], roots: dict[str, str]) -> list[str]:
    """List order, except that each derived article follows the original it derives from
    (a root whose position comes first leads its group)."""
    position = {d: i for i, d in enumerate(order)}
    return sorted(
        order, key=lambda d: (position.get(roots[d], position[d]), d != roots[d], position[d])
    )


def _value_disagreements(
    mentions: dict[tuple[str, str], list[Mention]], shown: set[str]
) -> set[tuple[str, str]]:
    """Cells of a row whose numbers differ from another cell's numbers in that row."""
    numbers: dict[str, dict[str, set[float]]] = defaultdict(dict)
    for (claim_id, document_id), found in mentions.items():
        if document_id not in shown:
            continue
        values = {v.number for m in found if (v := m.parsed_value) is not None}
        if values:
            numbers[claim_id][document_id] = values
    disagreeing: set[tuple[str, str]] = set()
    for claim_id, by_document in numbers.items():
        every = set().union(*by_document.values())
        if len(every) > 1:
            disagreeing.update((claim_id, d) for d in by_document)
    return disagreeing
