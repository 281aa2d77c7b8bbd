"""brat standoff: a folder of ``<id>.txt`` + ``<id>.ann`` pairs and an ``annotation.conf``,
read here and written by brat_export.py.

Written:

- ``<id>.txt``: the document text byte for byte (UTF-8, no newline translation);
- ``<id>.ann``: ``T1\\tLabel start end\\ttext`` per span, ``A1\\tStance T1 against`` and
  ``A2\\tTarget T1 EU`` for its stance and target, ``#1\\tAnnotatorNotes T1\\tnote``
  (line breaks in the note become spaces);
- a span's claim: ``A3\tClaim T1 <claim id>``, its wording and value as the notes
  ``#2\tClaimText T1\twording`` and ``#3\tClaimValue T1\tmore than 160``; a said-by
  link: ``R1\tsaid_by Arg1:T1 Arg2:T4`` (T1 said by the Source T4);
- ``annotation.conf`` with the labels under [entities], overlaps and said_by under
  [relations], and the Stance, Target and Claim attributes with their values.

A discontinuous span (read from brat, ``5 7;9 10``) is written with exactly its
fragments. brat forbids line breaks inside a T line's text, so a span (or fragment)
crossing line breaks is written as fragments ``start end;start end`` around them
(brat shows fragment texts joined by a space); line breaks at a span's very start or
end cannot be kept, so such a span comes back without them (reported as a warning). Types and attribute
values hold only letters, digits, "_", "-" and "/": any other run becomes "_" (warned).

brat has no annotator: with more than one annotator, each gets a subfolder named
after them holding every document and only their spans. brat has no document-level
annotation either: document stances are dropped, with a warning.

Read: every ``.ann`` under the folder (recursively) with its ``.txt``. Sub-folders
are annotators (the first level below the root names them) only when asked
(``annotator_folders=True``) or when that is unambiguous: every ``.ann`` sits in a
first-level sub-folder, there are two or more, and each holds the same file names with
the same texts (as our export writes). Otherwise they are collections: a document's id
is its path below the root without the suffix (``news/000-introduction``), and every
document is `default_annotator`'s. T lines become spans (several fragments become one
discontinuous span), ``Stance``/``Target`` attributes its stance and target,
``Claim`` and the ``ClaimText``/``ClaimValue`` notes its claim, ``said_by`` relations
said-by links, ``AnnotatorNotes`` its note; other notes on a T (``#1 Lemma T1 ...``) are
added to the note as "Lemma: ...". Everything else (other relations R, events E, other
attributes A/M, normalizations N, equivalences ``*``, notes on those) is counted as
skipped. Claims without mentions, claim relations, silent marks and derivations are not
written (the export warns with their counts).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.claims.model import SpanRelation, SpanRelationKind
from annotator.core.model import AnnotatedDocument, Document, Span, new_id
from annotator.core.text_rules import NUL_REFUSED, nul_line

from .claim_records import ClaimGatherer
from .document_collector import DocumentCollector
from .input_files import inside
from .json_input import DEFAULT_ANNOTATOR, Where, decode_utf8, read_bytes
from .skipped import Skipped

# Bounded: int() refuses more than 4,300 digits, and no text is 10**15 characters long.
_FRAGMENT = re.compile(r"([0-9]{1,15}) ([0-9]{1,15})")
_SAID_BY = re.compile(r"said_by Arg1:(T\d+) Arg2:(T\d+)")


_SKIPPED_KINDS = {
    "E": "brat events (E lines; their trigger spans are imported)",
    "M": "brat modifications (M lines)",
    "N": "brat normalizations (N lines)",
    "*": "brat equivalences (* lines)",
}
_OTHER_ATTRIBUTES = "brat attributes other than Stance, Target and Claim (A lines)"


def _offsets(offsets: str, text: str, where: Where) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for piece in offsets.split(";"):
        match = _FRAGMENT.fullmatch(piece)
        if not match:
            where.fail(f"bad offsets {offsets!r} (expected 'start end;start end')")
        start, end = int(match[1]), int(match[2])
        if not 0 <= start < end <= len(text):
            where.fail(f"offsets {start} {end} point outside the text ({len(text)} characters)")
        pieces.append((start, end))
    return pieces


def _merged(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """In order, touching or overlapping pieces joined: the span's fragments."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _parse_ann(
    ann: Path,
    root: Path,
    text: str,
    doc_id: str,
    annotator: str,
    claims: ClaimGatherer,
    skipped: Skipped,
) -> tuple[list[Span], list[SpanRelation]]:
    content = decode_utf8(read_bytes(ann, within=root), path=ann)
    spans: dict[str, Span] = {}
    changes: list[tuple[Where, str, str, str]] = []  # where, T id, field, value
    notes: dict[str, list[str]] = {}
    said_by: list[tuple[str, str]] = []
    for number, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r")
        where = Where(ann, number)
        if not line.strip():
            continue
        kind = line[0]
        fields = line.split("\t", 2)
        if kind == "T":
            if len(fields) != 3:
                where.fail("a T line needs an id, 'Type start end' and the text, tab-separated")
            label, _, offsets = fields[1].partition(" ")
            original = _offsets(offsets, text, where)
            given = _merged(original)
            shown = " ".join(text[s:e] for s, e in original)
            if fields[2] != shown:
                where.fail(f"the T text {fields[2]!r} does not match the .txt ({shown!r})")
            if not label:
                where.fail("a T line needs a type")
            spans[fields[0]] = Span(
                new_id(),
                doc_id,
                given[0][0],
                given[-1][1],
                label,
                annotator,
                fragments=tuple(given) if len(given) > 1 else (),
            )
        elif kind == "A":
            parts = fields[1].split(" ") if len(fields) > 1 else []
            if len(parts) not in (2, 3):
                where.fail("an A line needs 'Name T1 value'")
            if len(parts) == 3 and parts[0] in ("Stance", "Target", "Claim"):
                changes.append((where, parts[1], parts[0].lower(), parts[2]))
            else:
                skipped.add(_OTHER_ATTRIBUTES, ann, number)
        elif kind == "#":
            parts = fields[1].split(" ") if len(fields) > 1 else []
            if len(parts) != 2:
                where.fail("a note line needs 'AnnotatorNotes T1' and the note")
            note = fields[2] if len(fields) > 2 else ""
            claim_notes = {"ClaimText": "claim_text", "ClaimValue": "claim_value"}
            if not parts[1].startswith("T"):
                skipped.add("brat notes on relations, events or attributes (# lines)", ann, number)
            elif parts[0] in claim_notes:
                changes.append((where, parts[1], claim_notes[parts[0]], note))
            else:
                changes.append((where, parts[1], "note", ""))  # checks that the T exists
                note = note.strip()
                notes.setdefault(parts[1], []).append(
                    note if parts[0] == "AnnotatorNotes" else f"{parts[0]}: {note}"
                )
        elif kind == "R":
            match = _SAID_BY.fullmatch(fields[1]) if len(fields) > 1 else None
            if match:
                said_by.append((match[1], match[2]))
            else:
                # our model has no generic typed relation between spans (only said_by)
                skipped.add("brat relations (R lines)", ann, number)
        elif kind in _SKIPPED_KINDS:
            skipped.add(_SKIPPED_KINDS[kind], ann, number)
        else:
            where.fail(f"unknown annotation line starting with {kind!r}")
    claim_fields: dict[str, dict[str, Any]] = {}
    for where, ref, field, value in changes:
        if ref not in spans:
            if ref.startswith("T"):
                where.fail(f"{ref} is not defined in this file")
            skipped.add(_OTHER_ATTRIBUTES, where.path, where.line)
            continue
        if field == "note":
            continue
        if field in ("claim", "claim_text", "claim_value"):
            claim_fields.setdefault(ref, {"where": where})[field] = value
            continue
        change: dict[str, Any] = {field: value}
        spans[ref] = replace(spans[ref], **change)
    for ref, texts in notes.items():
        spans[ref] = replace(spans[ref], note="\n".join(t for t in texts if t))
    for ref, fields_of in claim_fields.items():
        claim, value = claims.span_claim(fields_of, annotator, fields_of["where"])
        spans[ref] = replace(spans[ref], claim=claim, claim_value=value)
    relations = [
        SpanRelation(
            new_id(), SpanRelationKind.SAID_BY, spans[a].id, spans[b].id, annotator,
            document_id=doc_id,
        )
        for a, b in said_by
        if a in spans and b in spans and a != b
    ]  # fmt: skip
    return list(spans.values()), relations


