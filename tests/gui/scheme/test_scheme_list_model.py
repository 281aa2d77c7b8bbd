"""SchemeListModel: one vocabulary of the scheme as a Qt list model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.model import SchemeItem, SchemeKind
from annotator.gui.commands import AddSchemeItemCommand
from annotator.gui.scheme.scheme_list_model import SchemeListModel, ShortcutRole


def test_passes_qtmodeltester(qtmodeltester, session):
    for kind in SchemeKind:
        qtmodeltester.check(SchemeListModel(session, kind))


def test_shows_name_colour_shortcut_and_usage(session):
    model = SchemeListModel(session, SchemeKind.LABEL)
    index = model.index(0)
    assert index.data() == "Claim"
    assert index.data(Qt.ItemDataRole.DecorationRole) == QColor("#e69f00")
    assert index.data(ShortcutRole) == "1"
    assert "Used by 2 annotations" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Not used yet" in model.index(2).data(Qt.ItemDataRole.ToolTipRole)


def test_resets_when_the_scheme_changes(qtbot, qtmodeltester, session):
    model = SchemeListModel(session, SchemeKind.TARGET)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.modelReset):
        session.undo_stack.push(
            AddSchemeItemCommand(session, SchemeItem(SchemeKind.TARGET, "EU AI Act"))
        )
    assert [model.index(r).data() for r in range(model.rowCount())][-1] == "EU AI Act"


def test_inline_rename_and_drag_move_ask_instead_of_writing(qtbot, session):
    model = SchemeListModel(session, SchemeKind.LABEL)
    with qtbot.waitSignal(model.rename_requested) as renamed:
        assert model.setData(model.index(0), "Assertion")
    assert renamed.args == ["Claim", "Assertion"]
    assert model.index(0).data() == "Claim"  # nothing written by the model itself

    with qtbot.waitSignal(model.move_requested) as moved:
        assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # drop below the last
    assert moved.args == ["Claim", 2]
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # dropped on itself
