"""The user guide shipped with the app: its Markdown (package data), rendered to safe HTML
with an anchor on every heading, and its table of contents.

The guide is ours, but it is shown through the same safe browser as untrusted notes, so
it is cleaned the same way (nh3): formatting only, links to the web or to its own headings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources

import nh3

from annotator.core.errors import ProjectError
from annotator.services.rich_text import ALLOWED_TAGS, DROPPED_WITH_CONTENT, markdown_renderer

GUIDE_PARTS = ("resources", "help", "guide.md")
SHORTCUTS_MARK = "<!-- shortcuts -->"  # where the keyboard table generated from the actions goes
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})


@dataclass(frozen=True, slots=True)
class GuideSection:
    """One heading: its level (1 = the title), its text and its anchor in the HTML."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True, slots=True)
class UserGuide:
    html: str
    sections: tuple[GuideSection, ...]


def guide_markdown() -> str:
    """The guide's Markdown source; ProjectError when this installation lacks it."""
    source = resources.files("annotator").joinpath(*GUIDE_PARTS)
    try:
        return source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProjectError(
            f"The user guide is missing from this installation ({'/'.join(GUIDE_PARTS)}): {error}"
        ) from error


def shortcuts_markdown(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table of (where, action, keys) rows, grouped by where in the given order."""
    if not rows:
        return ""
    lines = ["| Where | Action | Keys |", "|---|---|---|"]
    for where, action, keys in rows:
        cells = (_cell(where), _cell(action), _cell(keys) if keys else "—")
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def render_guide(markdown_source: str | None = None, shortcuts: str = "") -> UserGuide:
    """The guide as sanitised HTML with its sections; `shortcuts` replaces SHORTCUTS_MARK."""
    from markdown.extensions.toc import TocExtension

    source = guide_markdown() if markdown_source is None else markdown_source
    source = source.replace(SHORTCUTS_MARK, shortcuts)
    renderer = markdown_renderer()
    TocExtension(permalink=False, toc_depth="1-4").extendMarkdown(renderer)
    rendered = renderer.convert(source)
    sections = tuple(_flatten(getattr(renderer, "toc_tokens", [])))
    return UserGuide(_sanitise(rendered), sections)


def _flatten(tokens: list[dict]) -> list[GuideSection]:
    found: list[GuideSection] = []
    for token in tokens:
        title = html.unescape(str(token.get("name", "")))
        found.append(GuideSection(int(token["level"]), title, str(token["id"])))
        found.extend(_flatten(token.get("children", [])))
    return found


def _keep_link(tag: str, attribute: str, value: str) -> str | None:
    # Relative URLs pass nh3 only so that in-page anchors survive; anything else relative goes.
    if tag == "a" and attribute == "href" and not value.startswith(("#", "http://", "https://")):
        return None
    return value


def _sanitise(rendered: str) -> str:
    attributes: dict[str, set[str]] = {tag: {"id"} for tag in _HEADINGS}
    attributes["a"] = {"href", "title"}
    attributes["ol"] = {"start"}
    return nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=_keep_link,
        url_schemes={"http", "https"},
        url_relative="pass_through",
        strip_comments=True,
    )


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")
