"""The seed corpus annotated with claims the way an analyst would (alice), for tests,
benchmarks and offscreen looks: the 160-vs-40 letter, the "dangerous" ban, who it hurts."""

from __future__ import annotations

from annotator.core.claims.model import ClaimRelationKind
from annotator.core.model import Span, new_id
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore

D000, D001, D003, D004 = (
    "000_2c013282298383f6",
    "001_e619423e771bc6b3",
    "003_f7fa3a3640ffb058",
    "004_576dfc317f407cdf",
)

MENTIONS = {  # claim id -> [(document, phrase, stance)]
    "signers": [
        (D000, "More than 160 experts in cybersecurity and artificial intelligence", "against"),
        (D001, "A coalition of over 40 prominent cybersecurity experts", "against"),
        (D004, "Prominent researchers and leaders from Adobe, Nvidia and Zoom", "against"),
    ],
    "dangerous": [
        (D004, "the recent ban was “dangerous”", "against"),
        (D003, "‘dangerous’ US government ban", "against"),
    ],
    "defence": [
        (D001, "these restrictions inadvertently hobble the nation's capacity for cyber defense", "against"),
        (D003, "limiting access to these powerful AI models hampers their ability to leverage them for defensive purposes", "against"),
        (D000, "Weakening access to these tools in research and development environments would be a strategic threat to US national security", "against"),
    ],
    "china": [(D000, "Chinese-backed hackers", "against")],
    "addressees": [
        (D004, "open letter to US Secretary of Commerce Howard Lutnick and National Cyber Director Sean Cairncross", "neutral"),
    ],
}  # fmt: skip
WORDINGS = {
    "signers": "Number of experts who signed the letter",
    "dangerous": "The ban is dangerous",
    "defence": "The restrictions hurt cyber defence",
    "china": "Adversaries (China) could exploit the gap",
    "addressees": "The letter went to Lutnick and Cairncross",
    "organiser": "Who organised the letter (planned)",
}


def annotate_seeds(store: ProjectStore, annotator: str = "alice") -> dict[str, str]:
    """Load the seeds and alice's claims; returns claim key -> claim id."""
    load_demo(store)
    texts = {d: store.documents.get(d).text for d in (D000, D001, D003, D004)}
    claim_ids = {key: f"{annotator}-{key}" for key in WORDINGS}
    for key, mentions in MENTIONS.items():
        for number, (document, phrase, stance) in enumerate(mentions):
            start = texts[document].index(phrase)
            span = Span(new_id(), document, start, start + len(phrase), "Claim", annotator, stance)
            store.annotations.add_span(span)
            if number == 0:
                store.claims.create_from_span(span.id, WORDINGS[key], claim_id=claim_ids[key])
            else:
                store.claims.link(span.id, claim_ids[key])
    store.claims.create(WORDINGS["organiser"], annotator, claim_id=claim_ids["organiser"])
    store.claims.set_silent(D003, claim_ids["signers"], True)
    store.claims.add_relation(
        ClaimRelationKind.SAME_EVENT_DIFFERENT_DETAIL,
        claim_ids["dangerous"],
        claim_ids["defence"],
        "why the ban is dangerous",
    )
    store.claims.set_derived_from(
        D003, D001, annotator, True, "both built on the TechCrunch report"
    )
    source_start = texts[D004].index("the letter stated")
    source = Span(new_id(), D004, source_start, source_start + 17, "Source", annotator)
    store.annotations.add_span(source)
    dangerous = next(
        s for s in store.claims.mentions(claim_ids["dangerous"]) if s.document_id == D004
    )
    store.claims.add_said_by(dangerous.id, source.id)
    for document in (D000, D001, D003, D004):
        store.documents.set_done(document, annotator, True)
    return claim_ids
