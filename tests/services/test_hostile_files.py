"""A corpus of hostile and broken files, each imported as a user would (issue #14).

Every case either imports or is refused with an InputError naming the file (and the line
where there is one), quickly, and with nothing of the import stored: the good file given
before it is not stored either. Cases that used to hang run in a daemon thread, so a
regression fails here instead of stalling the suite; FIFOs and /dev/zero run in a child
`annotator import` with a memory limit and a time-out, since reading them would block
forever or fill the memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.services.document_import import import_files
from annotator.store.project_store import ProjectStore

HANG_GUARD_S = 60  # far beyond any honest import here; only a hang reaches it


def _finishing(call: Callable[[], Any]) -> Any:
    """call() in a daemon thread; fails (rather than hangs) when it does not return."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive(), "the import hung"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def project(tmp_path: Path) -> ProjectStore:
    store = ProjectStore.create(tmp_path / "p.annotator")
    yield store
    store.close()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("A perfectly ordinary article.\n", encoding="utf-8")
    return path


def _refused(project: ProjectStore, good: Path, bad: Path, *parts: str) -> InputError:
    """Import [good, bad]: it must be refused naming `bad`, with nothing stored."""
    with pytest.raises(InputError) as info:
        _finishing(lambda: import_files(project, [good, bad], annotator="alice"))
    error = info.value
    assert str(bad) in str(error)  # the file, or the brat folder holding it
    for part in parts:
        assert part in str(error)
    assert project.documents.summaries() == []
    return error