def _stems_and_texts(folder: Path, anns: list[Path]) -> dict[str, bytes]:
    return {
        ann.stem: read_bytes(ann.with_suffix(".txt"), within=folder.parent)
        for ann in anns
        if ann.parent == folder
    }


def annotator_folders_detected(root: Path, anns: list[Path]) -> bool:
    """True when the sub-folders are unambiguously one annotator each: every .ann is in a
    first-level sub-folder, there are at least two, and all hold the same file names with
    byte-identical texts."""
    folders = {ann.parent for ann in anns}
    if len(folders) < 2 or any(folder.parent != root for folder in folders):
        return False
    if any(not ann.with_suffix(".txt").is_file() for ann in anns):
        return False
    contents = [_stems_and_texts(folder, anns) for folder in sorted(folders)]
    return all(other == contents[0] for other in contents[1:])


def ann_files(root: Path) -> list[Path]:
    """Every .ann under `root`, sorted. The walk stays inside `root`: a linked folder
    is not entered, and one leading out of `root` is an InputError (linked files are
    checked when read)."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs:
            linked = Path(folder, name)
            if linked.is_symlink() and not inside(linked, root):
                Where(linked, None).fail(
                    f"a symbolic link pointing outside the folder {root}; it is not followed"
                )
        found += [Path(folder, name) for name in files if name.endswith(".ann")]
    return sorted(found)


def read_brat(
    path: Path,
    *,
    default_annotator: str = DEFAULT_ANNOTATOR,
    override_annotator: str | None = None,
    skipped: Skipped | None = None,
    annotator_folders: bool | None = None,
    **options: Any,
) -> list[AnnotatedDocument]:
    """Read a brat folder (see the module docstring), all or nothing.

    `annotator_folders`: True reads first-level sub-folders as annotators, False as
    collections, None decides (see the module docstring). What the project cannot hold
    is counted into `skipped`. Raises InputError naming the .ann file and line for
    malformed lines, offsets past the text and T texts that do not match the .txt, and
    naming the .ann when its .txt is missing. Only regular files inside the folder
    are read: a FIFO, a device or a symbolic link leading out of the folder is refused,
    a linked sub-folder is not entered.
    """
    root = Path(path)
    skipped = skipped if skipped is not None else Skipped()
    collector = DocumentCollector()
    claims = ClaimGatherer(default_annotator, override_annotator)
    anns = ann_files(root)
    if not anns:
        Where(root, None).fail("no brat .ann files in this folder")
    if annotator_folders is None:
        annotator_folders = annotator_folders_detected(root, anns)
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not os.path.lexists(txt):  # anything else there is checked when read
            Where(ann, None).fail(f"no {txt.name} next to it")
        text = decode_utf8(read_bytes(txt, within=root), path=txt)
        line = nul_line(text)
        if line is not None:
            Where(txt, line).fail(NUL_REFUSED)
        relative = ann.parent.relative_to(root).parts
        if annotator_folders:
            annotator = override_annotator or (relative[0] if relative else default_annotator)
            doc_id = "/".join((*relative[1:], ann.stem))
        else:
            annotator = override_annotator or default_annotator
            doc_id = "/".join((*relative, ann.stem))
        spans, said_by = _parse_ann(ann, root, text, doc_id, annotator, claims, skipped)
        collector.add(
            AnnotatedDocument(Document(id=doc_id, text=text), spans, span_relations=said_by),
            Where(ann, None),
        )
    documents = collector.documents()
    claims.finish(documents)
    return documents
