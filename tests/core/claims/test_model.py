"""Claim types: a relation kind reads as words in every message, never as str.title()."""

from __future__ import annotations

from annotator.core.claims.model import ClaimRelationKind, relation_pair


def test_each_kind_reads_as_words() -> None:
    assert ClaimRelationKind.CONTRADICTS.display == "contradicts"
    assert ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL.display == "same event, different detail"
    # A StrEnum is a str: `.title` is str.title, which is why the readable name is `display`.
    assert ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL.title() == "Same_Event_Different_Detail"


def test_symmetric_relations_are_stored_in_one_order() -> None:
    assert relation_pair("b", "a") == relation_pair("a", "b") == ("a", "b")