def _refused_in_child(project: ProjectStore, good: Path, bad: Path, *parts: str) -> None:
    """`_refused` through the CLI in a child process that cannot block or eat the machine."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))

    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(project.path), str(good), str(bad)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        preexec_fn=limit_memory,
        check=False,
    )
    assert result.returncode != 0
    assert str(bad) in result.stderr and "Traceback" not in result.stderr, result.stderr
    for part in parts:
        assert part in result.stderr
    assert project.documents.summaries() == []


# -- Markdown and HTML that made the renderers take minutes -----------------------------
MARKUP = {
    "50,000 open brackets": ("md", "[" * 50_000, "'['"),
    "a bracket on each of 50,000 lines": ("md", "[\n" * 50_000, "'['"),
    "20,000 list levels on one line": ("md", "- " * 20_000 + "x", "list or quote levels"),
    "2,000 indented list levels": (
        "md",
        "".join("  " * i + "- x\n" for i in range(2_000)),
        "indented",
    ),
    "50,000 backticks": ("md", "`" * 50_000, "backticks"),
    "100,000 nested divs": ("html", "<div>" * 100_000 + "x", "nested"),
    "100,000 nested divs with text": ("html", "<div>x" * 100_000, "nested"),
    "misnested formatting": ("html", "<b></i>" * 100_000 + "x", "nested"),
    "raw divs inside Markdown": ("md", "<div>" * 100_000 + "x", "nested"),
    "20,000 quote levels": ("md", ">" * 20_000 + " x", "list or quote levels"),
}


@pytest.mark.parametrize("case", sorted(MARKUP))
def test_pathological_markup_is_refused_quickly(
    tmp_path: Path, project: ProjectStore, good: Path, case: str
) -> None:
    suffix, source, reason = MARKUP[case]
    bad = tmp_path / f"bad.{suffix}"
    bad.write_text(source, encoding="utf-8")
    error = _refused(project, good, bad, reason, "import it as plain text")
    assert error.line is not None


def test_markup_just_within_the_bounds_imports(tmp_path: Path, project: ProjectStore) -> None:
    md = tmp_path / "ok.md"
    md.write_text(("[link](https://example.org) " * 100 + "\n\n") * 5, encoding="utf-8")
    html = tmp_path / "ok.html"
    html.write_text("<div>" * 300 + "<p>deep text</p>" + "</div>" * 300, encoding="utf-8")
    report = _finishing(lambda: import_files(project, [md, html]))
    assert report.documents_added == 2


# -- brat folders -----------------------------------------------------------------------
def _brat(tmp_path: Path, text: str = "Over 40 experts.", ann: str = "T1\tClaim 0 4\tOver\n"):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    return folder


def test_brat_offset_of_5000_digits_is_an_error_with_line(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    folder = _brat(tmp_path, ann="T1\tClaim 0 4\tOver\nT2\tClaim 0 " + "9" * 5000 + "\tx\n")
    error = _refused(project, good, folder, "bad offsets")
    assert (Path(error.path or "").name, error.line) == ("doc.ann", 2)


@pytest.mark.parametrize("member", ["doc.txt", "doc.ann"])
def test_brat_symlink_leaving_the_folder_is_refused(
    tmp_path: Path, project: ProjectStore, good: Path, member: str
) -> None:
    folder = _brat(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("T1\tClaim 0 4\tOver\n" if member.endswith(".ann") else "Over 40 experts.")
    (folder / member).unlink()
    (folder / member).symlink_to(secret)
    _refused(project, good, folder, "symbolic link pointing outside the folder")


def test_brat_symlink_inside_the_folder_is_read(tmp_path: Path, project: ProjectStore) -> None:
    folder = _brat(tmp_path)
    (folder / "texts").mkdir()
    (folder / "doc.txt").rename(folder / "texts" / "doc.txt")
    (folder / "doc.txt").symlink_to(folder / "texts" / "doc.txt")
    assert import_files(project, [folder]).spans_added == 1


def test_brat_linked_subfolder_outside_is_refused(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    folder = _brat(tmp_path)
    (tmp_path / "other").mkdir()
    elsewhere = _brat(tmp_path / "other", text="Private notes here.", ann="T1\tX 0 7\tPrivate\n")
    (folder / "mallory").symlink_to(elsewhere, target_is_directory=True)
    _refused(project, good, folder, "symbolic link pointing outside the folder")


def test_brat_linked_subfolder_inside_is_not_read_twice(
    tmp_path: Path, project: ProjectStore
) -> None:
    folder = _brat(tmp_path)
    (folder / "alice").mkdir()
    (folder / "doc.ann").rename(folder / "alice" / "doc.ann")
    (folder / "doc.txt").rename(folder / "alice" / "doc.txt")
    (folder / "again").symlink_to(folder / "alice", target_is_directory=True)
    report = import_files(project, [folder])
    assert (report.documents_added, report.spans_added) == (1, 1)


@pytest.mark.parametrize("member", ["doc.ann", "doc.txt"])
def test_brat_fifo_is_refused_not_waited_on(
    tmp_path: Path, project: ProjectStore, good: Path, member: str
) -> None:
    folder = _brat(tmp_path)
    (folder / member).unlink()
    os.mkfifo(folder / member)
    _refused_in_child(project, good, folder, "not a regular file")


def test_brat_ann_linked_to_dev_zero_is_refused(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    folder = _brat(tmp_path)
    (folder / "doc.ann").unlink()
    (folder / "doc.ann").symlink_to("/dev/zero")
    _refused_in_child(project, good, folder, "not followed")


def test_brat_dot_dot_names_stay_inside(tmp_path: Path, project: ProjectStore) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "...txt").write_text("Dots.", encoding="utf-8")  # stem ".."
    (folder / "...ann").write_text("T1\tClaim 0 4\tDots\n", encoding="utf-8")
    report = import_files(project, [folder])
    assert (report.documents_added, report.spans_added) == (1, 1)


# -- single files that are not files ----------------------------------------------------
@pytest.mark.parametrize("name", ["in.jsonl", "in.txt", "in.md", "tasks.json"])
def test_a_fifo_given_as_a_file_is_refused(
    tmp_path: Path, project: ProjectStore, good: Path, name: str
) -> None:
    os.mkfifo(tmp_path / name)
    _refused_in_child(project, good, tmp_path / name, "not a regular file")


def test_a_link_to_dev_zero_given_as_a_file_is_refused(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    _refused_in_child(project, good, tmp_path / "zero.txt", "not a regular file")


# -- Label Studio -----------------------------------------------------------------------
def test_label_studio_region_with_empty_labels_is_an_error(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    region = {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text"}
    region["value"] = {"start": 0, "end": 4, "labels": []}
    task = {"data": {"text": "Over 40 experts."}, "annotations": [{"result": [region]}]}
    bad = tmp_path / "tasks.json"
    bad.write_text(json.dumps([task], indent=1), encoding="utf-8")
    error = _refused(project, good, bad, "empty 'labels'")
    assert error.line == 2


# -- NUL, encodings and malformed JSON --------------------------------------------------
def _jsonl(tmp_path: Path, *lines: str, name: str = "bad.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


OK_LINE = '{"text": "fine"}'
JSONL = {
    "NUL escape in the text": ('{"text": "before\\u0000after"}', "NUL"),
    "truncated": ('{"text": "cut off', "malformed JSON"),
    "NaN offset": ('{"text": "abc", "spans": [{"start": NaN, "end": 1, "label": "C"}]}', "NaN"),
    "Infinity": ('{"text": "abc", "x": Infinity}', "Infinity"),
    "duplicate keys": ('{"text": "abc", "text": "abd"}', "duplicate key"),
    "10,000-deep nesting": ('{"text": "abc", "x": ' + "[" * 10_000 + "]" * 10_000 + "}", "deep"),
    "huge integer": (
        '{"text": "abc", "spans": [{"start": ' + "9" * 5000 + ', "end": 1, "label": "C"}]}',
        "digits",
    ),
    "negative offset": ('{"text": "abc", "spans": [{"start": -1, "end": 1, "label": "C"}]}', ""),
    "reversed offsets": ('{"text": "abc", "spans": [{"start": 2, "end": 1, "label": "C"}]}', ""),
    "lone surrogate": ('{"text": "ab\\ud800c"}', "surrogate"),
    "not an object": ("[1, 2, 3]", "object"),
}


@pytest.mark.parametrize("case", sorted(JSONL))
def test_malformed_jsonl_names_file_and_line(
    tmp_path: Path, project: ProjectStore, good: Path, case: str
) -> None:
    line, part = JSONL[case]
    bad = _jsonl(tmp_path, OK_LINE, line)
    error = _refused(project, good, bad, part)
    assert error.line == 2


def test_nul_byte_in_a_text_file_is_refused_with_its_line(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"line one\nline two \x00 and more\n")
    error = _refused(project, good, bad, "NUL character")
    assert error.line == 2


@pytest.mark.parametrize("kind", ["doccano", "labelstudio", "brat"])
def test_nul_is_refused_by_every_reader(
    tmp_path: Path, project: ProjectStore, good: Path, kind: str
) -> None:
    if kind == "doccano":
        bad = _jsonl(tmp_path, '{"text": "a\\u0000b", "label": [[0, 1, "X"]]}')
    elif kind == "labelstudio":
        bad = tmp_path / "t.json"
        bad.write_text('[{"data": {"text": "a\\u0000b"}}]', encoding="utf-8")
    else:
        bad = _brat(tmp_path, text="Over\x00 40 experts.")
    _refused(project, good, bad, "NUL character")


def test_the_store_refuses_nul_from_any_other_path(project: ProjectStore) -> None:
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.ingest import ingest

    with pytest.raises(InputError, match="NUL"):
        ingest(project, [AnnotatedDocument(Document(id="d", text="a\x00b"))])
    assert project.documents.summaries() == []


def test_utf16_text_with_bom_is_decoded(tmp_path: Path, project: ProjectStore) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Über 40 Experten 👩‍💻\n".encode("utf-16"))
    [doc_id] = import_files(project, [path]).document_ids
    assert project.documents.get(doc_id).text == "Über 40 Experten 👩‍💻\n"


def test_utf16_jsonl_is_named(tmp_path: Path, project: ProjectStore, good: Path) -> None:
    bad = tmp_path / "in.jsonl"
    bad.write_bytes('{"text": "abc"}\n'.encode("utf-16"))
    _refused(project, good, bad, "UTF-16")


def test_utf16_without_bom_is_caught_by_its_nuls(
    tmp_path: Path, project: ProjectStore, good: Path
) -> None:
    bad = tmp_path / "in.txt"
    bad.write_bytes("plain words".encode("utf-16-le"))
    _refused(project, good, bad, "UTF-16")


def test_cp1252_text_is_named(tmp_path: Path, project: ProjectStore, good: Path) -> None:
    bad = tmp_path / "old.txt"
    bad.write_bytes("first line\n“Smart quotes” – café\n".encode("cp1252"))
    error = _refused(project, good, bad, "Windows-1252")
    assert error.line == 2


def test_bom_jsonl_is_read(tmp_path: Path, project: ProjectStore) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "with a BOM"}\n')
    assert import_files(project, [path]).documents_added == 1


def test_a_file_past_the_size_limit_is_refused_unread(
    tmp_path: Path, project: ProjectStore, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.services.formats import input_files

    monkeypatch.setattr(input_files, "MAX_INPUT_BYTES", 1000)
    bad = tmp_path / "big.jsonl"
    bad.write_text('{"text": "' + "x" * 2000 + '"}\n', encoding="utf-8")
    _refused(project, good, bad, "split it into smaller files")
