"""CoNLL-2003-style BIO (IOB2) for sequence-labelling tools: one label layer, no offsets.

Each document starts with ``-DOCSTART-\\tO`` and a blank line; each line of the text
(split on "\\n") is a sentence; each token is a line ``token\\tTAG`` with TAG ``B-X``,
``I-X`` or ``O``; a blank line ends each sentence. Tokens are the regex
``\\w+|[^\\w\\s]`` (runs of letters/digits/underscore, or any single other non-space
character: punctuation, emoji parts, combining marks), so a token never holds
whitespace. Labels have whitespace replaced by "_".

What CoNLL cannot hold is dropped and reported in `ExportReport.warnings`: spans
overlapping another (the earliest-starting, then longest, is kept), spans with no
token, span stance/target/note, annotators and document-level stances. A span that
cuts a token is widened to whole tokens. A span crossing a line break (a sentence
boundary) is written as one entity per sentence, each starting with ``B-``, so the file
is always valid IOB2 (warned); a discontinuous span is written whole (its extent). Option `annotator` keeps only that
annotator's spans (several annotators' spans otherwise compete for one layer).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatedDocument, Scheme, Span
from annotator.core.plural import counted
from annotator.services.atomic_write import atomic_output

from .report import ExportReport, valid_spans, warn_discontinuous
from .span_layers import single_layer

TOKEN = re.compile(r"\w+|[^\w\s]")
_SPACE = re.compile(r"\s+")


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token [start, end) offsets, as described in the module docstring."""
    return [m.span() for m in TOKEN.finditer(text)]


def _describe(item: AnnotatedDocument, span: Span) -> str:
    excerpt = item.document.text[span.start : span.end]
    if len(excerpt) > 40:
        excerpt = excerpt[:39] + "…"
    return (
        f"document {item.document.id}: span {span.id} ({span.label!r} by {span.annotator}, "
        f"{span.start}..{span.end} {excerpt!r})"
    )


def bio_tags(
    item: AnnotatedDocument, spans: list[Span], tokens: list[tuple[int, int]], report: ExportReport
) -> tuple[list[str], int]:
    """A tag per token and the number of spans widened; dropped spans are warned."""
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    intervals = []
    widened = 0
    for span in spans:
        first = bisect_right(ends, span.start)  # first token ending after the span start
        last = bisect_left(starts, span.end)  # tokens before this one start inside the span
        if first >= last:
            report.warn(f"{_describe(item, span)} covers no token; dropped")
            continue
        if starts[first] < span.start or ends[last - 1] > span.end:
            widened += 1
        intervals.append((first, last, span))
    kept, dropped = single_layer(intervals)
    for _, _, span in dropped:
        report.warn(f"{_describe(item, span)} overlaps a kept span; dropped")
    tags = ["O"] * len(tokens)
    for first, last, span in kept:
        label = _SPACE.sub("_", span.label)
        tags[first] = f"B-{label}"
        for i in range(first + 1, last):
            tags[i] = f"I-{label}"
    return tags, widened


def _restart_at_sentences(text: str, tokens: list[tuple[int, int]], tags: list[str]) -> int:
    """Turn an ``I-`` that opens a sentence (a line) into ``B-``: IOB2 never continues an
    entity across sentences. Returns how many spans were split so."""
    split = 0
    for i in range(1, len(tokens)):
        if tags[i].startswith("I-") and "\n" in text[tokens[i - 1][1] : tokens[i][0]]:
            tags[i] = "B-" + tags[i][2:]
            split += 1
    return split


def write_conll(
    docs: Iterable[AnnotatedDocument],
    out: Path,
    scheme: Scheme,
    *,
    annotator: str | None = None,
    **options: Any,
) -> ExportReport:
    """Write CoNLL BIO (see the module docstring) atomically; OSError on failure."""
    report = ExportReport()
    widened = lost_attributes = stances = split = 0
    with atomic_output(out, "w", encoding="utf-8", newline="\n") as handle:
        for item in docs:
            report.documents += 1
            spans = [
                s
                for s in valid_spans(item, report)
                if annotator is None or s.annotator == annotator
            ]
            stances += len(item.stances)
            lost_attributes += sum(1 for s in spans if s.stance or s.target or s.note)
            text = item.document.text
            tokens = tokenize(text)
            tags, more_widened = bio_tags(item, spans, tokens, report)
            widened += more_widened
            split += _restart_at_sentences(text, tokens, tags)
            report.spans += sum(1 for tag in tags if tag.startswith("B-"))  # entities written
            handle.write("-DOCSTART-\tO\n\n")
            line_end = -1
            sentence: list[str] = []
            for (start, end), tag in zip(tokens, tags, strict=True):
                if start > line_end:
                    if sentence:
                        handle.write("".join(sentence) + "\n")
                        sentence = []
                    found = text.find("\n", start)
                    line_end = len(text) if found < 0 else found
                sentence.append(f"{text[start:end]}\t{tag}\n")
            if sentence:
                handle.write("".join(sentence) + "\n")
    report.paths.append(Path(out))
    if widened:
        report.warn(f"{counted(widened, 'span')} did not start or end on a token and were widened")
    if split:
        report.warn(
            f"{counted(split, 'span')} cross a line break (a CoNLL sentence boundary) and were written "
            "as one entity per sentence (B- after the break), to keep the file valid IOB2"
        )
    if lost_attributes:
        report.warn(
            f"CoNLL cannot hold stance, target or note: dropped from {counted(lost_attributes, 'span')}"
        )
    if stances:
        report.warn(f"CoNLL cannot hold document-level stances: {stances} dropped")
    warn_discontinuous(report, "CoNLL")
    return report
