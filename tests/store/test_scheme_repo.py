"""Scheme edits: rename follows into annotations, delete/restore, order, bad names."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemeError
from annotator.core.model import SchemeItem, SchemeKind
from annotator.store.project_store import ProjectStore


def test_default_scheme(store: ProjectStore) -> None:
    scheme = store.scheme.get()
    assert [i.name for i in scheme.labels] == ["Claim", "Evidence", "Source"]
    assert [i.name for i in scheme.stances] == ["favor", "against", "neutral", "unclear"]
    assert [i.name for i in scheme.targets] == ["US restrictions on Anthropic's models"]
    assert [i.shortcut for i in scheme.labels] == ["1", "2", "3"]


def test_rename_updates_existing_annotations(store_with_spans: ProjectStore) -> None:
    store_with_spans.scheme.update(SchemeKind.LABEL, "Claim", name="Assertion", color="#123456")
    labels = {s.id: s.label for s in store_with_spans.annotations.spans()}
    assert labels == {"a1": "Assertion", "b1": "Assertion", "a2": "Evidence"}
    assert store_with_spans.scheme.get().color_of("Assertion") == "#123456"


def test_rename_to_existing_or_empty_name_is_refused(store: ProjectStore) -> None:
    with pytest.raises(SchemeError):
        store.scheme.update(SchemeKind.LABEL, "Claim", name="Evidence")
    with pytest.raises(SchemeError):
        store.scheme.update(SchemeKind.LABEL, "Claim", name="  ")
    with pytest.raises(SchemeError):
        store.scheme.add(SchemeItem(SchemeKind.LABEL, "Claim"))


def test_delete_label_in_use_and_restore_everything(store_with_spans: ProjectStore) -> None:
    before = store_with_spans.annotations.spans()
    assert store_with_spans.scheme.usage(SchemeKind.LABEL, "Claim") == 2
    deleted = store_with_spans.scheme.delete(SchemeKind.LABEL, "Claim")
    assert [s.id for s in store_with_spans.annotations.spans()] == ["a2"]
    store_with_spans.scheme.restore(deleted)
    assert store_with_spans.annotations.spans() == before
    assert [i.name for i in store_with_spans.scheme.get().labels] == ["Claim", "Evidence", "Source"]


def test_delete_stance_value_clears_it_and_restore_puts_it_back(
    store_with_spans: ProjectStore,
) -> None:
    target = "US restrictions on Anthropic's models"
    store_with_spans.annotations.set_document_stance("en", "alice", target, "against")
    before_spans = store_with_spans.annotations.spans()
    deleted = store_with_spans.scheme.delete(SchemeKind.STANCE, "against")
    assert store_with_spans.annotations.span("a1").stance is None
    assert store_with_spans.annotations.document_stances() == []
    store_with_spans.scheme.restore(deleted)
    assert store_with_spans.annotations.spans() == before_spans
    assert store_with_spans.annotations.document_stances()[0].stance == "against"


def test_move_reorders(store: ProjectStore) -> None:
    assert store.scheme.move(SchemeKind.LABEL, "Source", 0) == 2
    assert [i.name for i in store.scheme.get().labels] == ["Source", "Claim", "Evidence"]


def test_names_with_quotes_and_sql_are_stored_exactly(store: ProjectStore) -> None:
    name = 'Robert\'); DROP TABLE spans;-- "x" NEAR('
    store.scheme.add(SchemeItem(SchemeKind.LABEL, name, "#000000"))
    assert store.scheme.get().labels[-1].name == name
    assert store.conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
