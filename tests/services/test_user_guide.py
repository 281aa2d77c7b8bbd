"""The shipped user guide: found as package data, teaching each part of the app, with an
anchor per heading and nothing a safe browser should not show."""

from __future__ import annotations

from annotator.services.user_guide import (
    SHORTCUTS_MARK,
    guide_markdown,
    render_guide,
    shortcuts_markdown,
)


def test_the_guide_is_shipped_and_covers_every_part_of_the_work() -> None:
    source = guide_markdown()
    assert SHORTCUTS_MARK in source
    titles = {section.title for section in render_guide(source).sections if section.level == 2}
    assert {
        "Projects",
        "Opening articles side by side",
        "Labelling and stance",
        "Claims across articles",
        "Agreement and review into gold",
        "Exporting datasets",
        "Backups and restore",
        "The keyboard",
    } <= titles


def test_the_guide_names_every_export_format_and_the_keys_it_teaches() -> None:
    source = guide_markdown()
    for format_name in (
        "Annotator JSONL", "CSV", "doccano JSONL", "Label Studio JSON", "brat standoff",
        "CoNLL BIO", "spaCy DocBin", "Apache Parquet",
    ):  # fmt: skip
        assert f"| {format_name} |" in source, format_name
    for key in ("Ctrl+K", "Ctrl+L", "Ctrl+Shift+N", "Ctrl+M", "Ctrl+Shift+R", "Ctrl+T"):
        assert f"**{key}**" in source or f"({key})" in source, key


def test_every_heading_has_a_unique_anchor_in_the_html() -> None:
    guide = render_guide()
    anchors = [section.anchor for section in guide.sections]
    assert len(anchors) == len(set(anchors)) > 10
    for anchor in anchors:
        assert f'id="{anchor}"' in guide.html


def test_the_shortcut_table_replaces_the_mark_and_escapes_its_cells() -> None:
    table = shortcuts_markdown([("Edit", "Find <all> | any", "Ctrl+F"), ("View", "Pane", "")])
    guide = render_guide(f"# G\n\n## Keys\n\n{SHORTCUTS_MARK}\n", table)
    assert "<table>" in guide.html and SHORTCUTS_MARK not in guide.html
    assert "Find &lt;all&gt; | any" in guide.html and "<all>" not in guide.html
    assert "<td>—</td>" in guide.html


def test_the_cleaner_keeps_in_page_and_web_links_only() -> None:
    source = (
        "# G\n\n## A part\n\n[inside](#a-part) [web](https://example.org) [file](notes.html)"
        " [mail](mailto:x@y.z)\n\n<script>alert(1)</script>\n\n![img](pic.png)\n"
    )
    html = render_guide(source).html
    assert 'href="#a-part"' in html and 'href="https://example.org"' in html
    assert "notes.html" not in html and "mailto:" not in html
    assert "<script" not in html and "<img" not in html
