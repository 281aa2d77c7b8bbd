"""spaCy DocBin (``.spacy``) for training: every span in ``doc.spans["sc"]``, one layer in
``doc.ents``.

Tokenisation is ``spacy.blank("xx")`` (multi-language rules). Each span is made with
``doc.char_span(..., alignment_mode="strict")``; a span that cuts a token is widened
to the tokens it overlaps (one warning counts them), and one that covers no
token (only whitespace) is dropped with a warning. ``doc.ents`` holds the
earliest-starting, then longest, of overlapping spans. Document-level stances go
into ``doc.cats`` as ``"<target>: <stance>": 1.0``. What spaCy has no field for is
kept in ``doc.user_data["annotator"]``: the document id and, per span in
``spans["sc"]`` order, ``[id, annotator, stance, target, note]``, plus the stances
as ``[annotator, target, stance]``. Claims (spaCy's ``span._`` extensions are not
serialised portably, so they live there too): ``"claims"`` holds, per span in the same
order, ``[claim id, claim value]`` or null; ``"claim_texts"`` maps claim id to wording;
``"said_by"`` lists ``[span index, source span index]`` pairs into ``spans["sc"]``;
``"silent"`` and ``"derived_from"`` hold the document's silent marks and derivations, and
the document the project's claims ride on holds them all in ``"claim_records"`` (with
planned claims) and ``"claim_relations"``, each as native JSONL writes it.

spaCy is optional: ``pip install 'outlet-annotator[spacy]'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator import install_hint
from annotator.core.errors import AnnotatorError
from annotator.core.model import AnnotatedDocument, Scheme
from annotator.core.plural import counted
from annotator.services.atomic_write import atomic_output

from .claim_records import WordingIndex, claim_line, document_claim_fields, relation_line
from .report import ExportReport, valid_spans, warn_discontinuous
from .span_layers import single_layer

MISSING = f"spaCy is not installed: {install_hint('spacy')}"


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise AnnotatorError(MISSING) from None
    return spacy


def _covering(doc: Any, start: int, end: int, label: str) -> Any:
    """The tokens overlapping [start, end) as a labelled span, or None if there are none.

    Like alignment_mode="expand", which in spaCy 3.8 can return a span that stops
    short of `end` when the text ends in punctuation.
    """
    from spacy.tokens import Span as SpacySpan

    inside = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start and t.text.strip()]
    if not inside:
        return None
    return SpacySpan(doc, inside[0], inside[-1] + 1, label=label)


def write_spacy(
    docs: Iterable[AnnotatedDocument], out: Path, scheme: Scheme, **options: Any
) -> ExportReport:
    """Write a DocBin (see the module docstring) atomically.

    Raises AnnotatorError when spaCy is missing, OSError when writing fails.
    """
    spacy = _spacy()
    from spacy.tokens import DocBin

    nlp = spacy.blank("xx")
    doc_bin = DocBin(store_user_data=True)
    report = ExportReport()
    widened = 0
    wordings = WordingIndex()
    for item in docs:
        wordings.take(item)
        report.documents += 1
        doc = nlp.make_doc(item.document.text)
        chosen = []
        for span in valid_spans(item, report):
            made = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if made is None:
                made = _covering(doc, span.start, span.end, span.label)
                if made is None:
                    report.warn(
                        f"document {item.document.id}: span {span.id} covers no token; dropped"
                    )
                    continue
                widened += 1
            chosen.append((span, made))
        doc.spans["sc"] = [made for _, made in chosen]
        kept, _ = single_layer([(made.start, made.end, made) for _, made in chosen])
        doc.ents = [made for _, _, made in kept]
        for stance in item.stances:
            doc.cats[f"{stance.target}: {stance.stance}"] = 1.0
        doc.user_data["annotator"] = {
            "document_id": item.document.id,
            "spans": [[s.id, s.annotator, s.stance, s.target, s.note] for s, _ in chosen],
            "stances": [[st.annotator, st.target, st.stance] for st in item.stances],
            "claims": [[s.claim, s.claim_value] if s.claim else None for s, _ in chosen],
            "claim_texts": {
                s.claim: wordings.wording(s.claim) or s.claim for s, _ in chosen if s.claim
            },
            "said_by": _said_by_indexes(item, [s.id for s, _ in chosen]),
            **{k: v for k, v in document_claim_fields(item).items() if k != "said_by"},
        }
        if item.claims:
            doc.user_data["annotator"]["claim_records"] = [claim_line(c) for c in item.claims]
        if item.claim_relations:
            doc.user_data["annotator"]["claim_relations"] = [
                relation_line(r) for r in item.claim_relations
            ]
        report.spans += len(chosen)
        doc_bin.add(doc)
    data = doc_bin.to_bytes()
    with atomic_output(out, "wb") as handle:
        handle.write(data)
    report.paths.append(Path(out))
    if widened:
        report.warn(f"{counted(widened, 'span')} did not start or end on a token and were widened")
    warn_discontinuous(report, "spaCy")
    return report


def _said_by_indexes(item: AnnotatedDocument, span_ids: list[str]) -> list[list[int]]:
    index = {span_id: n for n, span_id in enumerate(span_ids)}
    return [
        [index[r.span], index[r.source_span]]
        for r in item.span_relations
        if r.span in index and r.source_span in index
    ]
