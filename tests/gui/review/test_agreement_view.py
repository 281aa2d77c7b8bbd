"""The agreement window: the same numbers as project_agreement, drilling down, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.gui.review import agreement_view
from annotator.gui.review.agreement_documents_tab import AGREEMENT_COLUMN
from annotator.gui.review.agreement_view import AgreementView
from annotator.gui.review.pairwise_heatmap import ValueRole
from annotator.gui.session import ProjectSession
from annotator.services.agreement_service import project_agreement
from tests.services.test_merge import TARGET, merged_project


@pytest.fixture
def two_session(qapp, tmp_path: Path):
    """alice and bob on four articles (see tests/services/test_merge.py)."""
    store = merged_project(tmp_path)
    session = ProjectSession(store, "alice")
    yield session
    session._poll.stop()
    store.close()


@pytest.fixture
def view(qtbot, two_session):
    widget = AgreementView(two_session)
    qtbot.addWidget(widget)
    return widget


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def test_summary_shows_the_numbers_of_project_agreement(view, two_session):
    report = project_agreement(two_session.store)
    ds, sp, ss = report["document_stance"], report["spans"], report["span_stance"]
    cards = {key: card.value_text() for key, card in view.cards.items()}
    assert cards == {
        "annotators": "2",
        "documents": "4",
        "alpha": _fmt(ds["krippendorff_alpha"]),
        "kappa": _fmt(ds["cohen_kappa"]),
        "percent": _fmt(ds["percent_agreement"]),
        "f1_exact": _fmt(sp["f1_exact"]),
        "f1_overlap": _fmt(sp["f1_overlap"]),
        "span_stance": "—",
    }
    assert ss["krippendorff_alpha"] is None
    assert "Undefined" in view.cards["span_stance"].toolTip()


def test_models_pass_the_model_tester(view, qtmodeltester):
    for model in (
        view.stance_model,
        view.spans_model,
        view.ranking_model,
        view.documents_tab.model,
        view.heatmap.model,
    ):
        qtmodeltester.check(model)


def test_heat_map_cells_follow_the_metric(view):
    model = view.heatmap.model
    assert model.annotators() == ["alice", "bob"]
    assert model.index(0, 0).data() == ""  # the diagonal says nothing
    assert model.index(0, 1).data() == "0.500"  # Cohen's kappa
    assert model.index(1, 0).data(ValueRole) == pytest.approx(0.5)
    view.heatmap.set_metric("f1_overlap")
    assert model.index(0, 1).data() == "0.800"
    view.heatmap.set_metric("f1_exact")
    assert model.index(1, 0).data() == "0.400"


def test_pair_cell_lists_that_pairs_documents_lowest_first(view, qtbot):
    index = view.heatmap.model.index(0, 1)
    view.heatmap.view.clicked.emit(index)
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Documents"
    shown = view.documents_tab.visible_document_ids()
    assert shown[0] == "d2"  # the only document where alice and bob disagree on everything
    assert "alice ↔ bob" in view.documents_tab.filter_label.text()
    assert view.documents_tab.show_all_button.isEnabled()
    view.documents_tab.show_all_button.click()
    assert sorted(view.documents_tab.visible_document_ids()) == ["d1", "d2", "d3", "d4"]


def test_document_row_emits_disagreements_requested(view, qtbot):
    proxy = view.documents_tab.table.model()
    first = proxy.index(0, AGREEMENT_COLUMN)
    assert proxy.index(0, 0).data() == "d2"  # no titles: the id; lowest agreement first
    with qtbot.waitSignal(view.disagreements_requested) as blocker:
        view.documents_tab.table.activated.emit(first)
    assert blocker.args == ["d2"]


def test_label_row_lists_documents_with_that_label(view):
    proxy = view.spans_table.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Source")
    view.spans_table.activated.emit(proxy.index(row, 0))
    assert view.documents_tab.visible_document_ids() == ["d1"]


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_recomputes_after_a_change(view, two_session, qtbot):
    view.show()  # hidden windows only mark themselves stale
    two_session.store.annotations.set_document_stance("d2", "alice", TARGET, "against")
    two_session.document_stances_changed.emit("d2")
    qtbot.waitUntil(lambda: view.cards["percent"].value_text() == "1.000", timeout=3000)


# the offscreen platform cannot raise windows
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_open_for_reuses_one_window_per_session(qtbot, two_session):
    first = AgreementView.open_for(two_session, None)
    qtbot.addWidget(first)
    assert AgreementView.open_for(two_session, None) is first
    first.close()


@pytest.mark.parametrize(
    ("suffix", "marker"), [(".md", "# Inter-annotator agreement"), (".html", "<!DOCTYPE html>")]
)
def test_report_export_writes_markdown_or_html(view, monkeypatch, tmp_path, suffix, marker):
    out = tmp_path / f"report{suffix}"
    monkeypatch.setattr(agreement_view, "ask_report_path", lambda parent: out)
    assert view.export_report()
    text = out.read_text("utf-8")
    assert text.startswith(marker)
    assert "0.533" in text  # alpha, as in the summary


def test_cancelled_report_writes_nothing(view, monkeypatch, tmp_path):
    monkeypatch.setattr(agreement_view, "ask_report_path", lambda parent: None)
    assert not view.export_report()
    assert list(tmp_path.glob("*.md")) == []


def test_progress_is_the_first_tab_and_opens_disagreements(view, qtbot):
    assert view.tabs.tabText(0) == "Progress"
    assert view.tabs.widget(0) is view.progress_panel
    with qtbot.waitSignal(view.disagreements_requested) as blocker:
        view.progress_panel.table.activated.emit(view.progress_panel.model.index(1, 1))
    assert blocker.args == ["d2"]


def test_ctrl_shift_r_in_the_agreement_window_opens_the_review(view, qtbot) -> None:
    (sequence,) = view.review_action.shortcuts()
    assert sequence.toString() == "Ctrl+Shift+R"
    assert view.review_action in view.actions()
    with qtbot.waitSignal(view.disagreements_requested) as blocker:
        view.review_action.trigger()
    assert blocker.args == [view.documents_tab.selected_document() or ""]


def test_spans_table_opens_sorted_a_to_z_with_all_labels_pinned(view) -> None:
    keys = view.spans_table.keys_in_view_order()
    assert keys[0] is None  # "All labels"
    assert keys[1:] == sorted(keys[1:], key=str.casefold) and len(keys) > 2
    view.spans_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    keys = view.spans_table.keys_in_view_order()
    assert keys[0] is None and keys[1:] == sorted(keys[1:], key=str.casefold, reverse=True)
    view.spans_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by count
    assert view.spans_table.keys_in_view_order()[0] is None
