"""The export dialog: every format through the dialog, gold only, cancel, missing libraries."""

from __future__ import annotations

import csv
import json
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.gui.project import export_dialog
from annotator.gui.project.export_dialog import ExportDialog
from annotator.services.formats import EXPORTERS
from annotator.services.formats.brat import read_brat
from annotator.services.formats.doccano import read_doccano
from annotator.services.formats.jsonl import read_jsonl
from annotator.services.formats.labelstudio import read_labelstudio
from tests.gui.held_workers import progress_dialog


@pytest.fixture
def outcomes(monkeypatch):
    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(
        export_dialog,
        "show_export_result",
        lambda parent, title, summary, warnings: seen.append(("result", warnings)),
    )
    monkeypatch.setattr(
        export_dialog, "show_export_error", lambda parent, text: seen.append(("error", text))
    )
    return seen


@pytest.fixture
def dialog(qtbot, session, outcomes):
    widget = ExportDialog(session)
    qtbot.addWidget(widget)
    return widget


def test_every_exporter_is_offered_with_a_description(dialog):
    keys = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert keys == list(EXPORTERS)
    doccano = dialog.format_box.itemText(keys.index("doccano"))
    assert doccano == "doccano JSONL — for a doccano project of the chosen type"


def test_options_show_only_for_their_format(dialog):
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    assert not dialog.option_groups["csv"].isHidden()
    assert dialog.option_groups["doccano"].isHidden()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("jsonl"))
    assert all(group.isHidden() for group in dialog.option_groups.values())


def _annotators(docs) -> set[str]:
    return {s.annotator for d in docs for s in d.spans}


def test_jsonl(dialog, tmp_path, outcomes):
    out = tmp_path / "out.jsonl"
    assert dialog.accept_with("jsonl", out) is not None
    docs = read_jsonl(out)
    assert len(docs) == 3 and _annotators(docs) == {"alice", "bob"}
    assert outcomes == [("result", [])]


def test_csv_with_bom(dialog, tmp_path):
    out = tmp_path / "out.csv"
    dialog.accept_with("csv", out, bom=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {r["annotator"] for r in rows if r["level"] == "span"} == {"alice", "bob"}


def test_doccano_one_file_per_annotator(dialog, tmp_path):
    out = tmp_path / "out.jsonl"
    report = dialog.accept_with("doccano", out, project="relation", per_annotator=True)
    assert report is not None
    paths = sorted(p.name for p in report.paths)
    assert paths == ["out.alice.jsonl", "out.bob.jsonl"]
    first = json.loads((tmp_path / "out.alice.jsonl").read_text("utf-8").splitlines()[0])
    assert "entities" in first
    assert read_doccano(tmp_path / "out.bob.jsonl")


def test_labelstudio(dialog, tmp_path):
    out = tmp_path / "tasks.json"
    report = dialog.accept_with("labelstudio", out, whose="chosen", annotators=["bob"])
    docs = read_labelstudio(out)
    assert _annotators(docs) == {"bob"}
    # the labelling config travels with the tasks, and the dialog says so
    assert report is not None and tmp_path / "tasks.label_config.xml" in report.paths
    assert "tasks.label_config.xml" in dialog.labelstudio_config.text()
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert all("completed_by" not in a for t in tasks for a in t["annotations"])


def test_labelstudio_annotators_as_emails(dialog, tmp_path):
    out = tmp_path / "tasks.json"
    dialog.accept_with("labelstudio", out, users="email")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    emails = {a["completed_by"]["email"] for t in tasks for a in t["annotations"]}
    assert emails == {"alice@annotator.invalid", "bob@annotator.invalid"}


def test_doccano_project_types(dialog, tmp_path):
    out = tmp_path / "intent.jsonl"
    dialog.accept_with("doccano", out, project="intent")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert all("entities" in r and "cats" in r and "label" not in r for r in records)


def test_brat_writes_a_folder(dialog, tmp_path):
    out = tmp_path / "brat"
    dialog.accept_with("brat", out)
    assert out.is_dir()
    assert _annotators(read_brat(out)) == {"alice", "bob"}


def test_conll_one_annotators_layer_and_warnings(dialog, tmp_path, outcomes):
    out = tmp_path / "out.conll"
    dialog.accept_with("conll", out, annotator="alice")
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "-DOCSTART-\tO"
    tags = {line.split("\t")[1] for line in lines if "\t" in line}
    assert "B-Claim" in tags
    [(kind, warnings)] = outcomes
    assert kind == "result" and warnings  # overlap dropped, stances lost


def test_spacy(dialog, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    dialog.accept_with("spacy", out)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert len(docs) == 3


def test_parquet(dialog, tmp_path):
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "rows.parquet"
    dialog.accept_with("parquet", out)
    table = parquet.read_table(out)
    assert set(table.column("annotator").to_pylist()) >= {"alice", "bob"}


def test_gold_layer_only(qtbot, session, outcomes, tmp_path):
    session.store.annotations.add_span(
        Span("g1", "en", 0, 4, "Claim", GOLD_ANNOTATOR, origin="alice")
    )
    session.store.documents.set_done("en", GOLD_ANNOTATOR, True)  # adjudicated
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.whose_gold.isEnabled()
    out = tmp_path / "gold.jsonl"
    dialog.accept_with("jsonl", out, whose="gold")
    assert _annotators(read_jsonl(out)) == {GOLD_ANNOTATOR}
    # and "All annotators" means the people, without the gold layer
    out_all = tmp_path / "all.jsonl"
    ExportDialog(session).accept_with("jsonl", out_all)
    assert _annotators(read_jsonl(out_all)) == {"alice", "bob"}


def test_gold_exports_only_adjudicated_documents_and_says_how_many_were_left_out(
    qtbot, session, tmp_path, monkeypatch
):
    summaries: list[str] = []
    monkeypatch.setattr(
        export_dialog, "show_export_result", lambda parent, title, text, w: summaries.append(text)
    )
    session.store.annotations.add_span(
        Span("g1", "en", 0, 4, "Claim", GOLD_ANNOTATOR, origin="alice")
    )
    session.store.documents.set_done("en", GOLD_ANNOTATOR, True)
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    assert not dialog.only_done.isChecked()
    dialog.whose_gold.setChecked(True)
    assert dialog.only_done.isChecked() and dialog.only_done.text() == "Only adjudicated documents"
    out = tmp_path / "gold.jsonl"
    dialog.accept_with("jsonl", out, whose="gold")
    assert [d.document.id for d in read_jsonl(out)] == ["en"]
    assert "2 documents left out: not adjudicated." in summaries[0]
    assert "(s)" not in summaries[0] and "1 document and 1 span exported" in summaries[0]
    # asked for every document, gold gives them all (the unreviewed ones empty)
    everything = ExportDialog(session)
    qtbot.addWidget(everything)
    everything.accept_with("jsonl", tmp_path / "all-gold.jsonl", whose="gold", only_done=False)
    assert len(read_jsonl(tmp_path / "all-gold.jsonl")) == 3
    assert "left out" not in summaries[1]
    # back to the people: the box is theirs again, unticked
    everything.whose_all.setChecked(True)
    assert everything.only_done.text() == "Only documents marked done"


def test_only_done_documents(dialog, session, tmp_path):
    session.store.documents.set_done("cjk", "alice", True)
    out = tmp_path / "done.jsonl"
    dialog.accept_with("jsonl", out, only_done=True)
    assert [d.document.id for d in read_jsonl(out)] == ["cjk"]


def test_cancel_leaves_no_file(dialog, tmp_path, monkeypatch, outcomes, qtbot):
    # A deterministic cancel point: the worker holds at its second document until the
    # test has pressed Cancel in the progress dialog.
    held, go_on = threading.Event(), threading.Event()
    real = export_dialog.export_project
    steps: list[int] = []

    def export_and_hold(store, format, out, *, progress, **kwargs):
        def watched(done: int, total: int) -> bool:
            steps.append(done)
            if done == 1:
                held.set()
                assert go_on.wait(30)
            return progress(done, total)

        return real(store, format, out, progress=watched, **kwargs)

    monkeypatch.setattr(export_dialog, "export_project", export_and_hold)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.path_edit.setText(str(folder / "out.csv"))
    job = dialog.start_export()
    assert job is not None and held.wait(30)
    assert dialog.is_exporting() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: progress_dialog(job) is not None, timeout=10_000)
    progress = progress_dialog(job)
    assert progress is not None
    progress.grab().save("/tmp/workers-export-progress.png")
    progress.cancel_button().click()
    go_on.set()
    dialog.wait_for_export()
    assert steps == [0, 1]  # the worker stopped at the step after Cancel
    assert list(folder.iterdir()) == []  # not even a temporary file
    assert outcomes == []  # cancelling is not an error
    assert dialog.result() != ExportDialog.DialogCode.Accepted
    assert not dialog.is_exporting() and dialog.export_button.isEnabled()


def test_the_export_runs_on_a_worker_and_the_dialog_closes_when_written(
    dialog, session, tmp_path, outcomes, qtbot
):
    out = tmp_path / "all.jsonl"
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("jsonl"))
    dialog.path_edit.setText(str(out))
    job = dialog.start_export()
    assert job is not None and dialog.is_exporting()
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=30_000)
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    assert outcomes[0][0] == "result"
    assert len(read_jsonl(out)) == session.store.documents.count()


