"""Hypothesis strategies for annotated documents with hard Unicode."""

from __future__ import annotations

from hypothesis import strategies as st

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span, new_id

FRAGMENTS = [
    "EU rejects German call",
    " ",
    "\n",
    "\r\n",
    "\u2028",
    "👍",
    "👩\u200d👩\u200d👧",  # ZWJ family
    "🇩🇪",
    "e\u0301",  # combining acute
    "Ñandú",
    "中华人民共和国",
    "东京",
    "مرحبا بالعالم",  # RTL
    "שָׁלוֹם",
    "\t",
    "\"quoted\" 'x', y;",
    "=SUM(A1)",
    "-3",
    "@home",
]

text_strategy = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join)
annotators = st.sampled_from(["alice", "bob", "Zoë Ä"])
labels = st.sampled_from(["Claim", "Evidence", "Named entity", "=cmd"])
stances = st.sampled_from([None, "favor", "against"])
targets = st.sampled_from([None, "EU", "Germany"])
notes = st.sampled_from(["", "checked", "line one\nline two", "+1 see\tabove"])


@st.composite
def annotated_documents(draw, max_spans: int = 6, one_annotator: str | None = None):
    text = draw(text_strategy)
    doc = Document(
        id=draw(st.sampled_from(["d1", "doc-2", new_id()[:16]])),
        text=text,
        title=draw(st.sampled_from(["", "Title ✓", "=HYPERLINK()"])),
        source=draw(st.sampled_from(["", "Le Monde"])),
    )
    spans = []
    for _ in range(draw(st.integers(0, max_spans))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(
            Span(
                id=new_id(),
                document_id=doc.id,
                start=start,
                end=end,
                label=draw(labels),
                annotator=one_annotator or draw(annotators),
                stance=draw(stances),
                target=draw(targets),
                note=draw(notes),
            )
        )
    doc_stances = []
    for target in draw(st.sets(st.sampled_from(["EU", "Germany"]), max_size=2)):
        doc_stances.append(
            DocumentStance(
                document_id=doc.id,
                annotator=one_annotator or draw(annotators),
                target=target,
                stance=draw(st.sampled_from(["favor", "against"])),
            )
        )
    return AnnotatedDocument(doc, spans, doc_stances)


@st.composite
def corpora(draw, max_docs: int = 3, **kwargs):
    """Documents with distinct ids."""
    docs = draw(st.lists(annotated_documents(**kwargs), min_size=1, max_size=max_docs))
    seen, unique = set(), []
    for item in docs:
        if item.document.id not in seen:
            seen.add(item.document.id)
            unique.append(item)
    return unique


def span_key(span: Span) -> tuple:
    return (span.start, span.end, span.label, span.annotator, span.stance, span.target, span.note)
