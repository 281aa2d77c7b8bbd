"""Claims across articles (issue #9), the pure-Python part: types, mention values, metrics.

API summary for the GUI (the store does the writing; every call is one transaction):

- `annotator.core.claims.model`: `Claim(id, wording, annotator, origin, created, updated)`,
  `ClaimRelation(id, kind, claim_a, claim_b, annotator, note, origin)` with
  `ClaimRelationKind.CONTRADICTS | SAME_EVENT_DIFFERENT_DETAIL` (symmetric; `.display`),
  `SpanRelation(id, SAID_BY, span, source_span, annotator, note, origin)`,
  `SilentMark(document_id, claim_id, annotator, origin)`,
  `Derivation(document_id, source_document_id, annotator, note, origin)`.
- `Span.claim` (claim id or None) and `Span.claim_value` ("more than 160") ride on every span
  read from the store; deleting a span drops its link, restoring the Span restores it.
- `annotator.core.claims.values`: `parse_value(text) -> MentionValue | None`,
  `find_values(text)` (code-point offsets), `str(value)` is the stored form.
- `store.claims` (`annotator.store.claim_repo.ClaimRepo`):
  reading `claims(annotators)`, `claim(id)`, `find(text, annotator)`, `mentions(claim_id)`,
  `mention_counts(annotators)`, `links(annotators)`, `relations(annotators, claim_id)`,
  `span_relations(document_id, annotators)`, `silences(annotators, document_id)`,
  `derivations(annotators)`;
  edits returning a `ClaimEdit` (`text`, `claim_ids`, `span_ids`, `document_ids`, `before`)
  undone by `revert(edit)`, redone by calling again with the same ids:
  `create(wording, annotator, claim_id=)`, `create_from_span(span_id, wording=None,
  claim_id=, value=None)`, `rename(id, wording)`, `link(span_id, claim_id, value=None)`,
  `set_value(span_id, value)`, `unlink(span_ids)`, `split_off(span_id, wording=None,
  claim_id=)`, `merge(keep_id, absorb_id)`, `delete(claim_ids)`;
  pairs: `add_relation(kind, x, y, note, relation_id=)` / `remove_relation(id)` /
  `restore_relation(rel)`, `set_relation_note(id, note) -> previous`,
  `add_said_by(span_id, source_span_id, note, relation_id=)` / `remove_span_relation(id)` /
  `restore_span_relation(rel)`, `set_silent(document_id, claim_id, silent) -> was`,
  `set_derived_from(doc, source, annotator, derived, note) -> previous` /
  `restore_derivation(doc, source, annotator, previous)`.
  Expected failures raise `ClaimError` / `NotFoundError` (both AnnotatorError).
"""
