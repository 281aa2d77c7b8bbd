"""Convert imported Markdown/HTML to canonical plain text plus style runs, and notes to safe HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3

from annotator.core.model import StyleRun
from annotator.services.markup_limits import (
    MarkupProblem,
    MarkupTooComplexError,
    html_problem,
    markdown_problem,
    within_bounds,
)

# Formatting only. No img/media/forms/style: QTextBrowser would fetch or read resources for them.
_ALLOWED_TAGS = frozenset(
    {"p", "br", "hr", "div", "span", "article", "section", "header", "footer", "figure"}
    | {"figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "s"}
    | {"del", "ins", "mark", "small", "sub", "sup", "code", "pre", "kbd", "samp", "tt"}
    | {"blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr"}
    | {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"}
)
# Dropped with their content: their text is code, styling or fallback, never article text.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "applet", "noscript", "noembed"}
    | {"noframes", "frame", "frameset", "template", "title", "svg", "math", "canvas"}
    | {"audio", "video", "textarea", "select", "button"}
)
# Shared with the user guide's cleaner (services/user_guide.py).
ALLOWED_TAGS, DROPPED_WITH_CONTENT = _ALLOWED_TAGS, _DROPPED_WITH_CONTENT
# No "style" or "background"-like attributes: Qt resolves url(...) in them.
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "abbr": {"title"}}
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

_BLOCK_TAGS = frozenset(
    {"p", "div", "article", "section", "header", "footer", "figure", "figcaption"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li"}
    | {"dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption"}
)
_VOID_TAGS = frozenset({"br", "hr", "wbr", "col"})
_TAG_STYLE = {
    **{f"h{n}": f"h{n}" for n in range(1, 7)},
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "code": "code",
    "pre": "code",
    "kbd": "code",
    "samp": "code",
    "tt": "code",
    "blockquote": "quote",
    "li": "listitem",
}
# HTML's own whitespace; other Unicode spaces (NBSP, U+2028) are content.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class RichText:
    """Canonical plain text with display styles; offsets are code points into `text`."""

    text: str
    styles: tuple[StyleRun, ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, href): http/https/mailto only
    title: str = ""


def _scrub(source: str) -> str:
    # Lone surrogates cannot be encoded to UTF-8: nh3 and SQLite would raise on them later.
    # They are replaced by U+FFFD (a decoded surrogate pair in a str is two lone ones).
    return _SURROGATE.sub("\ufffd", source)


def _sanitise(source: str) -> str:
    return nh3.clean(
        source,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in _ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(_LINK_SCHEMES),
        url_relative="deny",
        strip_comments=True,
    )


def markdown_renderer() -> Any:
    """A fresh Markdown converter: "extra" (minus raw-HTML blocks) and sane lists.

    Imported on first use, and extensions passed as objects: naming them (as "extra"
    itself does for its parts) makes markdown scan every installed package's entry
    points, ~35 ms at start-up.
    """
    import markdown
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    return markdown.Markdown(
        extensions=[
            AbbrExtension(), AttrListExtension(), DefListExtension(), FencedCodeExtension(),
            FootnoteExtension(), TableExtension(), SaneListExtension(),
        ]
    )  # fmt: skip


def _render_markdown(source: str) -> str:
    """Markdown to (unsanitised) HTML; on a renderer failure, the source as escaped text."""
    try:
        return markdown_renderer().convert(source)
    # Broad on purpose: a third-party parser on untrusted input must not stop an import.
    except Exception:
        return f"<pre>{html.escape(source)}</pre>"


def _is_safe_link(href: str) -> bool:
    scheme, colon, _ = href.partition(":")
    return bool(colon) and scheme.strip().lower() in _LINK_SCHEMES


@dataclass(slots=True)
class _Open:
    tag: str
    style: str | None
    href: str | None
    start: int | None = None  # set when the element's first visible character is written


class _TextWriter(HTMLParser):
    """Walks sanitised (hence well-formed) HTML and writes text and style runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.last = ""
        # Breaks and spaces are deferred until real content follows, so runs never start or
        # end with a separator and the text never ends with one.
        self.want_break = False
        self.want_space = False
        self.pre_depth = 0
        self.pre_tail = ""  # trailing newlines inside <pre>, dropped if the <pre> ends there
        self.stack: list[_Open] = []
        self.lists: list[list[int | None]] = []  # [next number] for <ol>, [None] for <ul>
        self.styles: list[StyleRun] = []
        self.links: list[tuple[int, int, str]] = []

    def finish(self) -> None:
        self.close()
        while self.stack:  # unclosed elements still style what they covered
            self._close(self.stack.pop())

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
        self.last = s[-1]

    def _emit(self, content: str) -> None:
        if self.length:
            if self.want_break and self.last != "\n":
                self._write("\n")
            elif self.want_space and not self.want_break and self.last not in " \n":
                self._write(" ")
        self.want_break = self.want_space = False
        if self.pre_tail:
            self._write(self.pre_tail)
            self.pre_tail = ""
        for element in self.stack:
            if element.start is None:
                element.start = self.length
        self._write(content)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag == "hr":
                self.want_break = True
            elif tag == "br":
                if self.pre_depth:
                    self.pre_tail += "\n"
                elif self.length:
                    self.want_break = self.want_space = False
                    self._write("\n")
            return
        if tag in _BLOCK_TAGS:
            self.want_break = True
        elif tag in ("td", "th"):
            self.want_space = True
        href = dict(attrs).get("href") if tag == "a" else None
        if href is not None and not _is_safe_link(href):
            href = None
        style = "link" if href else _TAG_STYLE.get(tag)
        self.stack.append(_Open(tag, style, href))
        if tag in ("ul", "ol"):
            self.lists.append([_list_start(attrs) if tag == "ol" else None])
        elif tag == "li":
            self._emit(self._bullet())
        elif tag == "pre":
            self.pre_depth += 1

    def _bullet(self) -> str:
        if not self.lists or self.lists[-1][0] is None:
            return "• "
        number = self.lists[-1][0]
        self.lists[-1][0] = number + 1
        return f"{number}. "

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                break
        else:
            return  # a stray end tag closes nothing
        while len(self.stack) > depth:
            self._close(self.stack.pop())

    def _close(self, element: _Open) -> None:
        start, end = element.start, self.length
        if start is not None and start < end:
            if element.style:
                self.styles.append(StyleRun(start, end, element.style))
            if element.href:
                self.links.append((start, end, element.href))
        if element.tag in _BLOCK_TAGS:
            self.want_break = True
        if element.tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif element.tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
            self.pre_tail = ""

    def handle_data(self, data: str) -> None:
        if self.pre_depth:
            data = data.replace("\r\n", "\n").replace("\r", "\n")  # from &#13;
            body = data.rstrip("\n")
            if body:
                self._emit(body)
            self.pre_tail += data[len(body) :]
            return
        collapsed = _HTML_SPACE.sub(" ", data)
        if collapsed.startswith(" "):
            self.want_space = True
        body = collapsed.strip(" ")
        if body:
            self._emit(body)
            self.want_space = collapsed.endswith(" ")


