import functools
import pytest
from annotator.gui.claims import claims_workbench
from tests.gui.claims.test_suggestions_panel import word_overlap_ranker
from tests.gui.claims.test_claims_done_when import *  # noqa

@pytest.fixture(autouse=True)
def fake_rank(monkeypatch):
    original = claims_workbench.ClaimsWorkbench.__init__
    def init(self, session, panes, annotations, window, rank=None):
        original(self, session, panes, annotations, window, word_overlap_ranker(session))
    monkeypatch.setattr(claims_workbench.ClaimsWorkbench, "__init__", init)
