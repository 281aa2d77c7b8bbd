"""Export → import into a fresh project → export again gives the same annotations
(as far as each format can express them), through the real project store."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.services.document_import import import_files
from annotator.services.export import export_project, iter_annotated
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

PIECES = ["Experts", " ", "👩‍💻", "🇺🇸", "e\u0301", "专家", "警告", "שלום", "\n", "ban", ",", "160"]
LABELS = ["Claim", "Evidence", "Source"]

# What survives each format: (start, end, label, annotator[, stance, note])
KEEPS = {
    "jsonl": lambda s: (s.start, s.end, s.label, s.annotator, s.stance, s.target, s.note),
    "labelstudio": lambda s: (s.start, s.end, s.label, s.annotator, s.stance, s.target, s.note),
    "doccano": lambda s: (s.start, s.end, s.label),
    "brat": lambda s: (s.start, s.end, s.label, s.stance),
}


@st.composite
def projects(draw) -> list[AnnotatedDocument]:
    items = []
    for n in range(draw(st.integers(1, 3))):
        text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=3, max_size=25)))
        if not text.strip():
            text += "text"
        spans = []
        for i in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            if "\n" in (text[start], text[end - 1]):  # brat cannot keep a break at an edge
                continue
            spans.append(
                Span(
                    f"d{n}s{i}", f"d{n}", start, end, draw(st.sampled_from(LABELS)), "alice",
                    draw(st.sampled_from([None, "favor", "against"])),
                    None, draw(st.sampled_from(["", "why: =1+1"])),
                )
            )  # fmt: skip
        spans = [
            s
            if s.stance is None
            else Span(
                s.id, s.document_id, s.start, s.end, s.label, s.annotator, s.stance, "T", s.note
            )
            for s in spans
        ]
        items.append(AnnotatedDocument(Document(id=f"d{n}", text=text), spans))
    return items


def annotations(store: ProjectStore, keep) -> list[tuple]:
    return sorted(
        (item.document.text, keep(span)) for item in iter_annotated(store) for span in item.spans
    )


@pytest.mark.parametrize("fmt", sorted(KEEPS))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=projects())
def test_export_import_export_keeps_the_annotations(tmp_path_factory, fmt: str, items) -> None:
    folder = tmp_path_factory.mktemp(fmt)
    with ProjectStore.create(folder / "a.annotator") as first:
        ingest(first, items)
        out1 = folder / ("one" if fmt == "brat" else f"one.{fmt}")
        export_project(first, fmt, out1)
        with ProjectStore.create(folder / "b.annotator") as second:
            import_files(second, [out1], annotator="alice", format=fmt)
            out2 = folder / ("two" if fmt == "brat" else f"two.{fmt}")
            export_project(second, fmt, out2)
            with ProjectStore.create(folder / "c.annotator") as third:
                import_files(third, [out2], annotator="alice", format=fmt)
                keep = KEEPS[fmt]
                expected = annotations(first, keep)
                assert annotations(second, keep) == expected
                assert annotations(third, keep) == expected
