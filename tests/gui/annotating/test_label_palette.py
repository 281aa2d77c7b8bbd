"""LabelPalette: a button per label and stance, rebuilt when the scheme changes."""

from __future__ import annotations

import pytest

from annotator.core.model import SchemeKind
from annotator.gui.annotating.label_palette import LabelPalette


@pytest.fixture
def palette(session, qtbot):
    widget = LabelPalette(session)
    qtbot.addWidget(widget)
    widget.set_enabled_for_selection(True, True)
    return widget


def texts(buttons) -> list[str]:
    return [b.text() for b in buttons.values()]


def test_buttons_show_shortcut_and_name(palette):
    assert texts(palette.label_buttons) == ["1 Claim", "2 Evidence", "3 Source"]
    assert texts(palette.stance_buttons) == ["favor", "against", "neutral", "unclear", "— none"]


def test_clicks_emit_names(palette, qtbot):
    with qtbot.waitSignal(palette.label_clicked) as blocker:
        palette.label_buttons["Evidence"].click()
    assert blocker.args == ["Evidence"]
    with qtbot.waitSignal(palette.stance_clicked) as blocker:
        palette.stance_buttons["against"].click()
    assert blocker.args == ["against"]
    with qtbot.waitSignal(palette.stance_clicked) as blocker:
        palette.stance_buttons[""].click()
    assert blocker.args == [""]


def test_enabled_for_selection(palette):
    palette.set_enabled_for_selection(False, False)
    assert not any(b.isEnabled() for b in palette.label_buttons.values())
    assert not any(b.isEnabled() for b in palette.stance_buttons.values())
    palette.set_enabled_for_selection(True, False)
    assert all(b.isEnabled() for b in palette.label_buttons.values())
    assert not any(b.isEnabled() for b in palette.stance_buttons.values())
    palette.set_enabled_for_selection(False, True)
    assert all(b.isEnabled() for b in palette.stance_buttons.values())


def test_rebuilds_after_a_rename_and_its_undo(palette, session, qtbot):
    from annotator.gui.commands import UpdateSchemeItemCommand

    palette.set_enabled_for_selection(True, False)
    # UpdateSchemeItemCommand's own `name` parameter blocks name=...; recolour through it and
    # rename through the store as the command would.
    session.undo_stack.push(
        UpdateSchemeItemCommand(session, SchemeKind.LABEL, "Claim", color="#123456")
    )
    session.store.scheme.update(SchemeKind.LABEL, "Claim", name="Assertion")
    session.scheme_did_change()
    assert texts(palette.label_buttons) == ["1 Assertion", "2 Evidence", "3 Source"]
    assert "#123456" in palette.label_buttons["Assertion"].styleSheet()
    assert palette.label_buttons["Assertion"].isEnabled()  # state survives the rebuild
    with qtbot.waitSignal(palette.label_clicked) as blocker:
        palette.label_buttons["Assertion"].click()
    assert blocker.args == ["Assertion"]

    session.store.scheme.update(SchemeKind.LABEL, "Assertion", name="Claim")
    session.scheme_did_change()
    session.undo_stack.undo()
    assert texts(palette.label_buttons) == ["1 Claim", "2 Evidence", "3 Source"]
    assert "#e69f00" in palette.label_buttons["Claim"].styleSheet()


def test_no_labels_message(palette, session):
    for name in ("Claim", "Evidence", "Source"):
        session.store.scheme.delete(SchemeKind.LABEL, name)
    session.scheme_did_change()
    assert palette.label_buttons == {}


def test_the_palette_is_one_row(qtbot, session):
    palette = LabelPalette(session)
    qtbot.addWidget(palette)
    button = next(iter(palette.label_buttons.values()))
    assert palette.sizeHint().height() < 2 * button.sizeHint().height()
