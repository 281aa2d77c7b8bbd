"""The review window's colours: item statuses, annotators' columns, gold."""

from __future__ import annotations

# Calm, print-like status colours; the same in the legend, the list and the underlines.
STATUS_COLORS = {
    "agreed": "#2e7d32",
    "disagreed": "#c62828",
    "partial": "#e08a00",
    "gold": "#5c6bc0",
}
STATUS_TEXT = {
    "agreed": "agreed",
    "disagreed": "disagree",
    "partial": "partial",
    "gold": "gold only",
}
ANNOTATOR_COLORS = ("#00796b", "#6a1b9a", "#ad1457", "#1565c0", "#5d4037", "#37474f")
GOLD_COLOR = "#b8860b"