def _list_start(attrs: list[tuple[str, str | None]]) -> int:
    value = (dict(attrs).get("start") or "").strip()
    # Bounded so a hostile start="9999…" cannot hit int()'s digit limit or make huge prefixes.
    if re.fullmatch(r"-?[0-9]{1,9}", value):
        return int(value)
    return 1


def _trimmed(
    writer: _TextWriter,
) -> tuple[str, tuple[StyleRun, ...], tuple[tuple[int, int, str], ...]]:
    """Strip outer whitespace (possible from <pre> and <br>) and clip every range to the result."""
    raw = "".join(writer.parts)
    text = raw.strip()
    shift = len(raw) - len(raw.lstrip())

    def clip(start: int, end: int) -> tuple[int, int]:
        return max(0, start - shift), min(len(text), end - shift)

    styles: dict[StyleRun, None] = {}  # ordered set: <pre><code> gives the same run twice
    for run in writer.styles:
        start, end = clip(run.start, run.end)
        if start < end:
            styles[StyleRun(start, end, run.style)] = None
    links: dict[tuple[int, int, str], None] = {}
    for link_start, link_end, href in writer.links:
        start, end = clip(link_start, link_end)
        if start < end:
            links[(start, end, href)] = None
    return text, tuple(styles), tuple(links)


