"""What an import could not bring in, counted per kind, so that nothing is lost unsaid.

Readers add to a `Skipped` for every piece of another tool's file that our model
cannot hold (a brat relation, a doccano comment, a Label Studio rectangle...). The
import prints one line per kind ("skipped 4,559 brat relations (R lines), e.g. ...")
and returns the counts; with ``strict`` the import fails instead, storing nothing.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError

_EXAMPLES = 3  # per kind: enough to find them, few enough to read


class Skipped:
    """Counts per kind, in the order first seen, with the first few places each occurred."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self._examples: dict[str, list[str]] = {}

    def add(self, kind: str, path: Path | str, line: int | None = None, count: int = 1) -> None:
        """Record `count` items of `kind` (a plural noun phrase) found at `path`, `line`."""
        if count <= 0:
            return
        self.counts[kind] = self.counts.get(kind, 0) + count
        examples = self._examples.setdefault(kind, [])
        if len(examples) < _EXAMPLES:
            examples.append(str(path) if line is None else f"{path}, line {line}")

    def extend(self, other: Skipped) -> None:
        for kind, count in other.counts.items():
            self.counts[kind] = self.counts.get(kind, 0) + count
            mine = self._examples.setdefault(kind, [])
            mine.extend(other._examples.get(kind, [])[: _EXAMPLES - len(mine)])

    def __bool__(self) -> bool:
        return bool(self.counts)

    def lines(self) -> list[str]:
        """One sentence per kind: "skipped 4,559 brat relations (R lines): a.ann, line 3; ..."."""
        return [
            f"skipped {count:,} {kind} (not imported), e.g. {'; '.join(self._examples[kind])}"
            for kind, count in self.counts.items()
        ]

    def raise_if_any(self) -> None:
        """For strict imports: an InputError listing every kind, when anything was skipped."""
        if self.counts:
            raise InputError(
                "strict import refused, the project cannot hold everything in these files: "
                + " | ".join(self.lines())
            )
