"""DocumentMetadataDialog: details edited as one undoable command."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from annotator.gui.project.document_metadata_dialog import DocumentMetadataDialog


def test_shows_the_document(qtbot, session):
    dialog = DocumentMetadataDialog(session, "en")
    qtbot.addWidget(dialog)
    document = session.document("en")
    assert dialog.title_edit.text() == "en article"
    assert dialog.sha_edit.text() == document.sha256 and dialog.sha_edit.isReadOnly()
    assert dialog.length_label.text() == f"{len(document.text):,} characters"
    assert dialog.changes() == {}


def test_edit_pushes_only_changed_fields_and_undo_restores(qtbot, session, monkeypatch):
    def exec_(self):
        self.title_edit.setText("Experts warn Washington ")
        self.published_edit.setText("2024-05-17")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentMetadataDialog, "exec", exec_)
    with qtbot.waitSignal(session.documents_changed):
        assert DocumentMetadataDialog.edit(None, session, "en")
    document = session.document("en")
    assert (document.title, document.published, document.source) == (
        "Experts warn Washington",
        "2024-05-17",
        "en outlet",
    )
    assert session.undo_stack.count() == 1
    assert session.undo_stack.command(0)._fields == {
        "title": "Experts warn Washington",
        "published": "2024-05-17",
    }
    session.undo_stack.undo()
    assert (session.document("en").title, session.document("en").published) == ("en article", "")
    session.undo_stack.redo()
    assert session.document("en").title == "Experts warn Washington"


def test_cancel_or_no_change_pushes_nothing(session, monkeypatch, qapp):
    monkeypatch.setattr(DocumentMetadataDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert not DocumentMetadataDialog.edit(None, session, "en")

    def cancel(self):
        self.title_edit.setText("changed")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DocumentMetadataDialog, "exec", cancel)
    assert not DocumentMetadataDialog.edit(None, session, "en")
    assert session.undo_stack.count() == 0


def test_non_iso_date_is_flagged_not_refused(qtbot, session):
    dialog = DocumentMetadataDialog(session, "en")
    qtbot.addWidget(dialog)
    dialog.published_edit.setText("17 May 2024")
    assert not dialog.date_warning.isHidden()
    dialog.published_edit.setText("2024-05-17T09:30:00Z")
    assert dialog.date_warning.isHidden()