def _to_rich_text(sanitised: str, head_title: str) -> RichText:
    writer = _TextWriter()
    writer.feed(sanitised)
    writer.finish()
    text, styles, links = _trimmed(writer)
    title = head_title
    if not title:
        title = next((text[r.start : r.end] for r in styles if r.style == "h1"), "")
    return RichText(text, styles, links, title)


def _head_title(source: str) -> str:
    """The document's <title>, found by the same parser as the body so comments/scripts can't fake it."""
    only_title = nh3.clean(
        source,
        tags={"title"},
        clean_content_tags=set(_DROPPED_WITH_CONTENT - {"title"}),
        attributes={},
    )
    match = re.search(r"<title>(.*?)</title>", only_title, re.DOTALL)
    if not match:
        return ""
    return _HTML_SPACE.sub(" ", html.unescape(match.group(1))).strip()


def html_to_text(source: str) -> RichText:
    """Sanitise HTML and flatten it to canonical text with style runs and safe links.

    Blocks are separated by one "\\n"; other whitespace outside <pre> collapses to one space;
    list items get "• " or "N. ". The title is the <title> if non-empty, else the first h1.
    Lone surrogates become U+FFFD. Raises MarkupTooComplexError beyond markup_limits'
    bounds (checked in linear time before rendering); never anything else.
    """
    source = plain_text_normalise(_scrub(source))
    within_bounds(html_problem(source))
    return _to_rich_text(_sanitise(source), _head_title(source))


def markdown_to_text(source: str) -> RichText:
    """Render Markdown (extra, sane_lists), then flatten like `html_to_text`; title is the first h1.

    Raw HTML in the Markdown is sanitised like any HTML. Raises MarkupTooComplexError
    beyond markup_limits' bounds, in the source or in what it renders to; never
    anything else.
    """
    rendered = _bounded_markdown(plain_text_normalise(_scrub(source)))
    return _to_rich_text(_sanitise(rendered), "")


def _bounded_markdown(source: str) -> str:
    within_bounds(markdown_problem(source))
    rendered = _render_markdown(source)
    problem = html_problem(rendered)  # "- - - …" nests lists without any HTML in the source
    if problem is not None:
        raise MarkupTooComplexError(MarkupProblem(problem.reason, 1))
    return rendered


def render_note_html(markdown_source: str) -> str:
    """Markdown notes/guidelines as HTML safe for QTextBrowser.setHtml.

    Formatting tags only: no images, styles or other resources, links only to
    http/https/mailto. A note beyond markup_limits' bounds is shown as plain text.
    Never raises on any str.
    """
    source = plain_text_normalise(_scrub(markdown_source))
    try:
        return _sanitise(_bounded_markdown(source))
    except MarkupTooComplexError:
        return f"<pre>{html.escape(source)}</pre>"


def plain_text_normalise(text: str) -> str:
    """Plain-text import: CRLF and CR become LF and a leading BOM goes; nothing else changes."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE = re.compile(r"[^\n]+")
_HEADING_MAX = 90  # characters: longer lines are paragraphs
_SENTENCE_END = tuple(".!?:;,\"'”’)…")


def guess_plain_text_styles(text: str) -> tuple[StyleRun, ...]:
    """Display-only heading styles for plain text, which has no markup.

    Articles pasted as text keep their headline and section titles as short lines with
    no closing punctuation; showing them as headings makes a page scannable. Only
    styling is added: the text, and so every offset, stays exactly as it is.
    """
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]
    runs: list[StyleRun] = []
    for index, (start, end, line) in enumerate(lines):
        stripped = line.strip()
        if index == len(lines) - 1 or not stripped or stripped.endswith(_SENTENCE_END):
            continue
        if index == 0:  # the headline: may be long, and a standfirst may follow it
            if len(stripped) > 2 * _HEADING_MAX or len(stripped.split()) < 3:
                continue
        elif (
            len(stripped) > _HEADING_MAX
            or len(stripped.split()) < 2
            or len(lines[index + 1][2]) <= len(line)  # a heading introduces a longer paragraph
        ):
            continue
        runs.append(StyleRun(start, end, "h2" if index == 0 else "h3"))
    return tuple(runs)
