"""AnnotatorNameDialog: who is annotating."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from annotator.gui.project.annotator_name_dialog import AnnotatorNameDialog


def fake_exec(text: str, result=QDialog.DialogCode.Accepted):
    def exec_(self):
        self.name_combo.setEditText(text)
        return result

    return exec_


def test_ask_returns_the_stripped_name(monkeypatch, qapp):
    monkeypatch.setattr(AnnotatorNameDialog, "exec", fake_exec("  carol  "))
    assert AnnotatorNameDialog.ask(None, "", ["alice", "bob"]) == "carol"


def test_ask_returns_none_when_cancelled(monkeypatch, qapp):
    monkeypatch.setattr(
        AnnotatorNameDialog, "exec", fake_exec("carol", QDialog.DialogCode.Rejected)
    )
    assert AnnotatorNameDialog.ask(None, "alice") is None


def test_ask_never_returns_a_blank_name(monkeypatch, qapp):
    monkeypatch.setattr(AnnotatorNameDialog, "exec", fake_exec("   "))
    assert AnnotatorNameDialog.ask() is None


def test_ok_disabled_for_blank_names_and_known_names_offered(qtbot):
    dialog = AnnotatorNameDialog(None, "alice", ["alice", "bob", "alice", " "])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    combo = dialog.name_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["alice", "bob"]
    assert combo.currentText() == "alice" and ok.isEnabled()
    combo.setEditText("  ")
    assert not ok.isEnabled()
    dialog.accept()  # Enter while blank
    assert dialog.result() != QDialog.DialogCode.Accepted
    combo.setCurrentIndex(1)
    assert ok.isEnabled()
    assert dialog.name() == "bob"
