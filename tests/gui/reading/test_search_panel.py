"""SearchPanel: finds text in every script, jumps with code-point offsets, survives any query."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.search_query import parse, term_pattern
from annotator.gui.reading.search_panel import HIT_ROLE, SearchPanel, context_parts
from annotator.store.search_repo import clean_query
from tests.conftest import SAMPLE_TEXTS

# Showing a top-level widget on the offscreen platform warns once; not our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def panel(session, qtbot):
    widget = SearchPanel(session)
    qtbot.addWidget(widget)
    widget.resize(420, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def search(panel: SearchPanel, query: str):
    panel.search_field.setText(query)
    return panel.search_now()


@pytest.mark.parametrize(
    ("query", "document_id"),
    [
        ("人工智能", "cjk"),
        ("וושינגטון", "cjk"),
        ("👩‍💻", "emoji"),
        ("RESTRICTIONS", "emoji"),
        ('"second LINE"', "emoji"),
        ("e\u0301", "emoji"),
        ("dangerous", "en"),
    ],
)
def test_hit_jumps_carry_code_point_offsets(panel, qtbot, query, document_id):
    hits = search(panel, query)
    assert {h.document_id for h in hits} == {document_id}
    item = panel.results.topLevelItem(0).child(0)
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        panel.results.itemActivated.emit(item, 0)
    found_id, start, end = blocker.args
    assert found_id == document_id
    assert SAMPLE_TEXTS[document_id][start:end].casefold() == query.strip('"').casefold()


def test_results_group_by_document_with_counts(panel):
    hits = search(panel, "experts")
    assert {h.document_id for h in hits} == {"en", "emoji"}
    titles = [
        panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())
    ]
    assert sorted(titles) == ["emoji article", "en article"]
    assert panel.status_label.text() == "2 hits in 2 documents"


def test_clicking_a_hit_jumps(panel, qtbot):
    search(panel, "washington")
    item = panel.results.topLevelItem(0).child(0)
    rect = panel.results.visualItemRect(item)
    with qtbot.waitSignal(panel.hit_activated) as blocker:
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == "en"
    assert SAMPLE_TEXTS["en"][blocker.args[1] : blocker.args[2]] == "Washington"


def test_enter_in_the_field_goes_to_the_next_hit_and_wraps(panel, qtbot):
    search(panel, "e")
    total = len(panel._hit_items())
    assert total > 3
    seen = []
    for _ in range(total + 1):
        with qtbot.waitSignal(panel.hit_activated) as blocker:
            qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
        seen.append(tuple(blocker.args))
    assert seen[0] == seen[-1]
    assert len(set(seen)) == total


def test_typing_searches_after_a_pause_and_reports_hits_per_document(panel, qtbot):
    with qtbot.waitSignal(panel.hits_changed, timeout=2000) as blocker:
        panel.search_field.setText("Experts")
    document_id, ranges = blocker.args
    assert ranges
    for start, end in ranges:
        assert SAMPLE_TEXTS[document_id][start:end].casefold() == "experts"
    # Documents that no longer match are told to clear their highlights.
    cleared: list[tuple[str, list]] = []
    panel.hits_changed.connect(lambda doc, hits: cleared.append((doc, hits)))
    panel.search_field.clear()
    assert sorted(cleared) == [("emoji", []), ("en", [])]


def test_this_document_scope(panel):
    panel.set_current_document("emoji")
    panel.set_scope_all(False)
    hits = search(panel, "experts")
    assert {h.document_id for h in hits} == {"emoji"}
    panel.set_current_document(None)
    assert panel.all_documents.isChecked()
    assert not panel.this_document.isEnabled()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"experts',
        "';--",
        "a;b",
        "x\x00y",
        "\x00",
        "NEAR(experts washington)",
        "*",
        "ex*",
        "AND OR NOT",
        "(",
        ")",
        "^",
        "-",
        ":",
        "'",
        "\\",
        "%",
        "_",
        "col:experts",
        "\ud800",
        " ",
        "🇺🇸",
    ],
)
def test_hostile_queries_never_raise(panel, query):
    hits = search(panel, query)
    terms = parse(clean_query(query)).terms
    for hit in hits:  # each hit is one of the query's terms, found as written (folded)
        found = SAMPLE_TEXTS[hit.document_id][hit.start : hit.end]
        assert any(term_pattern(t).fullmatch(found) for t in terms), (query, found)
    panel.grab()  # painting the results must not fail either


def test_no_match_message(panel):
    assert search(panel, "zebra") == []
    assert "No matches" in panel.status_label.text()


def test_focus_search_selects_the_query(panel):
    panel.search_field.setText("experts")
    panel.focus_search()
    assert panel.search_field.hasFocus()
    assert panel.search_field.selectedText() == "experts"


def test_context_parts_mark_the_hit():
    text = SAMPLE_TEXTS["emoji"]
    start = text.index("restrictions")
    before, hit, after = context_parts(text, start, start + 12, width=10)
    assert hit == "restrictions"
    assert before.startswith("…") and "🇺🇸" in before
    assert "\n" not in after and "\r" not in after


def test_hit_items_store_offsets(panel):
    search(panel, "人工智能")
    document_id, start, end = panel.results.topLevelItem(0).child(0).data(0, HIT_ROLE)
    assert SAMPLE_TEXTS[document_id][start:end] == "人工智能"


def test_esc_in_the_box_or_the_results_asks_for_the_text(panel, qtbot):
    search(panel, "experts")
    for widget in (panel.search_field, panel.results):
        with qtbot.waitSignal(panel.text_focus_requested):
            qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_down_in_the_box_goes_to_the_first_hit(panel, qtbot):
    search(panel, "experts")
    panel.search_field.setFocus()
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    assert panel.results.currentItem() is panel.results.topLevelItem(0).child(0)


def test_choosing_a_hit_sends_the_keyboard_to_the_text(panel, qtbot):
    search(panel, "washington")
    item = panel.results.topLevelItem(0).child(0)
    with qtbot.waitSignals([panel.hit_activated, panel.text_focus_requested]):
        panel.results.itemActivated.emit(item, 0)


def test_ignore_accents_finds_the_accented_spelling(panel):
    assert search(panel, '"with e ("') == []  # the text says "with é (", é in one code point
    panel.ignore_accents.setChecked(True)  # searches again at once
    (hit,) = panel.search_now()
    assert SAMPLE_TEXTS["emoji"][hit.start : hit.end] == "with é ("
