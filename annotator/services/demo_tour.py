"""The two-minute tour of the demo project: "highlight the three ways outlets count the experts".

The steps are data (what to read, which passage, which key), and `tour_progress` reads from
the project how far the analyst has got, so the tour panel ticks a step when it is really
done, whichever way it was done (key, menu, drag or the panel's own button).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Span
from annotator.store.project_store import ProjectStore

VOICE_OF_EMIRATES = "000_2c013282298383f6"  # "More than 160 experts"
AI_REWRITE = "001_e619423e771bc6b3"  # "over 40 prominent cybersecurity experts"
AGGREGATOR = "003_f7fa3a3640ffb058"  # gives no number at all
UK_REPORT = "004_576dfc317f407cdf"  # names leaders from Adobe, Nvidia and Zoom
# The order of the columns the tour opens: the three counts, then the silence.
TOUR_DOCUMENTS = (VOICE_OF_EMIRATES, AI_REWRITE, UK_REPORT, AGGREGATOR)


@dataclass(frozen=True, slots=True)
class TourStep:
    """One step: a heading, what to do (simple HTML), the passage the panel can select for
    you (document and the exact text), the button that does so, and the key to press."""

    key: str
    title: str
    text: str
    document_id: str = ""
    passage: str = ""
    button: str = ""
    keys: str = ""


TOUR_STEPS: tuple[TourStep, ...] = (
    TourStep(
        "columns",
        "Four outlets side by side",
        "The demo holds four reports of one event: cybersecurity experts protesting US "
        "restrictions on Anthropic's models. They disagree on <b>how many experts</b> "
        "signed. Open all four in columns; click a column to make it the active one.",
        button="Open the four articles",
    ),
    TourStep(
        "first_count",
        "The first count: “more than 160”",
        "Voice of Emirates says <i>More than 160 experts</i>. Select those words in its "
        "column and press <b>Ctrl+K</b>: they become a Claim highlight and a claim of its "
        "own, numbered 1 and worded from the text (rename it in the Claims panel).",
        VOICE_OF_EMIRATES,
        "More than 160 experts",
        "Select it for me",
        "Ctrl+K",
    ),
    TourStep(
        "second_count",
        "The second count: “over 40”",
        "The AI rewrite says <i>over 40 prominent cybersecurity experts</i>. Select it "
        "and press <b>Ctrl+L</b> to link it to the same claim. The numbers differ, so the "
        "Claims panel offers to mark a contradiction: <b>Mark as Contradiction</b> gives "
        "this count a claim of its own, contradicting the first.",
        AI_REWRITE,
        "over 40 prominent cybersecurity experts",
        "Select it for me",
        "Ctrl+L",
    ),
    TourStep(
        "third_count",
        "The third way: naming names",
        "The UK report gives no number but names who signed: <i>leaders from Adobe, Nvidia "
        "and Zoom</i>. Select the passage and press <b>Ctrl+L</b>: it makes the same claim "
        "in its own way.",
        UK_REPORT,
        "Prominent researchers and leaders from Adobe, Nvidia and Zoom",
        "Select it for me",
        "Ctrl+L",
    ),
    TourStep(
        "silence",
        "And one says nothing",
        "The aggregator's commentary never says how many experts signed. Click in its "
        "column and press <b>Ctrl+Shift+N</b>: the article is <i>explicitly silent</i> on "
        "the claim, which is a finding, not a gap.",
        AGGREGATOR,
        button="Go to the article",
        keys="Ctrl+Shift+N",
    ),
    TourStep(
        "matrix",
        "All of it at once",
        "Press <b>Ctrl+M</b> for the claim matrix: one row for the claim, one column per "
        "outlet: ● made, with its number, ○ silent, ⚡ where the numbers disagree. That is "
        "the whole method: highlight, link, compare. Help → User Guide (F1) tells the rest.",
        button="Open the claim matrix",
        keys="Ctrl+M",
    ),
)


@dataclass(frozen=True, slots=True)
class TourProgress:
    """What the project shows of the tour: the claim made in step 2 and which articles
    mention it or are silent on it (for this annotator)."""

    claim_id: str | None
    mentioned_in: frozenset[str]
    silent_in: frozenset[str]

    def done(self, key: str) -> bool:
        """Whether the step `key` is done as far as the project can tell (the columns and
        the matrix are window state: the panel knows those)."""
        if key == "first_count":
            return VOICE_OF_EMIRATES in self.mentioned_in
        if key == "second_count":
            return AI_REWRITE in self.mentioned_in
        if key == "third_count":
            return UK_REPORT in self.mentioned_in
        if key == "silence":
            return AGGREGATOR in self.silent_in
        return False


def is_demo(store: ProjectStore) -> bool:
    """Whether `store` holds the seed articles the tour talks about."""
    ids = set(store.documents.ids())
    return all(document_id in ids for document_id in TOUR_DOCUMENTS)


def passage_range(text: str, passage: str) -> tuple[int, int] | None:
    """The code-point range of `passage` in `text` (first occurrence), or None."""
    start = text.find(passage)
    return (start, start + len(passage)) if start >= 0 and passage else None


def tour_progress(store: ProjectStore, annotator: str) -> TourProgress:
    """The tour's claim is `annotator`'s claim mentioned in Voice of Emirates with “160”
    (failing that, the claim they made first). A mention counts on it or on a claim related
    to it: marking “over 40” as a contradiction gives that mention a claim of its own,
    related to the first, and it is still one of the ways the outlets count."""
    claims = store.claims.claims([annotator])
    if not claims:
        return TourProgress(None, frozenset(), frozenset())
    chosen = claims[0].id
    mentions = {claim.id: store.claims.mentions(claim.id) for claim in claims}
    for claim in claims:
        if any(
            span.document_id == VOICE_OF_EMIRATES and "160" in span_text(store, span)
            for span in mentions[claim.id]
        ):
            chosen = claim.id
            break
    family = {chosen}
    for relation in store.claims.relations([annotator], claim_id=chosen):
        family.update((relation.claim_a, relation.claim_b))
    mentioned = {span.document_id for claim_id in family for span in mentions.get(claim_id, [])}
    silent = {
        mark.document_id for mark in store.claims.silences([annotator]) if mark.claim_id in family
    }
    return TourProgress(chosen, frozenset(mentioned), frozenset(silent))


def span_text(store: ProjectStore, span: Span) -> str:
    return store.documents.get(span.document_id).text[span.start : span.end]
