"""Deterministic workloads: English-like news text with some emoji and CJK, overlapping spans.

Everything is drawn from `random.Random(seed)`, so the same sizes give the same bytes on
every machine. Labels are the default scheme's (Claim / Evidence / Source); several
annotators; some spans and documents carry a stance toward the default target.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

LABELS = ("Claim", "Evidence", "Source")
STANCES = ("favor", "against", "neutral", "unclear")
ANNOTATORS = ("alice", "bob", "carol", "dan", "erin")
OUTLETS = ("The Daily Ledger", "Global Wire", "Tech Herald", "Morning Post", "Reuters-like")
RARE_PHRASE = "Anthropic models"  # planted in about 2% of 5 KB articles; search benchmarks query it

_WORDS = (  # noqa: SIM905 (a word list reads better as prose)
    "the of and to in a is that for on said with as was by it at from be this have are "
    "experts security government officials restrictions letter warned company models "
    "policy national report according researchers system technology statement week "
    "department public federal decision critics spokesperson industry access data new "
    "more than would could about after over their which were has not also but who they "
    "its been had will an one two three hundred signed urged argued claimed evidence "
    "analysis risk risks threat threats defence response law rules agency open source "
    "software developers users market billion million percent year years"
).split()
_EMOJI = ("😀", "🇺🇸", "👩‍💻", "🔒", "📈", "⚠️")
_CJK = ("专家警告", "人工智能", "华盛顿", "限制措施", "网络安全")


def article_text(rng: random.Random, size: int) -> str:
    """About `size` code points of paragraphs of sentences (never much shorter)."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(_WORDS, k=rng.randint(8, 28))
            if rng.random() < 0.0005:
                words.insert(rng.randrange(len(words)), RARE_PHRASE)
            if rng.random() < 0.05:
                words.insert(rng.randrange(len(words)), rng.choice(_EMOJI))
            if rng.random() < 0.03:
                words.insert(rng.randrange(len(words)), rng.choice(_CJK))
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[: max(size, 1)]


def random_spans(
    rng: random.Random,
    document_id: str,
    text: str,
    count: int,
    annotators: Sequence[str],
    weights: Sequence[float] | None = None,
) -> list[Span]:
    """`count` distinct spans of 8-160 code points, overlapping each other freely."""
    spans: list[Span] = []
    seen: set[tuple[str, int, int, str]] = set()
    length = len(text)
    while len(spans) < count:
        size = rng.randint(8, 160)
        start = rng.randrange(0, max(1, length - size))
        end = min(length, start + size)
        label = rng.choice(LABELS)
        annotator = rng.choices(annotators, weights)[0]
        key = (annotator, start, end, label)
        if start >= end or key in seen:
            continue
        seen.add(key)
        stance = rng.choice(STANCES) if rng.random() < 0.3 else None
        spans.append(
            Span(
                f"{rng.getrandbits(128):032x}", document_id, start, end, label, annotator,
                stance, DEFAULT_TARGET if stance else None,
            )
        )  # fmt: skip
    return spans


def _document(rng: random.Random, index: int, size: int) -> Document:
    text = article_text(rng, size)
    return Document(
        id=f"doc{index:05d}",
        text=text,
        title=" ".join(text.split()[:8])[:80],
        source=rng.choice(OUTLETS),
        published=f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
    )


def corpus(
    documents: int,
    size: int,
    spans: int,
    *,
    seed: int = 1,
    annotators: Sequence[str] = ANNOTATORS[:3],
    weights: Sequence[float] | None = (0.5, 0.3, 0.2),
) -> list[AnnotatedDocument]:
    """`documents` articles of about `size` code points sharing `spans` spans evenly."""
    rng = random.Random(seed)
    items = []
    for index in range(documents):
        document = _document(rng, index, size)
        share = spans // documents + (1 if index < spans % documents else 0)
        stances = [
            DocumentStance(document.id, name, DEFAULT_TARGET, rng.choice(STANCES))
            for name in annotators
            if rng.random() < 0.5
        ]
        items.append(
            AnnotatedDocument(
                document,
                random_spans(rng, document.id, document.text, share, annotators, weights),
                stances,
            )
        )
    return items


def agreement_corpus(documents: int, spans: int, *, seed: int = 2) -> list[AnnotatedDocument]:
    """Five annotators who mostly agree: shared passages with jittered offsets and labels,
    and a document stance per annotator that follows a shared one 70% of the time."""
    rng = random.Random(seed)
    names = ANNOTATORS
    per_document = max(1, spans // (documents * len(names)))
    items = []
    for index in range(documents):
        document = _document(rng, index, 2000)
        length = len(document.text)
        truth = rng.choice(STANCES)
        stances = [
            DocumentStance(
                document.id,
                name,
                DEFAULT_TARGET,
                truth if rng.random() < 0.7 else rng.choice(STANCES),
            )
            for name in names
            if rng.random() < 0.9
        ]
        doc_spans: list[Span] = []
        seen: set[tuple[str, int, int, str]] = set()
        passages = [
            (start, min(length, start + rng.randint(10, 120)), rng.choice(LABELS))
            for start in (rng.randrange(0, max(1, length - 130)) for _ in range(per_document))
        ]
        for name in names:
            for start, end, label in passages:
                start = max(0, start + rng.randint(-5, 5))
                end = min(length, max(start + 1, end + rng.randint(-5, 5)))
                label = label if rng.random() < 0.85 else rng.choice(LABELS)
                if (name, start, end, label) in seen:
                    continue
                seen.add((name, start, end, label))
                stance = rng.choice(STANCES) if rng.random() < 0.4 else None
                doc_spans.append(
                    Span(
                        f"{rng.getrandbits(128):032x}", document.id, start, end, label, name,
                        stance, DEFAULT_TARGET if stance else None,
                    )
                )  # fmt: skip
        items.append(AnnotatedDocument(document, doc_spans, stances))
    return items


def write_jsonl(items: Sequence[AnnotatedDocument], path: Path) -> Path:
    """`items` as native JSONL (README, "Native JSONL")."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            doc = item.document
            record = {
                "id": doc.id, "title": doc.title, "source": doc.source, "url": doc.url,
                "published": doc.published, "text": doc.text, "sha256": doc.sha256,
                "spans": [
                    {
                        "id": s.id, "start": s.start, "end": s.end,
                        "text": doc.text[s.start : s.end], "label": s.label,
                        "annotator": s.annotator, "stance": s.stance, "target": s.target,
                        "note": s.note,
                    }
                    for s in item.spans
                ],
                "stances": [
                    {"annotator": s.annotator, "target": s.target, "stance": s.stance}
                    for s in item.stances
                ],
            }  # fmt: skip
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[AnnotatedDocument]:
    """A native JSONL file (the --workload option), read by the app's own reader."""
    from annotator.services.formats import read_annotations

    return read_annotations("jsonl", path)


def build_project(path: Path, items: Sequence[AnnotatedDocument]) -> Path:
    """A fresh project file at `path` holding `items`."""
    with ProjectStore.create(path) as store:
        ingest(store, items)
    return path


def total_spans(items: Sequence[AnnotatedDocument]) -> int:
    return sum(len(item.spans) for item in items)
