"""A syncing annotator for the fault tests, meant to be killed: `python -m tests.hub.sync_child
PROJECT URL PREFIX ANNOTATOR [--die-after-hub-commit] [--claims]`.

Adds a span (with --claims: and makes it a claim, `claim-<span id>`), prints its id once the
local transaction committed (the user's "saved"), syncs, and repeats until killed.
"""

from __future__ import annotations

import os
import signal
import sys

from annotator.core.model import Span
from annotator.hub.sync import sync
from annotator.store.project_store import ProjectStore


def main() -> None:
    project, url, prefix, annotator = sys.argv[1:5]
    die = "--die-after-hub-commit" in sys.argv
    claims = "--claims" in sys.argv
    with ProjectStore.open(project) as store:
        document = store.documents.ids()[0]
        length = len(store.documents.get(document).text)
        number = 0
        while True:
            span_id = f"{prefix}-{number}"
            start = number % (length - 1)
            store.annotations.add_span(Span(span_id, document, start, start + 1, "Claim", annotator,
                                            note=str(number)))  # fmt: skip
            if claims:
                store.claims.create_from_span(span_id, claim_id=f"claim-{span_id}")
            print(span_id, flush=True)
            number += 1
            if number % 3 == 0:  # and some deletions, which must travel too
                print(f"?{prefix}-{number - 2}", flush=True)  # in flight: either outcome is right
                store.annotations.delete_span(f"{prefix}-{number - 2}")
                print(f"-{prefix}-{number - 2}", flush=True)
            hook = (lambda: os.kill(os.getpid(), signal.SIGKILL)) if die else None
            sync(store, url, after_hub_commit=hook)


if __name__ == "__main__":
    main()
