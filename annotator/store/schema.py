"""The project schema, as an ordered list of migrations (one function per step).

Rules: never edit a released step; add a new one. `SCHEMA_VERSION` is the number of
steps and is mirrored in `PRAGMA user_version` so a newer file is refused before
anything is touched.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations
from sqlite_utils.db import Table

from annotator.core.default_scheme import DEFAULT_GUIDELINES, DEFAULT_SCHEME, DEFAULT_TARGET
from annotator.core.model import SchemeKind

migrations = Migrations("annotator")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            format TEXT NOT NULL DEFAULT 'text',
            styles TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT;
        CREATE TABLE scheme_items (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('label', 'stance', 'target')),
            name TEXT NOT NULL CHECK (length(name) > 0),
            color TEXT NOT NULL,
            shortcut TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            UNIQUE (kind, name)
        ) STRICT;
        CREATE TABLE spans (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label_id INTEGER NOT NULL REFERENCES scheme_items(id),
            annotator TEXT NOT NULL,
            stance_id INTEGER REFERENCES scheme_items(id),
            target_id INTEGER REFERENCES scheme_items(id),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK (0 <= start AND start < "end")
        ) STRICT;
        CREATE UNIQUE INDEX spans_identity ON spans (document_id, annotator, start, "end", label_id);
        CREATE INDEX spans_by_document ON spans (document_id, start);
        CREATE INDEX spans_by_label ON spans (label_id);
        CREATE TABLE document_stances (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            target_id INTEGER NOT NULL REFERENCES scheme_items(id),
            stance_id INTEGER NOT NULL REFERENCES scheme_items(id),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (document_id, annotator, target_id)
        ) STRICT;
        CREATE TABLE document_status (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (document_id, annotator)
        ) STRICT;
        CREATE TABLE project_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        """
    )
    # Full-text search over titles and texts, kept current by triggers.
    Table(db, "documents").enable_fts(
        ["title", "text"],
        fts_version="FTS5",
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    for kind in SchemeKind:
        for position, item in enumerate(DEFAULT_SCHEME.items(kind)):
            db.execute(
                "INSERT INTO scheme_items (kind, name, color, shortcut, description, position)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [kind.value, item.name, item.color, item.shortcut, item.description, position],
            )
    db.execute(
        "INSERT INTO project_settings (key, value) VALUES ('guidelines', ?), ('default_target', ?)",
        [DEFAULT_GUIDELINES, DEFAULT_TARGET],
    )


@migrations(name="0002_annotator_indexes")
def _annotator_indexes(db: Database) -> None:
    # Per-annotator views (progress, "hide other annotators", export --annotator) filter on these.
    db.executescript(
        """
        CREATE INDEX spans_by_annotator ON spans (annotator, document_id);
        CREATE INDEX document_stances_by_annotator ON document_stances (annotator);
        """
    )


@migrations(name="0003_gold_origin")
def _gold_origin(db: Database) -> None:
    # The adjudicated (gold) layer is stored as the reserved annotator "gold"; each gold
    # item records where it came from.
    db.executescript(
        """
        ALTER TABLE spans ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        ALTER TABLE document_stances ADD COLUMN origin TEXT NOT NULL DEFAULT '';
        """
    )


@migrations(name="0004_claims")
def _claims(db: Database) -> None:
    # Claims across articles (issue #9). A span links to at most one claim (the primary key
    # of claim_mentions); deleting a span drops its link (cascade) and undo restores both
    # from the Span it kept. Every row is owned by an annotator; gold rows carry an origin.
    db.executescript(
        """
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            wording TEXT NOT NULL,
            annotator TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT;
        CREATE INDEX claims_by_annotator ON claims (annotator);
        CREATE TABLE claim_mentions (
            span_id TEXT PRIMARY KEY REFERENCES spans(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            value TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX claim_mentions_by_claim ON claim_mentions (claim_id);
        CREATE TABLE claim_relations (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('contradicts', 'same_event_different_detail')),
            claim_a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            claim_b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK (claim_a < claim_b),
            UNIQUE (kind, claim_a, claim_b)
        ) STRICT;
        CREATE INDEX claim_relations_by_b ON claim_relations (claim_b);
        -- No foreign key to spans on purpose: deleting a span leaves its relation rows in
        -- place (readers join both spans, so they are invisible), and undoing the delete,
        -- which restores the span under its id, brings the relation back with it.
        CREATE TABLE span_relations (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('said_by')),
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            span_id TEXT NOT NULL,
            source_span_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK (span_id <> source_span_id),
            UNIQUE (kind, span_id, source_span_id)
        ) STRICT;
        CREATE INDEX span_relations_by_document ON span_relations (document_id);
        CREATE TABLE claim_silences (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (document_id, claim_id, annotator)
        ) STRICT;
        CREATE INDEX claim_silences_by_claim ON claim_silences (claim_id);
        CREATE TABLE document_derivations (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source_document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK (document_id <> source_document_id),
            PRIMARY KEY (document_id, source_document_id, annotator)
        ) STRICT;
        """
    )


@migrations(name="0005_span_fragments")
def _span_fragments(db: Database) -> None:
    # A discontinuous span (brat "5 7;9 10") keeps its pieces as a JSON list of
    # [start, end] pairs; '' for the usual single piece start..end.
    db.execute("ALTER TABLE spans ADD COLUMN fragments TEXT NOT NULL DEFAULT ''")


@migrations(name="0006_hub_sync")
def _hub_sync(db: Database) -> None:
    # Team hub sync (issue #12). One mark per row this copy and the hub agree on: the hub's
    # revision of it and the digest of its content as last synced ('' once it is deleted, a
    # tombstone). A row whose digest differs from its mark, or a marked row that is gone,
    # is a change waiting to be pushed; nothing on the annotating path writes here. The
    # hub's address (never with a password) and the pull cursor live in project_settings.
    db.executescript(
        """
        CREATE TABLE hub_marks (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            owner TEXT NOT NULL,
            rev INTEGER NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        ) STRICT;
        CREATE INDEX hub_marks_by_owner ON hub_marks (owner, kind);
        """
    )


@migrations(name="0007_document_list_indexes")
def _document_list_indexes(db: Database) -> None:
    # The document list of an archive (10,000 articles, #15). `position` comes after the
    # text in each row, so every ORDER BY position read each document's text (15 ms per
    # listing, four listings to open a project); with an index the list is read in order.
    # The list's filter by outlet seeks `source`, in list order. Who has annotated
    # (the annotator filter) hops from name to name along each table's annotator index.
    db.executescript(
        """
        CREATE INDEX documents_by_position ON documents (position, id);
        CREATE INDEX documents_by_source ON documents (source, position);
        CREATE INDEX document_status_by_annotator ON document_status (annotator);
        """
    )


@migrations(name="0008_document_listing_indexes")
def _document_listing_indexes(db: Database) -> None:
    # The document list's filter (#15). Matching titles on each keystroke scanned the
    # documents table, whose rows hold the 5 KB texts (16 ms at 10,000 articles); these
    # indexes hold what the filter reads (title, outlet) in list order, so it never touches
    # a text: all documents by position, or one outlet's (this replaces 0007's
    # documents_by_source, which made an outlet's titles a table lookup each: 10 ms).
    db.executescript(
        """
        CREATE INDEX documents_listing ON documents (position, id, title, source);
        CREATE INDEX documents_by_outlet ON documents (source, position, id, title);
        DROP INDEX documents_by_source;
        """
    )


SCHEMA_VERSION = len(migrations._migrations)
