"""The scheme: labels, stance values and targets, with colours, shortcuts and order."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass

from annotator.core.colors import is_hex_color, safe_color
from annotator.core.default_scheme import LABEL_PALETTE
from annotator.core.errors import NotFoundError, SchemeError
from annotator.core.model import DocumentStance, Scheme, SchemeItem, SchemeKind, Span
from annotator.store.annotation_repo import AnnotationRepo
from annotator.store.connection import WriteTransaction
from annotator.store.scheme_ids import SchemeIds

ITEM_FIELDS = ("name", "color", "shortcut", "description")


@dataclass(frozen=True, slots=True)
class DeletedSchemeItem:
    """Everything a scheme deletion removed or cleared, so undo can put it back."""

    item: SchemeItem
    position: int
    spans: tuple[Span, ...]  # spans as they were before (deleted, or stance/target cleared)
    stances: tuple[DocumentStance, ...]  # document stances deleted


def stored_kind(value: object) -> SchemeKind:
    """The kind of a stored scheme row; DamagedProjectError if the file holds another value.

    The schema's CHECK allows only our kinds, so anything else was not written by us:
    the file is damaged in a way `PRAGMA quick_check` does not look for (#14).
    """
    from annotator.store.connection import ImpossibleValueError

    if isinstance(value, str):
        with suppress(ValueError):
            return SchemeKind(value)
    raise ImpossibleValueError(f"a scheme entry has the impossible kind {value!r}")


class SchemeRepo:
    def __init__(
        self, conn: sqlite3.Connection, write: WriteTransaction, annotations: AnnotationRepo
    ):
        self._conn = conn
        self._write = write
        self._annotations = annotations  # deleting an entry removes or clears its annotations
        self._ids = SchemeIds(conn)

    def get(self) -> Scheme:
        rows = self._conn.execute(
            "SELECT kind, name, color, shortcut, description FROM scheme_items ORDER BY kind, position"
        ).fetchall()
        by_kind: dict[SchemeKind, list[SchemeItem]] = {kind: [] for kind in SchemeKind}
        for kind, name, color, shortcut, description in rows:
            item_kind = stored_kind(kind)  # a hand-edited file may hold any colour
            by_kind[item_kind].append(
                SchemeItem(item_kind, name, safe_color(color), shortcut, description)
            )
        return Scheme(
            labels=tuple(by_kind[SchemeKind.LABEL]),
            stances=tuple(by_kind[SchemeKind.STANCE]),
            targets=tuple(by_kind[SchemeKind.TARGET]),
        )

    def item(self, kind: SchemeKind, name: str) -> SchemeItem:
        row = self._conn.execute(
            "SELECT color, shortcut, description FROM scheme_items WHERE kind = ? AND name = ?",
            [kind.value, name],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No {kind.value} named {name!r} in the scheme.")
        return SchemeItem(kind, name, safe_color(row[0]), row[1], row[2])

    def require_id(self, kind: SchemeKind, name: str) -> int:
        return self._ids.require_id(kind, name)

    def optional_id(self, kind: SchemeKind, name: str | None) -> int | None:
        return self._ids.optional_id(kind, name)

    def position(self, kind: SchemeKind, name: str) -> int:
        names = [i.name for i in self.get().items(kind)]
        if name not in names:
            raise NotFoundError(f"No {kind.value} named {name!r} in the scheme.")
        return names.index(name)

    def usage(self, kind: SchemeKind, name: str) -> int:
        """How many spans and document stances use this entry (deleting asks first if > 0)."""
        item_id = self.require_id(kind, name)
        column = {
            SchemeKind.LABEL: "label_id",
            SchemeKind.STANCE: "stance_id",
            SchemeKind.TARGET: "target_id",
        }[kind]
        spans = self._conn.execute(
            f"SELECT count(*) FROM spans WHERE {column} = ?", [item_id]
        ).fetchone()[0]
        stances = 0
        if kind is not SchemeKind.LABEL:
            stances = self._conn.execute(
                f"SELECT count(*) FROM document_stances WHERE {column} = ?", [item_id]
            ).fetchone()[0]
        return int(spans) + int(stances)

    def next_color(self) -> str:
        used = {i.color for i in self.get().labels}
        for color in LABEL_PALETTE:
            if color not in used:
                return color
        return LABEL_PALETTE[len(used) % len(LABEL_PALETTE)]

    # -- writing ---------------------------------------------------------------------
    def add(self, item: SchemeItem, position: int | None = None) -> None:
        """Insert `item` at `position` (end when None); raises SchemeError on a duplicate name."""
        _check_name(item.name)
        with self._write() as conn:
            self.insert(conn, item, position)

    def insert(self, conn: object, item: SchemeItem, position: int | None = None) -> None:
        """Insert inside the caller's transaction; SchemeError for a bad name or colour."""
        _check_name(item.name)
        _check_color(item.color)
        db = self._conn
        if db.execute(
            "SELECT 1 FROM scheme_items WHERE kind = ? AND name = ?", [item.kind.value, item.name]
        ).fetchone():
            raise SchemeError(f"There is already a {item.kind.value} named {item.name!r}.")
        count = db.execute(
            "SELECT count(*) FROM scheme_items WHERE kind = ?", [item.kind.value]
        ).fetchone()[0]
        position = count if position is None else max(0, min(position, count))
        db.execute(
            "UPDATE scheme_items SET position = position + 1 WHERE kind = ? AND position >= ?",
            [item.kind.value, position],
        )
        db.execute(
            "INSERT INTO scheme_items (kind, name, color, shortcut, description, position)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [item.kind.value, item.name, item.color, item.shortcut, item.description, position],
        )

    def ensure(self, kind: SchemeKind, name: str) -> bool:
        """Add `name` with a fresh colour if missing (inside the caller's transaction)."""
        if self._conn.execute(
            "SELECT 1 FROM scheme_items WHERE kind = ? AND name = ?", [kind.value, name]
        ).fetchone():
            return False
        _check_name(name)
        color = self.next_color() if kind is SchemeKind.LABEL else "#757575"
        self.insert(self._conn, SchemeItem(kind, name, color))
        return True

    def update(self, kind: SchemeKind, name: str, /, **changes: str) -> SchemeItem:
        """Rename, recolour, rebind or redescribe; returns the item as it was.

        A rename changes every annotation using the entry, since they refer to its row.
        """
        unknown = set(changes) - set(ITEM_FIELDS)
        if unknown:
            raise ValueError(f"not scheme fields: {sorted(unknown)}")
        before = self.item(kind, name)
        if "color" in changes:
            _check_color(changes["color"])
        if "name" in changes:
            _check_name(changes["name"])
            if (
                changes["name"] != name
                and self._conn.execute(
                    "SELECT 1 FROM scheme_items WHERE kind = ? AND name = ?",
                    [kind.value, changes["name"]],
                ).fetchone()
            ):
                raise SchemeError(f"There is already a {kind.value} named {changes['name']!r}.")
        item_id = self.require_id(kind, name)
        with self._write() as conn:
            for field, value in changes.items():
                # Field names come from ITEM_FIELDS, never from user text.
                conn.execute(f"UPDATE scheme_items SET {field} = ? WHERE id = ?", [value, item_id])
        return before

    def move(self, kind: SchemeKind, name: str, new_position: int) -> int:
        """Move an entry to `new_position` in its list; returns its old position."""
        names = [i.name for i in self.get().items(kind)]
        old = self.position(kind, name)
        names.pop(old)
        names.insert(max(0, min(new_position, len(names))), name)
        with self._write() as conn:
            conn.executemany(
                "UPDATE scheme_items SET position = ? WHERE kind = ? AND name = ?",
                [[i, kind.value, n] for i, n in enumerate(names)],
            )
        return old

    def delete(self, kind: SchemeKind, name: str) -> DeletedSchemeItem:
        """Delete an entry. Spans with a deleted label go too; a deleted stance value or
        target is cleared from spans and its document stances are removed. Returns all
        of it for `restore`.
        """
        item = self.item(kind, name)
        position = self.position(kind, name)
        annotations = self._annotations
        item_id = self.require_id(kind, name)
        column = {
            SchemeKind.LABEL: "label_id",
            SchemeKind.STANCE: "stance_id",
            SchemeKind.TARGET: "target_id",
        }[kind]
        span_ids = [
            r[0] for r in self._conn.execute(f"SELECT id FROM spans WHERE {column} = ?", [item_id])
        ]
        spans = tuple(annotations.span(i) for i in span_ids)
        stances: tuple[DocumentStance, ...] = ()
        if kind is not SchemeKind.LABEL:
            stances = tuple(
                s
                for s in annotations.document_stances()
                if (s.stance if kind is SchemeKind.STANCE else s.target) == name
            )
        with self._write() as conn:
            if kind is SchemeKind.LABEL:
                conn.execute("DELETE FROM spans WHERE label_id = ?", [item_id])
            else:
                conn.execute(f"UPDATE spans SET {column} = NULL WHERE {column} = ?", [item_id])
                conn.execute(f"DELETE FROM document_stances WHERE {column} = ?", [item_id])
            conn.execute("DELETE FROM scheme_items WHERE id = ?", [item_id])
            conn.execute(
                "UPDATE scheme_items SET position = position - 1 WHERE kind = ? AND position > ?",
                [kind.value, position],
            )
        return DeletedSchemeItem(item, position, spans, stances)

    def restore(self, deleted: DeletedSchemeItem) -> None:
        """Undo `delete`: the entry at its old place, and every annotation as it was."""
        annotations = self._annotations
        with self._write() as conn:
            self.insert(conn, deleted.item, deleted.position)
            for span in deleted.spans:
                if deleted.item.kind is SchemeKind.LABEL:
                    annotations.insert_span(conn, span)
                else:
                    field = "stance" if deleted.item.kind is SchemeKind.STANCE else "target"
                    conn.execute(
                        f"UPDATE spans SET {field}_id = ? WHERE id = ?",
                        [self.optional_id(deleted.item.kind, getattr(span, field)), span.id],
                    )
            for stance in deleted.stances:
                annotations.put_document_stance(
                    conn, stance.document_id, stance.annotator,
                    self.require_id(SchemeKind.TARGET, stance.target), stance.stance, stance.origin,
                )  # fmt: skip


def _check_color(color: str) -> None:
    if not is_hex_color(color):
        raise SchemeError(f"A colour must be #rrggbb, not {color!r}.")


def _check_name(name: str) -> None:
    if not name or not name.strip():
        raise SchemeError("A name cannot be empty.")
    if name != name.strip():
        raise SchemeError("A name cannot start or end with spaces.")
    if "\x00" in name:
        # SQLite's length() stops at NUL: the CHECK (length(name) > 0) would fail on a
        # leading one, and names are shown and matched everywhere.
        raise SchemeError(f"A name cannot contain a NUL character (U+0000): {name!r}.")
