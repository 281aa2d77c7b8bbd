"""The scheme a new project starts with: claims, evidence and sources, stance toward a target."""

from __future__ import annotations

from annotator.core.model import Scheme, SchemeItem, SchemeKind

DEFAULT_TARGET = "US restrictions on Anthropic's models"

DEFAULT_SCHEME = Scheme(
    labels=(
        SchemeItem(SchemeKind.LABEL, "Claim", "#f4b400", "1", "A statement of fact or opinion."),
        SchemeItem(SchemeKind.LABEL, "Evidence", "#34a853", "2", "Support offered for a claim."),
        SchemeItem(SchemeKind.LABEL, "Source", "#4285f4", "3", "Who says it."),
    ),
    stances=(
        SchemeItem(SchemeKind.STANCE, "favor", "#2e7d32", "F"),
        SchemeItem(SchemeKind.STANCE, "against", "#c62828", "A"),
        SchemeItem(SchemeKind.STANCE, "neutral", "#616161", "N"),
        SchemeItem(SchemeKind.STANCE, "unclear", "#8e24aa", "U"),
    ),
    targets=(SchemeItem(SchemeKind.TARGET, DEFAULT_TARGET, "#455a64"),),
)

# Colours handed to labels created later (by the user or by an import), in turn.
LABEL_PALETTE = (
    "#f4b400", "#34a853", "#4285f4", "#ea4335", "#ab47bc",
    "#00acc1", "#ff7043", "#9e9d24", "#5c6bc0", "#f06292",
)  # fmt: skip

DEFAULT_GUIDELINES = """# Annotation guidelines

## Labels
- **Claim**: a statement the outlet presents as fact or as someone's position.
  Select the smallest passage that still makes the claim on its own.
- **Evidence**: facts, figures or quotes offered in support of a claim.
- **Source**: who makes the claim (a person, an organisation, "experts").

## Stance
For each claim, and for the document as a whole, say whether it is
*favor*, *against*, *neutral* or *unclear* toward the target
(by default: *US restrictions on Anthropic's models*).

## Disagreements worth noting
Outlets disagree on facts: how many experts signed (more than 160? over 40?),
which models are affected, who the signatories are. Annotate each outlet's
version as a Claim and say where the number comes from in a note.
"""
