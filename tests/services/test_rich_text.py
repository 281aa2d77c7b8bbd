"""Tests for annotator.services.rich_text: canonical text, style runs and hostile input."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import StyleRun
from annotator.services.rich_text import (
    MarkupTooComplexError,
    RichText,
    html_to_text,
    markdown_to_text,
    plain_text_normalise,
    render_note_html,
)


def styled(rich: RichText, style: str) -> list[str]:
    return [rich.text[r.start : r.end] for r in rich.styles if r.style == style]


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_headings_emphasis_and_paragraphs() -> None:
    rich = markdown_to_text("# Big news\n\nSome *soft* and **loud** words.\n\n## Part two\n\nEnd.")
    assert rich.text == "Big news\nSome soft and loud words.\nPart two\nEnd."
    assert styled(rich, "h1") == ["Big news"]
    assert styled(rich, "h2") == ["Part two"]
    assert styled(rich, "italic") == ["soft"]
    assert styled(rich, "bold") == ["loud"]
    assert rich.title == "Big news"


def test_markdown_lists_get_prefixes_and_listitem_runs() -> None:
    rich = markdown_to_text("- one\n- two\n\n3. three\n4. four\n")
    assert rich.text == "• one\n• two\n3. three\n4. four"
    assert styled(rich, "listitem") == ["• one", "• two", "3. three", "4. four"]


def test_markdown_quote_code_and_links() -> None:
    source = "> said *so*\n\nUse `x = 1` or\n\n```\nif a:\n    b\n```\n\n[site](https://e.com/a)"
    rich = markdown_to_text(source)
    assert rich.text == "said so\nUse x = 1 or\nif a:\n    b\nsite"
    assert styled(rich, "quote") == ["said so"]
    assert styled(rich, "code") == ["x = 1", "if a:\n    b"]
    assert styled(rich, "link") == ["site"]
    start, end, href = rich.links[0]
    assert (rich.text[start:end], href) == ("site", "https://e.com/a")


def test_markdown_without_heading_has_empty_title() -> None:
    assert markdown_to_text("just text").title == ""


def test_markdown_crlf_and_bom() -> None:
    rich = markdown_to_text("\ufeff# T\r\n\r\nbody\rmore")
    assert rich.text == "T\nbody more"


# --- HTML -------------------------------------------------------------------------------


def test_html_blocks_whitespace_and_inline_runs() -> None:
    rich = html_to_text("<div>\n  <p>a   <b>bold </b>\tc</p><p>next<br>line</p>  </div>")
    assert rich.text == "a bold c\nnext\nline"
    assert styled(rich, "bold") == ["bold"]


def test_html_pre_keeps_whitespace() -> None:
    rich = html_to_text("<p>x</p><pre>  a\n\n    b\n</pre><p>y</p>")
    assert rich.text == "x\n  a\n\n    b\ny"
    assert styled(rich, "code") == ["  a\n\n    b"]


def test_html_head_title_is_title_not_text() -> None:
    page = (
        "<!doctype html><html><head><title> The &amp; Title </title>"
        "<style>p{color:red}</style></head><body><h1>Headline</h1><p>Body</p></body></html>"
    )
    rich = html_to_text(page)
    assert rich.text == "Headline\nBody"
    assert rich.title == "The & Title"
    assert html_to_text("<h1>Only h1</h1>").title == "Only h1"


def test_html_entities_and_nbsp() -> None:
    rich = html_to_text("<p>&lt;b&gt; &amp;amp; caf&eacute;&nbsp;!</p>")
    assert rich.text == "<b> &amp; café\xa0!"


def test_html_ordered_list_numbering_and_nesting() -> None:
    rich = html_to_text("<ol><li>a<ul><li>x</li></ul></li><li>b</li></ol>")
    assert rich.text == "1. a\n• x\n2. b"


def test_html_unsafe_or_relative_links_are_not_links() -> None:
    rich = html_to_text(
        '<a href="javascript:alert(1)">j</a> <a href="/rel">r</a> <a href="data:text/html,x">d</a>'
        ' <a href="mailto:a@b.c">m</a>'
    )
    assert rich.text == "j r d m"
    assert [(rich.text[s:e], href) for s, e, href in rich.links] == [("m", "mailto:a@b.c")]
    assert styled(rich, "link") == ["m"]


def test_html_dropped_content() -> None:
    rich = html_to_text(
        "<p>keep</p><script>evil()</script><style>x{}</style><iframe>f</iframe>"
        "<object>o</object><!-- comment --><svg><text>s</text></svg><img src=x alt=pic>"
    )
    assert rich.text == "keep"


def test_lone_surrogates_become_replacement_character() -> None:
    assert html_to_text("<p>a\ud800b</p>").text == "a\ufffdb"
    assert markdown_to_text("a\udfffb").text == "a\ufffdb"
    assert "\ud800" not in render_note_html("a\ud800b")


def test_plain_text_normalise() -> None:
    assert plain_text_normalise("\ufeffa\r\nb\rc\n\ufeffd  ") == "a\nb\nc\n\ufeffd  "
    assert plain_text_normalise("") == ""


# --- Hostile payloads -------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=http://127.0.0.1:9/canary.png>",
    "![x](file:///etc/passwd)",
    "![x](http://127.0.0.1:9/canary.png)",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    "<iframe src=http://127.0.0.1:9/></iframe>",
    "<style>@import url(http://127.0.0.1:9/x.css); body{background:url(file:///etc/passwd)}</style>",
    '<p style="background:url(http://127.0.0.1:9/)">x</p>',
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    '<object data="file:///etc/passwd"></object><embed src="http://127.0.0.1:9/">',
    '<link rel=stylesheet href="http://127.0.0.1:9/x.css"><meta http-equiv=refresh content=0>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)",
    '<table background="file:///etc/passwd"><tr><td background="http://127.0.0.1:9/">x</td></tr></table>',
    '<form action="http://127.0.0.1:9/"><input name=a><button>go</button></form>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="file:///etc/passwd">f</a><a href="//127.0.0.1:9/">p</a><a href="../x">r</a>',
    "<base href=http://127.0.0.1:9/><a href=x>rel</a>",
]
# Raw markup that must never survive; escaped text such as "&lt;script" is inert and allowed.
FORBIDDEN_MARKUP = re.compile(
    r"<\s*/?\s*(script|img|iframe|object|embed|svg|math|style|link|meta|base|form|input)\b",
    re.IGNORECASE,
)
# Tags for which QTextBrowser loads a resource or that carry active content.
RESOURCE_TAGS = {"img", "script", "iframe", "object", "embed", "svg", "math", "style", "link"} | {
    "meta", "base", "form", "input", "video", "audio", "source", "frame", "image"
}  # fmt: skip


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_safe_note_html(rendered: str) -> None:
    assert not FORBIDDEN_MARKUP.search(rendered), rendered
    collector = TagCollector()
    collector.feed(rendered)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag not in RESOURCE_TAGS, rendered
        assert set(attrs) <= {"href", "rel", "start", "title"}, rendered
        href = attrs.get("href")
        if href is not None:
            assert href.lower().startswith(("http://", "https://", "mailto:")), rendered
            assert "127.0.0.1" not in href, rendered


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_payload_never_reaches_note_html(payload: str) -> None:
    rendered = render_note_html(f"Intro\n\n{payload}\n\nOutro *x*")
    assert_safe_note_html(rendered)
    assert "Outro <em>x</em>" in rendered


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("convert", [markdown_to_text, html_to_text])
def test_hostile_payload_never_becomes_a_link(
    payload: str, convert: Callable[[str], RichText]
) -> None:
    rich = convert(payload)
    for _, _, href in rich.links:
        assert href.lower().startswith(("http://", "https://", "mailto:"))
    assert rich.links == ()  # nothing in the corpus is a safe link


def test_hostile_script_text_never_in_canonical_text() -> None:
    rich = html_to_text("<p>a</p><script>alert(1)</script><style>x{}</style><p>b</p>")
    assert rich.text == "a\nb"


def test_note_html_keeps_formatting_and_safe_links() -> None:
    rendered = render_note_html("# Guide\n\n**Mark** [docs](https://e.com/g) `code`\n\n- a")
    for fragment in ("<h1>Guide</h1>", "<strong>Mark</strong>", 'href="https://e.com/g"'):
        assert fragment in rendered
    assert "<code>code</code>" in rendered and "<li>a</li>" in rendered


# --- Properties -------------------------------------------------------------------------

# Any Python str, including lone surrogates: st.text() excludes them, and so does a one_of()
# of st.characters() strategies (hypothesis merges them), hence integers -> chr.
any_text = st.text(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)))
# fmt: off
markup_pieces = st.sampled_from(
    [
        "<p>", "</p>", "<b>", "</b>", "<i>", "<em>", "</em>", "<pre>", "</pre>", "<br>", "<hr>",
        "<ul>", "<ol start=99999999999>", "<li>", "</li>", "</ul>", "<h1>", "</h1>", "<h3>",
        '<a href="https://e.com">', '<a href="javascript:x">', "</a>", "<blockquote>", "<code>",
        "<title>", "</title>", "<script>", "<table><tr><td>", "&amp;", "&#13;", "&#0;", "&", " ",
        "  ", "\n", "\r\n", "\r", "\t", "\ufeff", "\u2028", "\xa0", "x", "word", "é", "👩‍👩‍👧",
        "\ud800", "# ", "* ", "1. ", "> ", "```\n", "`", "**", "_", "[l](http://e.c)", "<!--",
        "-->", "<![CDATA[", "<!", "<?", "</", "<", ">",
    ]
)
# fmt: on
markup = st.lists(markup_pieces, max_size=40).map("".join)
inputs = st.one_of(any_text, markup)


def check_invariants(rich: RichText) -> None:
    text = rich.text
    assert "\r" not in text
    assert text == text.strip()
    for run in rich.styles:
        assert isinstance(run, StyleRun)
        assert 0 <= run.start < run.end <= len(text)
        assert run.style in {"h1", "h2", "h3", "h4", "h5", "h6", "bold", "italic", "code"} | {
            "link",
            "quote",
            "listitem",
        }
    for start, end, href in rich.links:
        assert 0 <= start < end <= len(text)
        assert href.lower().startswith(("http:", "https:", "mailto:"))
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text + rich.title)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_html_to_text_never_raises_and_is_in_bounds(source: str) -> None:
    rich = html_to_text(source)
    check_invariants(rich)
    assert html_to_text(source) == rich


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_markdown_to_text_never_raises_and_is_in_bounds(source: str) -> None:
    rich = markdown_to_text(source)
    check_invariants(rich)
    assert markdown_to_text(source) == rich


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_render_note_html_never_raises_and_is_safe(source: str) -> None:
    rendered = render_note_html(source)
    assert_safe_note_html(rendered)
    assert render_note_html(source) == rendered


@given(any_text)
def test_plain_text_normalise_only_touches_newlines_and_bom(source: str) -> None:
    out = plain_text_normalise(source)
    assert "\r" not in out
    assert not out.startswith("\ufeff") or source.startswith("\ufeff\ufeff")
    assert out == source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def test_nesting_within_bounds_renders() -> None:
    rich = html_to_text("<div><b>" * 200 + "deep")
    assert rich.text == "deep"
    assert markdown_to_text(">" * 60 + " deep").text == "deep"


def test_nesting_beyond_bounds_is_refused_not_rendered() -> None:
    # nh3 is quadratic in nesting (15 s for 100,000 <div>s): refused before it runs.
    with pytest.raises(MarkupTooComplexError, match="nested more than 400 deep"):
        html_to_text("<div><b>" * 5000 + "deep")
    with pytest.raises(MarkupTooComplexError, match="quote levels"):
        markdown_to_text(">" * 2000 + " deep")
    # A note is shown, so it falls back to plain text rather than failing.
    assert render_note_html(">" * 2000 + " deep") == "<pre>" + "&gt;" * 2000 + " deep</pre>"
