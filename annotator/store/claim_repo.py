# Over 400 lines: claims and their links change together in one transaction with one undo
# snapshot (ClaimEdit); splitting by table would split that contract.
"""Claims, their mentions (span links), claim relations, said-by links, silent marks and
derivations: reading and the one-transaction operations the GUI's undo commands call.

Undo contract: every operation that touches claims or links returns a `ClaimEdit`, which
holds the ids it touched and a snapshot of those rows as they were; `revert(edit)`
puts exactly that snapshot back in one transaction. Redo runs the operation again with
the same ids (callers pass `claim_id` for operations that create a claim), so
undo → redo → undo is stable. Relations, silent marks and derivations have their own small
inverse pairs (add/remove, set with the previous value returned).

Ownership: a claim belongs to one annotator; only that annotator's spans link to it, and
its relations and silent marks are that annotator's too. Gold is the annotator `gold`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.claims.model import (
    Claim,
    ClaimRelation,
    ClaimRelationKind,
    Derivation,
    SilentMark,
    SpanRelation,
    SpanRelationKind,
    relation_pair,
)
from annotator.core.claims.values import parse_value
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import Span, new_id
from annotator.store.annotation_repo import AnnotationRepo
from annotator.store.connection import WriteTransaction

WORDING_LIMIT = 160  # a prefilled wording is the span text, cut to this many code points


class ClaimError(AnnotatorError):
    """A claim operation that cannot be done as asked (another annotator's claim, self-merge)."""


@dataclass(frozen=True, slots=True)
class Link:
    """One span's link to a claim, with the mention's value."""

    span_id: str
    claim_id: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class ClaimState:
    """Rows as they were: claims, links, the claims' relations and silent marks.

    `scope_claims` / `scope_spans` say what the snapshot covers: reverting replaces the
    current rows of exactly those claims (with their links, relations and marks) and those
    spans' links by this snapshot."""

    scope_claims: frozenset[str] = frozenset()
    scope_spans: frozenset[str] = frozenset()
    claims: tuple[Claim, ...] = ()
    links: tuple[Link, ...] = ()
    relations: tuple[ClaimRelation, ...] = ()
    silences: tuple[SilentMark, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """What one operation changed (for views) and how it was before (for `revert`).

    `claim_ids`: claims created, changed or removed; `span_ids`: spans whose link or value
    changed; `document_ids`: documents those spans are in (to repaint markers).
    """

    text: str
    claim_ids: frozenset[str]
    span_ids: frozenset[str]
    document_ids: frozenset[str]
    before: ClaimState = field(default_factory=ClaimState)


class ClaimRepo:
    def __init__(
        self, conn: sqlite3.Connection, write: WriteTransaction, annotations: AnnotationRepo
    ):
        self._conn = conn
        self._write = write
        self._annotations = annotations

    # -- reading: claims -------------------------------------------------------------
    def claims(self, annotators: Sequence[str] | None = None) -> list[Claim]:
        """Claims in creation order, optionally only these annotators'."""
        sql = "SELECT id, wording, annotator, origin, created_at, updated_at FROM claims"
        params: list[str] = []
        if annotators is not None:
            if not annotators:
                return []
            sql += f" WHERE annotator IN ({', '.join('?' * len(annotators))})"
            params = list(annotators)
        # id breaks ties (same millisecond) so a restored claim keeps its place.
        sql += " ORDER BY created_at, id"
        return [Claim(*r) for r in self._conn.execute(sql, params)]

    def claim(self, claim_id: str) -> Claim:
        row = self._conn.execute(
            "SELECT id, wording, annotator, origin, created_at, updated_at FROM claims"
            " WHERE id = ?",
            [claim_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No claim {claim_id!r}.")
        return Claim(*row)

    def find(self, text: str, annotator: str, limit: int = 50) -> list[Claim]:
        """`annotator`'s claims whose wording contains `text` (case-insensitive), for the
        searchable claim picker; an empty `text` lists them all."""
        rows = self._conn.execute(
            "SELECT id, wording, annotator, origin, created_at, updated_at FROM claims"
            " WHERE annotator = ? AND instr(lower(wording), lower(?)) > 0"
            " ORDER BY created_at, id LIMIT ?",
            [annotator, text.strip(), limit],
        )
        return [Claim(*r) for r in rows]

    def mentions(self, claim_id: str) -> list[Span]:
        """The spans linked to `claim_id`, in document order."""
        return [
            span
            for span in (
                self._annotations.span(r[0])
                for r in self._conn.execute(
                    "SELECT cm.span_id FROM claim_mentions cm JOIN spans s ON s.id = cm.span_id"
                    " JOIN documents d ON d.id = s.document_id WHERE cm.claim_id = ?"
                    ' ORDER BY d.position, s.start, s."end"',
                    [claim_id],
                )
            )
        ]

    def mention_counts(self, annotators: Sequence[str] | None = None) -> dict[str, int]:
        """{claim id: number of linked spans}; claims with none are absent."""
        sql = "SELECT cm.claim_id, count(*) FROM claim_mentions cm"
        params: list[str] = []
        if annotators is not None:
            if not annotators:
                return {}
            sql += " JOIN claims c ON c.id = cm.claim_id"
            sql += f" WHERE c.annotator IN ({', '.join('?' * len(annotators))})"
            params = list(annotators)
        sql += " GROUP BY cm.claim_id"
        return {r[0]: int(r[1]) for r in self._conn.execute(sql, params)}

    def links(self, annotators: Sequence[str] | None = None) -> list[tuple[str, Link]]:
        """Every link as (document id, link), optionally only these annotators' claims."""
        sql = (
            "SELECT s.document_id, cm.span_id, cm.claim_id, cm.value FROM claim_mentions cm"
            " JOIN spans s ON s.id = cm.span_id JOIN claims c ON c.id = cm.claim_id"
        )
        params: list[str] = []
        if annotators is not None:
            if not annotators:
                return []
            sql += f" WHERE c.annotator IN ({', '.join('?' * len(annotators))})"
            params = list(annotators)
        return [(r[0], Link(r[1], r[2], r[3])) for r in self._conn.execute(sql, params)]

    # -- reading: relations, marks, derivations --------------------------------------
    def relations(
        self, annotators: Sequence[str] | None = None, claim_id: str | None = None
    ) -> list[ClaimRelation]:
        where, params = _annotator_filter("annotator", annotators)
        if where is None:
            return []
        if claim_id is not None:
            where.append("(claim_a = ? OR claim_b = ?)")
            params += [claim_id, claim_id]
        sql = "SELECT id, kind, claim_a, claim_b, annotator, note, origin FROM claim_relations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at, id"
        return [
            ClaimRelation(r[0], ClaimRelationKind(r[1]), *r[2:])
            for r in self._conn.execute(sql, params)
        ]

    def span_relations(
        self, document_id: str | None = None, annotators: Sequence[str] | None = None
    ) -> list[SpanRelation]:
        """Said-by links whose two spans both exist (see the schema note on deleted spans)."""
        where, params = _annotator_filter("r.annotator", annotators)
        if where is None:
            return []
        if document_id is not None:
            where.append("r.document_id = ?")
            params.append(document_id)
        sql = (
            "SELECT r.id, r.kind, r.span_id, r.source_span_id, r.annotator, r.note, r.origin,"
            " r.document_id FROM span_relations r JOIN spans a ON a.id = r.span_id"
            " JOIN spans b ON b.id = r.source_span_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY r.created_at, r.rowid"
        return [
            SpanRelation(r[0], SpanRelationKind(r[1]), *r[2:])
            for r in self._conn.execute(sql, params)
        ]

    def silences(
        self, annotators: Sequence[str] | None = None, document_id: str | None = None
    ) -> list[SilentMark]:
        where, params = _annotator_filter("annotator", annotators)
        if where is None:
            return []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        sql = "SELECT document_id, claim_id, annotator, origin FROM claim_silences"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        return [SilentMark(*r) for r in self._conn.execute(sql, params)]

    def derivations(self, annotators: Sequence[str] | None = None) -> list[Derivation]:
        where, params = _annotator_filter("annotator", annotators)
        if where is None:
            return []
        sql = (
            "SELECT document_id, source_document_id, annotator, note, origin"
            " FROM document_derivations"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY rowid"
        return [Derivation(*r) for r in self._conn.execute(sql, params)]

    # -- claims and links: operations (each returns a ClaimEdit) ---------------------
    def create(
        self, wording: str, annotator: str, *, claim_id: str | None = None, origin: str = ""
    ) -> ClaimEdit:
        """A new claim with no mention yet (a planned claim)."""
        claim_id = claim_id or new_id()
        wording = _clean_wording(wording)
        before = self._state(claims={claim_id}, spans=set())
        with self._write() as conn:
            self._insert_claim(conn, Claim(claim_id, wording, annotator, origin))
        return ClaimEdit(
            f"New claim “{_short(wording)}”",
            frozenset({claim_id}),
            frozenset(),
            frozenset(),
            before,
        )

    def create_from_span(
        self,
        span_id: str,
        wording: str | None = None,
        *,
        claim_id: str | None = None,
        value: str | None = None,
    ) -> ClaimEdit:
        """A new claim owned by the span's annotator, linked to the span (moving it off any
        claim it was on). `wording` defaults to the span's text (whitespace collapsed, cut
        to WORDING_LIMIT); `value` to the first number found in that text."""
        span = self._annotations.span(span_id)
        text = self._span_text(span)
        claim_id = claim_id or new_id()
        wording = _clean_wording(wording if wording is not None else _prefill_wording(text))
        value = _prefill_value(text) if value is None else value
        before = self._state(claims={claim_id}, spans={span_id})
        with self._write() as conn:
            self._insert_claim(conn, Claim(claim_id, wording, span.annotator, span.origin))
            self._put_link(conn, Link(span_id, claim_id, value))
        return ClaimEdit(
            f"New claim “{_short(wording)}”",
            frozenset({claim_id}),
            frozenset({span_id}),
            frozenset({span.document_id}),
            before,
        )

    def rename(self, claim_id: str, wording: str) -> ClaimEdit:
        wording = _clean_wording(wording)
        before = self._state(claims={claim_id}, spans=set())
        if not before.claims:
            raise NotFoundError(f"No claim {claim_id!r}.")
        with self._write() as conn:
            conn.execute(
                "UPDATE claims SET wording = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                " WHERE id = ?",
                [wording, claim_id],
            )
        return ClaimEdit(
            f"Rename claim to “{_short(wording)}”",
            frozenset({claim_id}),
            frozenset(),
            frozenset(),
            before,
        )

    def link(self, span_id: str, claim_id: str, value: str | None = None) -> ClaimEdit:
        """Link `span_id` to `claim_id` (replacing any link it had). `value` defaults to the
        value it already carried on this claim, else the first number in its text."""
        span = self._annotations.span(span_id)
        claim = self.claim(claim_id)
        if claim.annotator != span.annotator:
            raise ClaimError(
                f"That claim is {claim.annotator}'s; a span by {span.annotator} cannot link to it."
            )
        if value is None:
            value = (
                span.claim_value
                if span.claim == claim_id
                else _prefill_value(self._span_text(span))
            )
        before = self._state(claims=set(), spans={span_id})
        with self._write() as conn:
            self._put_link(conn, Link(span_id, claim_id, value))
            _touch(conn, [claim_id])
        return ClaimEdit(
            f"Link to claim “{_short(claim.wording)}”",
            frozenset({claim_id} | ({span.claim} if span.claim else set())),
            frozenset({span_id}),
            frozenset({span.document_id}),
            before,
        )

    def set_value(self, span_id: str, value: str) -> ClaimEdit:
        """Change the value a linked mention carries ("" for none)."""
        span = self._annotations.span(span_id)
        if span.claim is None:
            raise ClaimError("That annotation is not linked to a claim.")
        before = self._state(claims=set(), spans={span_id})
        with self._write() as conn:
            conn.execute("UPDATE claim_mentions SET value = ? WHERE span_id = ?", [value, span_id])
        return ClaimEdit(
            "Change mention value",
            frozenset({span.claim}),
            frozenset({span_id}),
            frozenset({span.document_id}),
            before,
        )

    def unlink(self, span_ids: Iterable[str]) -> ClaimEdit:
        """Remove the links of these spans; their claims stay (maybe with no mention)."""
        spans = [self._annotations.span(i) for i in span_ids]
        ids = {s.id for s in spans}
        before = self._state(claims=set(), spans=ids)
        with self._write() as conn:
            conn.executemany("DELETE FROM claim_mentions WHERE span_id = ?", [[i] for i in ids])
        return ClaimEdit(
            "Unlink from claim" if len(ids) == 1 else f"Unlink {len(ids)} annotations",
            frozenset(s.claim for s in spans if s.claim),
            frozenset(ids),
            frozenset(s.document_id for s in spans),
            before,
        )

    def split_off(
        self, span_id: str, wording: str | None = None, *, claim_id: str | None = None
    ) -> ClaimEdit:
        """Move one mention off its claim onto a new claim of its own (keeping its value)."""
        span = self._annotations.span(span_id)
        if span.claim is None:
            raise ClaimError("That annotation is not linked to a claim.")
        old = self.claim(span.claim)
        edit = self.create_from_span(
            span_id,
            wording if wording is not None else old.wording,
            claim_id=claim_id,
            value=span.claim_value,
        )
        return ClaimEdit(
            f"Split off from “{_short(old.wording)}”",
            edit.claim_ids | {old.id},
            edit.span_ids,
            edit.document_ids,
            edit.before,
        )

    def merge(self, keep_id: str, absorb_id: str) -> ClaimEdit:
        """Move every mention, relation and silent mark of `absorb_id` onto `keep_id`, then
        delete `absorb_id`. A relation between the two disappears; duplicates collapse; a
        silent mark is dropped where the merged claim has a mention in that document."""
        if keep_id == absorb_id:
            raise ClaimError("A claim cannot be merged with itself.")
        keep, absorb = self.claim(keep_id), self.claim(absorb_id)
        if keep.annotator != absorb.annotator:
            raise ClaimError("Only claims of the same annotator can be merged.")
        before = self._state(claims={keep_id, absorb_id}, spans=set())
        moved_spans = {link.span_id for link in before.links if link.claim_id == absorb_id}
        conn = self._conn
        documents = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT s.document_id FROM claim_mentions cm"
                " JOIN spans s ON s.id = cm.span_id WHERE cm.claim_id = ?",
                [absorb_id],
            )
        }
        with self._write() as conn:
            conn.execute(
                "UPDATE claim_mentions SET claim_id = ? WHERE claim_id = ?", [keep_id, absorb_id]
            )
            for relation in before.relations:
                if {relation.claim_a, relation.claim_b} == {keep_id, absorb_id}:
                    continue
                if absorb_id not in (relation.claim_a, relation.claim_b):
                    continue
                other = relation.claim_b if relation.claim_a == absorb_id else relation.claim_a
                a, b = relation_pair(keep_id, other)
                conn.execute(
                    "INSERT OR IGNORE INTO claim_relations"
                    " (id, kind, claim_a, claim_b, annotator, note, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [new_id(), relation.kind.value, a, b, relation.annotator, relation.note,
                     relation.origin],
                )  # fmt: skip
            conn.execute(
                "INSERT OR IGNORE INTO claim_silences (document_id, claim_id, annotator, origin)"
                " SELECT document_id, ?, annotator, origin FROM claim_silences WHERE claim_id = ?",
                [keep_id, absorb_id],
            )
            conn.execute(
                "DELETE FROM claim_silences WHERE claim_id = ? AND document_id IN"
                " (SELECT s.document_id FROM claim_mentions cm JOIN spans s ON s.id = cm.span_id"
                "  WHERE cm.claim_id = ?)",
                [keep_id, keep_id],
            )
            conn.execute("DELETE FROM claims WHERE id = ?", [absorb_id])
            _touch(conn, [keep_id])
        return ClaimEdit(
            f"Merge “{_short(absorb.wording)}” into “{_short(keep.wording)}”",
            frozenset({keep_id, absorb_id}),
            frozenset(moved_spans),
            frozenset(documents),
            before,
        )

    def delete(self, claim_ids: Iterable[str]) -> ClaimEdit:
        """Delete claims with their links, relations and silent marks (the spans stay)."""
        ids = set(claim_ids)
        before = self._state(claims=ids, spans=set())
        missing = ids - {c.id for c in before.claims}
        if missing:
            raise NotFoundError(f"No claim {sorted(missing)[0]!r}.")
        documents = self._documents_of_spans({link.span_id for link in before.links})
        with self._write() as conn:
            conn.executemany("DELETE FROM claims WHERE id = ?", [[i] for i in ids])
        wording = before.claims[0].wording if len(before.claims) == 1 else ""
        return ClaimEdit(
            f"Delete claim “{_short(wording)}”" if wording else f"Delete {len(ids)} claims",
            frozenset(ids),
            frozenset(link.span_id for link in before.links),
            frozenset(documents),
            before,
        )

    def revert(self, edit: ClaimEdit) -> None:
        """Undo `edit`: the touched claims and span links exactly as they were before it."""
        with self._write() as conn:
            self.restore_state(conn, edit.before)

    def restore_state(self, conn: sqlite3.Connection, state: ClaimState) -> None:
        """Inside the caller's transaction: remove the current rows in `state`'s scope (a
        claim's links, relations and marks go with it), then insert `state`."""
        conn.executemany(
            "DELETE FROM claim_mentions WHERE span_id = ?", [[i] for i in state.scope_spans]
        )
        conn.executemany("DELETE FROM claims WHERE id = ?", [[i] for i in state.scope_claims])
        for claim in state.claims:
            conn.execute(
                "INSERT INTO claims (id, wording, annotator, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [claim.id, claim.wording, claim.annotator, claim.origin, claim.created,
                 claim.updated],
            )  # fmt: skip
        conn.executemany(
            "INSERT OR REPLACE INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)",
            [(link.span_id, link.claim_id, link.value) for link in state.links],
        )
        for relation in state.relations:
            self._insert_relation(conn, relation, replace=True)
        conn.executemany(
            "INSERT OR IGNORE INTO claim_silences (document_id, claim_id, annotator, origin)"
            " VALUES (?, ?, ?, ?)",
            [(m.document_id, m.claim_id, m.annotator, m.origin) for m in state.silences],
        )

    # -- claim relations ---------------------------------------------------------------
    def add_relation(
        self,
        kind: ClaimRelationKind,
        claim_x: str,
        claim_y: str,
        note: str = "",
        *,
        relation_id: str | None = None,
        origin: str = "",
    ) -> ClaimRelation:
        """Relate two claims of one annotator; returns the stored relation (remove_relation
        undoes it). Raises ClaimError for a claim with itself, across annotators, or when the
        two are already related this way."""
        if claim_x == claim_y:
            raise ClaimError("A claim cannot be related to itself.")
        x, y = self.claim(claim_x), self.claim(claim_y)
        if x.annotator != y.annotator:
            raise ClaimError("Only claims of the same annotator can be related.")
        a, b = relation_pair(claim_x, claim_y)
        relation = ClaimRelation(relation_id or new_id(), kind, a, b, x.annotator, note, origin)
        with self._write() as conn:
            try:
                self._insert_relation(conn, relation)
            except sqlite3.IntegrityError as exc:
                raise ClaimError(f"These claims are already marked “{kind.display}”.") from exc
        return relation

    def remove_relation(self, relation_id: str) -> ClaimRelation:
        """Remove one relation; returns it so `restore_relation` can put it back."""
        found = [r for r in self.relations() if r.id == relation_id]
        if not found:
            raise NotFoundError(f"No claim relation {relation_id!r}.")
        with self._write() as conn:
            conn.execute("DELETE FROM claim_relations WHERE id = ?", [relation_id])
        return found[0]

    def restore_relation(self, relation: ClaimRelation) -> None:
        with self._write() as conn:
            self._insert_relation(conn, relation)

    def set_relation_note(self, relation_id: str, note: str) -> str:
        """Change a relation's note; returns the previous note."""
        row = self._conn.execute(
            "SELECT note FROM claim_relations WHERE id = ?", [relation_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No claim relation {relation_id!r}.")
        with self._write() as conn:
            conn.execute("UPDATE claim_relations SET note = ? WHERE id = ?", [note, relation_id])
        return str(row[0])

    # -- said-by (span to span) ------------------------------------------------------
    def add_said_by(
        self,
        span_id: str,
        source_span_id: str,
        note: str = "",
        *,
        relation_id: str | None = None,
        origin: str = "",
    ) -> SpanRelation:
        """`span_id` is said by `source_span_id`: same document, same annotator."""
        span = self._annotations.span(span_id)
        source = self._annotations.span(source_span_id)
        if span.id == source.id:
            raise ClaimError("An annotation cannot be its own source.")
        if span.document_id != source.document_id:
            raise ClaimError("A source must be in the same article as what it says.")
        if span.annotator != source.annotator:
            raise ClaimError("Both annotations must be by the same annotator.")
        relation = SpanRelation(
            relation_id or new_id(),
            SpanRelationKind.SAID_BY,
            span_id,
            source_span_id,
            span.annotator,
            note,
            origin,
            span.document_id,
        )
        with self._write() as conn:
            try:
                self.insert_span_relation(conn, relation, span.document_id)
            except sqlite3.IntegrityError as exc:
                raise ClaimError("That source is already linked to this annotation.") from exc
        return relation

    def remove_span_relation(self, relation_id: str) -> SpanRelation:
        found = [r for r in self.span_relations() if r.id == relation_id]
        if not found:
            raise NotFoundError(f"No said-by link {relation_id!r}.")
        with self._write() as conn:
            conn.execute("DELETE FROM span_relations WHERE id = ?", [relation_id])
        return found[0]

    def restore_span_relation(self, relation: SpanRelation) -> None:
        document_id = self._annotations.span(relation.span).document_id
        with self._write() as conn:
            self.insert_span_relation(conn, relation, document_id)

    def insert_span_relation(
        self, conn: sqlite3.Connection, relation: SpanRelation, document_id: str
    ) -> None:
        conn.execute(
            "INSERT INTO span_relations"
            " (id, kind, document_id, span_id, source_span_id, annotator, note, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [relation.id, relation.kind.value, document_id, relation.span, relation.source_span,
             relation.annotator, relation.note, relation.origin],
        )  # fmt: skip

    # -- silent marks ------------------------------------------------------------------
    def set_silent(
        self, document_id: str, claim_id: str, silent: bool, *, origin: str = ""
    ) -> bool:
        """Mark (or unmark) `document_id` as explicitly silent on `claim_id`, for the claim's
        owner; returns whether it was marked before (for undo)."""
        claim = self.claim(claim_id)
        conn = self._conn
        was = (
            conn.execute(
                "SELECT 1 FROM claim_silences WHERE document_id = ? AND claim_id = ?"
                " AND annotator = ?",
                [document_id, claim_id, claim.annotator],
            ).fetchone()
            is not None
        )
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
            raise NotFoundError(f"No document {document_id!r}.")
        with self._write() as conn:
            if silent:
                conn.execute(
                    "INSERT OR IGNORE INTO claim_silences (document_id, claim_id, annotator, origin)"
                    " VALUES (?, ?, ?, ?)",
                    [document_id, claim_id, claim.annotator, origin],
                )
            else:
                conn.execute(
                    "DELETE FROM claim_silences WHERE document_id = ? AND claim_id = ?"
                    " AND annotator = ?",
                    [document_id, claim_id, claim.annotator],
                )
        return was

    # -- derivations -----------------------------------------------------------------
    def set_derived_from(
        self,
        document_id: str,
        source_document_id: str,
        annotator: str,
        derived: bool,
        note: str = "",
        *,
        origin: str = "",
    ) -> Derivation | None:
        """Record (or remove) that `document_id` derives from `source_document_id` in
        `annotator`'s view; returns the derivation as it was before (None if absent)."""
        if document_id == source_document_id:
            raise ClaimError("An article cannot be derived from itself.")
        previous = [
            d
            for d in self.derivations([annotator])
            if d.document_id == document_id and d.source_document_id == source_document_id
        ]
        with self._write() as conn:
            if derived:
                conn.execute(
                    "INSERT INTO document_derivations"
                    " (document_id, source_document_id, annotator, note, origin)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET note = excluded.note,"
                    " origin = excluded.origin",
                    [document_id, source_document_id, annotator, note, origin],
                )
            else:
                conn.execute(
                    "DELETE FROM document_derivations WHERE document_id = ?"
                    " AND source_document_id = ? AND annotator = ?",
                    [document_id, source_document_id, annotator],
                )
        return previous[0] if previous else None

    def restore_derivation(
        self, document_id: str, source_document_id: str, annotator: str, previous: Derivation | None
    ) -> None:
        """Undo `set_derived_from`: put back `previous` (or remove when it was None)."""
        if previous is None:
            self.set_derived_from(document_id, source_document_id, annotator, False)
        else:
            self.set_derived_from(
                document_id, source_document_id, annotator, True, previous.note,
                origin=previous.origin,
            )  # fmt: skip

    # -- bulk (import, merge, adjudication) ------------------------------------------
    def insert_claim(self, conn: sqlite3.Connection, claim: Claim, *, ignore: bool = False) -> bool:
        """Inside the caller's transaction; with `ignore`, an existing id is left as it is.
        Returns whether a row was added."""
        before = conn.total_changes
        self._insert_claim(conn, claim, ignore=ignore)
        return conn.total_changes > before

    def put_link(self, conn: sqlite3.Connection, link: Link) -> None:
        self._put_link(conn, link)

    def insert_relation(
        self, conn: sqlite3.Connection, relation: ClaimRelation, *, ignore: bool = False
    ) -> bool:
        before = conn.total_changes
        self._insert_relation(conn, relation, ignore=ignore)
        return conn.total_changes > before

    # -- internals -------------------------------------------------------------------
    def _state(self, *, claims: set[str], spans: set[str]) -> ClaimState:
        conn = self._conn
        claim_rows = [
            Claim(*r)
            for r in conn.execute(
                "SELECT id, wording, annotator, origin, created_at, updated_at FROM claims"
                f" WHERE id IN ({', '.join('?' * len(claims))})",
                list(claims),
            )
        ]
        links: dict[str, Link] = {}
        if claims:
            for r in conn.execute(
                "SELECT span_id, claim_id, value FROM claim_mentions"
                f" WHERE claim_id IN ({', '.join('?' * len(claims))})",
                list(claims),
            ):
                links[r[0]] = Link(*r)
        if spans:
            for r in conn.execute(
                "SELECT span_id, claim_id, value FROM claim_mentions"
                f" WHERE span_id IN ({', '.join('?' * len(spans))})",
                list(spans),
            ):
                links[r[0]] = Link(*r)
        relations: list[ClaimRelation] = []
        silences: list[SilentMark] = []
        if claims:
            marks = ", ".join("?" * len(claims))
            relations = [
                ClaimRelation(r[0], ClaimRelationKind(r[1]), *r[2:])
                for r in conn.execute(
                    "SELECT id, kind, claim_a, claim_b, annotator, note, origin"
                    f" FROM claim_relations WHERE claim_a IN ({marks}) OR claim_b IN ({marks})",
                    [*claims, *claims],
                )
            ]
            silences = [
                SilentMark(*r)
                for r in conn.execute(
                    "SELECT document_id, claim_id, annotator, origin FROM claim_silences"
                    f" WHERE claim_id IN ({marks})",
                    list(claims),
                )
            ]
        return ClaimState(
            frozenset(claims),
            frozenset(spans),
            tuple(claim_rows),
            tuple(links.values()),
            tuple(relations),
            tuple(silences),
        )

    def _insert_claim(
        self, conn: sqlite3.Connection, claim: Claim, *, ignore: bool = False
    ) -> None:
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        if claim.created:
            conn.execute(
                f"{verb} INTO claims (id, wording, annotator, origin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [claim.id, claim.wording, claim.annotator, claim.origin, claim.created,
                 claim.updated or claim.created],
            )  # fmt: skip
        else:
            conn.execute(
                f"{verb} INTO claims (id, wording, annotator, origin) VALUES (?, ?, ?, ?)",
                [claim.id, claim.wording, claim.annotator, claim.origin],
            )

    def _put_link(self, conn: sqlite3.Connection, link: Link) -> None:
        conn.execute(
            "INSERT INTO claim_mentions (span_id, claim_id, value) VALUES (?, ?, ?)"
            " ON CONFLICT (span_id) DO UPDATE SET claim_id = excluded.claim_id,"
            " value = excluded.value",
            [link.span_id, link.claim_id, link.value],
        )

    def _insert_relation(
        self,
        conn: sqlite3.Connection,
        relation: ClaimRelation,
        *,
        replace: bool = False,
        ignore: bool = False,
    ) -> None:
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE" if ignore else "INSERT"
        a, b = relation_pair(relation.claim_a, relation.claim_b)
        conn.execute(
            f"{verb} INTO claim_relations (id, kind, claim_a, claim_b, annotator, note, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [relation.id, relation.kind.value, a, b, relation.annotator, relation.note,
             relation.origin],
        )  # fmt: skip

    def _span_text(self, span: Span) -> str:
        row = self._conn.execute(
            "SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
            [span.start + 1, span.end - span.start, span.document_id],
        ).fetchone()
        return "" if row is None else str(row[0])

    def _documents_of_spans(self, span_ids: set[str]) -> set[str]:
        if not span_ids:
            return set()
        return {
            r[0]
            for r in self._conn.execute(
                f"SELECT DISTINCT document_id FROM spans WHERE id IN ({', '.join('?' * len(span_ids))})",
                list(span_ids),
            )
        }


def _annotator_filter(
    column: str, annotators: Sequence[str] | None
) -> tuple[list[str] | None, list[str]]:
    """WHERE parts for an optional annotator filter; (None, []) when it matches nothing."""
    if annotators is None:
        return [], []
    if not annotators:
        return None, []
    return [f"{column} IN ({', '.join('?' * len(annotators))})"], list(annotators)


def _touch(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> None:
    conn.executemany(
        "UPDATE claims SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
        [[i] for i in claim_ids],
    )


def _clean_wording(wording: str) -> str:
    wording = " ".join(wording.split())
    if not wording:
        raise ClaimError("A claim needs a wording.")
    return wording


def _prefill_wording(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= WORDING_LIMIT else text[: WORDING_LIMIT - 1].rstrip() + "…"


def _prefill_value(text: str) -> str:
    value = parse_value(text)
    return "" if value is None else str(value)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
