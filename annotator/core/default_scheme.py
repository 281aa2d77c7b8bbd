"""The scheme a new project starts with: claims, evidence and sources, stance toward a target."""

from __future__ import annotations

from annotator.core.model import Scheme, SchemeItem, SchemeKind

DEFAULT_TARGET = "US restrictions on Anthropic's models"

DEFAULT_SCHEME = Scheme(
    labels=(
        SchemeItem(SchemeKind.LABEL, "Claim", "#e69f00", "1", "A statement of fact or opinion."),
        SchemeItem(SchemeKind.LABEL, "Evidence", "#009e73", "2", "Support offered for a claim."),
        SchemeItem(SchemeKind.LABEL, "Source", "#0072b2", "3", "Who says it."),
    ),
    stances=(
        SchemeItem(SchemeKind.STANCE, "favor", "#2e7d32", "F"),
        SchemeItem(SchemeKind.STANCE, "against", "#c62828", "A"),
        SchemeItem(SchemeKind.STANCE, "neutral", "#616161", "N"),
        SchemeItem(SchemeKind.STANCE, "unclear", "#8e24aa", "U"),
    ),
    targets=(SchemeItem(SchemeKind.TARGET, DEFAULT_TARGET, "#455a64"),),
)

# Colours handed to labels, in turn: Okabe & Ito's palette, made to stay distinguishable
# for colour-blind readers (its black left out: it would hide the text), then two of
# ColorBrewer's Dark2. Vermilion comes late, as it is close to the "against" stance's red.
# None is near the selection, search-hit or inactive-selection colours
# (tests/gui/reading/test_view_colors.py measures it).
LABEL_PALETTE = (
    "#e69f00", "#009e73", "#0072b2", "#cc79a7", "#56b4e9",
    "#f0e442", "#7570b3", "#a6761d", "#d55e00",
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
