"""Counting how often a paint measures text blocks (#15: a paint must measure each block
once, however many lanes or claim marks it draws)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit


def counted_block_measures(view: QPlainTextEdit, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The block numbers `view.blockBoundingGeometry` is asked for from now on."""
    calls: list[int] = []
    measure = view.blockBoundingGeometry

    def counted(block):
        calls.append(block.blockNumber())
        return measure(block)

    monkeypatch.setattr(view, "blockBoundingGeometry", counted)
    return calls
