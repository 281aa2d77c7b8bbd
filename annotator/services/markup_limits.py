"""Bounds on imported Markdown and HTML, checked in linear time before any rendering.

The renderers are not linear on hostile input (measured on the development machine):
nh3 (html5ever) takes 15 s for 100,000 nested <div>s and 50 s when each holds text;
python-markdown is quadratic in the "[" of one paragraph (5,000 lines of "[" took 5.7 s,
50,000 would take minutes), in the length of one backtick run (20,000 took 7.6 s) and
worse in list indentation (2,000 nested levels did not finish in 20 s). No article needs
anything near these limits; a source past one is refused with the line where it happens,
and the note and guideline views show it as plain text instead.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

MAX_MARKUP_CHARS = 32 * 1024 * 1024
MAX_NESTING = 400  # open elements at once
MAX_BRACKETS_PER_PARAGRAPH = 500
MAX_BRACKETS = 20_000
MAX_BACKTICK_RUN = 32
MAX_INDENT = 256  # columns of leading whitespace (a tab counts 4)
MAX_PREFIX_NESTING = 64  # list and quote markers opening one line ("- - - > x")

# [^<>]* stops at the next "<", so "<a<a<a..." costs one step per tag, not the rest of the text.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
# Elements whose end tag is optional or absent: real pages leave them open, they nest nothing.
_NOT_NESTING = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot"}
    | {"option", "optgroup", "colgroup", "caption", "rt", "rp", "html", "head", "body"}
)
_NESTED_PREFIX = re.compile(rf"(?:[-*+>][ \t]*){{{MAX_PREFIX_NESTING + 1}}}")
_BACKTICKS = re.compile(rf"`{{{MAX_BACKTICK_RUN + 1},}}")


class MarkupProblem(NamedTuple):
    """Why a source is refused, and the 1-based line where that shows."""

    reason: str
    line: int


class MarkupTooComplexError(ValueError):
    """The source is beyond what can be rendered in bounded time."""

    def __init__(self, problem: MarkupProblem):
        super().__init__(problem.reason)
        self.problem = problem


def within_bounds(problem: MarkupProblem | None) -> None:
    """Raise MarkupTooComplexError for `problem`, if there is one."""
    if problem is not None:
        raise MarkupTooComplexError(problem)


def _line_at(source: str, index: int) -> int:
    return source.count("\n", 0, index) + 1


def html_problem(source: str) -> MarkupProblem | None:
    """Too large, or elements nested deeper than MAX_NESTING; None when within bounds."""
    if len(source) > MAX_MARKUP_CHARS:
        return MarkupProblem(
            f"more than {MAX_MARKUP_CHARS // 2**20} M characters of markup to render", 1
        )
    # As a parser does: an end tag closes the innermost element of its name and those
    # inside it; one matching nothing open is ignored ("<b></i><b></i>" nests b in b).
    open_elements: list[str] = []
    open_count: Counter[str] = Counter()
    for match in _TAG.finditer(source):
        closing, name, self_closing = match.groups()
        name = name.lower()
        if self_closing or name in _NOT_NESTING:
            continue
        if closing:
            if open_count[name]:
                while open_elements:  # at most MAX_NESTING steps
                    inner = open_elements.pop()
                    open_count[inner] -= 1
                    if inner == name:
                        break
            continue
        open_elements.append(name)
        open_count[name] += 1
        if len(open_elements) > MAX_NESTING:
            return MarkupProblem(
                f"HTML elements nested more than {MAX_NESTING} deep",
                _line_at(source, match.start()),
            )
    return None


def markdown_problem(source: str) -> MarkupProblem | None:
    """`html_problem` for its raw HTML, plus the Markdown bounds above."""
    problem = html_problem(source)
    if problem is not None:
        return problem
    run = _BACKTICKS.search(source)
    if run is not None:
        return MarkupProblem(
            f"a run of more than {MAX_BACKTICK_RUN} backticks", _line_at(source, run.start())
        )
    total = paragraph = 0
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        if not stripped:
            paragraph = 0
            continue
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_INDENT:
            return MarkupProblem(
                f"a line indented more than {MAX_INDENT} columns (lists nested too deeply)",
                number,
            )
        if _NESTED_PREFIX.match(stripped):
            return MarkupProblem(
                f"more than {MAX_PREFIX_NESTING} list or quote levels opened on one line", number
            )
        brackets = line.count("[")
        paragraph += brackets
        total += brackets
        if paragraph > MAX_BRACKETS_PER_PARAGRAPH:
            return MarkupProblem(
                f"more than {MAX_BRACKETS_PER_PARAGRAPH} '[' in one paragraph", number
            )
        if total > MAX_BRACKETS:
            return MarkupProblem(f"more than {MAX_BRACKETS} '[' in one document", number)
    return None