def test_closing_the_dialog_while_exporting_cancels_and_leaves_nothing(
    dialog, tmp_path, monkeypatch, outcomes
):
    held, go_on = threading.Event(), threading.Event()
    real = export_dialog.export_project

    def export_and_hold(store, format, out, *, progress, **kwargs):
        def watched(done: int, total: int) -> bool:
            if done == 1:
                held.set()
                assert go_on.wait(30)
            return progress(done, total)

        return real(store, format, out, progress=watched, **kwargs)

    monkeypatch.setattr(export_dialog, "export_project", export_and_hold)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.path_edit.setText(str(folder / "out.csv"))
    job = dialog.start_export()
    assert job is not None and held.wait(30)
    threading.Timer(0.2, go_on.set).start()
    dialog.reject()  # Esc: cancels and waits
    assert job.is_dropped() and not dialog.is_exporting()
    QApplication.processEvents()
    assert list(folder.iterdir()) == []
    assert outcomes == []


def test_no_annotator_chosen_is_refused(dialog, tmp_path, outcomes):
    assert dialog.accept_with("jsonl", tmp_path / "x.jsonl", whose="chosen", annotators=[]) is None
    assert not dialog.export_button.isEnabled()
    assert outcomes[0][0] == "error"


def test_missing_spacy_is_explained(dialog, monkeypatch, tmp_path, outcomes):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy now raises ImportError
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("spacy"))
    assert not dialog.dependency_label.isHidden()
    assert "pip install 'outlet-annotator[spacy]'" in dialog.dependency_label.text()
    assert not dialog.export_button.isEnabled()
    assert dialog.accept_with("spacy", tmp_path / "x.spacy") is None
    assert not (tmp_path / "x.spacy").exists()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    assert dialog.dependency_label.isHidden()


def test_run_export_opens_the_dialog(monkeypatch, session):
    from annotator.gui.project import import_export_ui

    monkeypatch.setattr(ExportDialog, "exec", lambda self: ExportDialog.DialogCode.Rejected)
    assert import_export_ui.run_export(None, session) is False
