"""Settings for the span of one bulk write (an import): a larger SQLite page cache and
Python's cycle collector paused, both put back afterwards, whatever happens.

A million-span import builds millions of short-lived dicts and tuples, none of them in
a cycle (freed by reference counting as each batch is stored): the collector only walked
them, again and again, for a tenth of the import (#15). With SQLite's default 2 MB page
cache, the random span-id primary key and the other indexes of a growing spans table
spilled pages from the cache in the middle of the transaction. The cache is capped at
BULK_CACHE_KIB and shrinks back on exit (SQLite frees the pages over the limit), so the
importing process's memory stays bounded (benchmark row archive_import_memory).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

BULK_CACHE_KIB = 64 * 1024  # the page cache's bound during a bulk write


@contextmanager
def bulk_write_settings(conn: sqlite3.Connection) -> Iterator[None]:
    """Raise `conn`'s page cache to BULK_CACHE_KIB and pause the cycle collector (unless
    something else paused it already: a GUI job does) for the block."""
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    collecting = gc.isenabled()
    if int(cache_size) > -BULK_CACHE_KIB:  # negative: KiB; a larger one set here stays
        conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
