"""One fuzz target per parser of untrusted input (hypothesis-driven, see run.py).

The contract each target checks, for any bytes at all: the parser returns, or raises
InputError (a clear message naming the file); anything else (a traceback, a hang, a span
whose offsets fall outside its text) is a bug. Inputs are mutations of valid files, so
the fuzzer gets past the first byte of the format, plus raw bytes.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.model import AnnotatedDocument
from annotator.core.search_query import parse, term_pattern
from annotator.services.document_import import read_plain_document
from annotator.services.formats import detect_format, read_annotations
from annotator.services.rich_text import render_note_html
from annotator.store.search_repo import clean_query, find_in_text, fts_expression

NASTY = [
    "\x00", "\ud800", "\ufeff", "\u202e", "\u2028", "\r\n", "👩‍💻", "e\u0301", '"', "\\",
    "<", ">", "&", "[", "]", "`", "*", "_", "#", "-", ">", "|", "(", ")", "NaN", "1e999",
    "9" * 30, "-1", "<div>", "</div>", "<script>", "<img src=x onerror=1>", "javascript:",
    "{", "}", ":", ",", "\t", " ", "\n", "T1", "A1", "#1", ";", "R1",
]  # fmt: skip
_pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=6))
text_soup = st.lists(_pieces, max_size=40).map("".join)
_SAMPLE_TEXT = "Over 40 experts said the ban was final."

_SAMPLES = {
    "jsonl": json.dumps(
        {
            "id": "d", "text": _SAMPLE_TEXT, "title": "T",
            "spans": [{"id": "s", "start": 0, "end": 4, "text": "Over", "label": "Claim",
                       "stance": "favor", "target": "EU", "note": "n"}],
            "stances": [{"target": "EU", "stance": "against"}],
        }
    ) + "\n",
    "doccano": json.dumps({"text": _SAMPLE_TEXT, "label": [[0, 4, "Claim"]], "cats": ["EU: favor"]})
    + "\n",
    "labelstudio": json.dumps(
        [{"data": {"text": _SAMPLE_TEXT}, "annotations": [{"completed_by_name": "a", "result": [
            {"id": "r", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": 0, "end": 4, "text": "Over", "labels": ["Claim"]}}]}]}]
    ),
    "ann": "T1\tClaim 0 4\tOver\nA1\tStance T1 favor\n#1\tAnnotatorNotes T1\tnote\n",
    "markdown": "# Title\n\nSome *text* with [a link](https://x.org) and `code`.\n\n- item\n",
    "html": "<html><title>T</title><body><h1>H</h1><p>Para <b>bold</b></p></body></html>",
}  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, sample: str) -> bytes:
    """`sample` with a few slices replaced by nasty pieces, as UTF-8 (or raw bytes)."""
    text = sample
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 8)))
        text = text[:start] + draw(text_soup) + text[end:]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        return data
    return draw(st.one_of(st.just(data), st.binary(max_size=200)))


def _check(documents: list[AnnotatedDocument]) -> None:
    for item in documents:
        text = item.document.text
        assert "\x00" not in text, "a NUL reached a document text"
        for span in item.spans:
            assert 0 <= span.start < span.end <= len(text), (span.start, span.end, len(text))


def _in_file(data: bytes, name: str, run: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with contextlib.suppress(InputError):  # the one allowed failure: a clear message
            run(path)


def _annotations(kind: str, name: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        _in_file(data, name, lambda path: _check(read_annotations(kind, path)))

    return target


def _plain(kind: str, name: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        _in_file(data, name, lambda path: _check([read_plain_document(path, kind)]))

    return target


def brat_folder(data: bytes) -> None:
    """The first line of `data` is the .txt, the rest the .ann."""
    txt, _, ann = data.partition(b"\n")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "brat"
        root.mkdir()
        (root / "doc.txt").write_bytes(txt or b"x")
        (root / "doc.ann").write_bytes(ann)
        with contextlib.suppress(InputError):
            _check(read_annotations("brat", root))


def detect(data: bytes) -> None:
    for name in ("in.json", "in.jsonl", "in.txt"):
        _in_file(data, name, detect_format)


def note(data: bytes) -> None:
    source = data.decode("utf-8", "replace")
    assert isinstance(render_note_html(source), str)  # never raises, whatever the note


def search_query(data: bytes) -> None:
    try:  # keeps lone surrogates, which a typed or pasted query can hold
        query = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        query = data.decode("utf-8", "replace")
    cleaned = clean_query(query)
    assert "\x00" not in cleaned
    expression = fts_expression(cleaned)
    assert expression is None or expression.startswith('("')  # every term quoted for FTS
    terms = parse(cleaned).terms
    haystack = _SAMPLE_TEXT + cleaned
    hits = find_in_text(haystack, cleaned)
    # A text holding the query as typed holds every one of its terms...
    assert bool(hits) == bool(terms)
    # ...and every hit is a run of term matches (two terms' overlapping hits merge).
    for start, end in hits:
        found = haystack[start:end]
        assert any(term_pattern(t).search(found) for t in terms), (cleaned, found)


TARGETS: dict[str, tuple[Callable[[bytes], None], st.SearchStrategy[bytes]]] = {
    "jsonl": (_annotations("jsonl", "in.jsonl"), mutated(_SAMPLES["jsonl"])),
    "doccano": (_annotations("doccano", "in.jsonl"), mutated(_SAMPLES["doccano"])),
    "labelstudio": (_annotations("labelstudio", "in.json"), mutated(_SAMPLES["labelstudio"])),
    "brat": (brat_folder, mutated(_SAMPLE_TEXT + "\n" + _SAMPLES["ann"])),
    "text": (_plain("text", "in.txt"), mutated(_SAMPLE_TEXT)),
    "markdown": (_plain("markdown", "in.md"), mutated(_SAMPLES["markdown"])),
    "html": (_plain("html", "in.html"), mutated(_SAMPLES["html"])),
    "detect": (detect, mutated(_SAMPLES["labelstudio"])),
    "note": (note, mutated(_SAMPLES["markdown"])),
    "search": (search_query, mutated('experts NEAR(ban) "final" *')),
}
