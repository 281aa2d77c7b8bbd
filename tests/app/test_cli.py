"""The command line contract: init, import, export, errors, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.app.cli import build_parser, main
from annotator.core.errors import ProjectError
from annotator.core.model import text_sha256
from annotator.store.project_store import ProjectStore

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str) -> int:
    return main(list(args))


def test_init_demo_then_export_gives_the_four_seed_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, out = tmp_path / "x.annotator", tmp_path / "out.jsonl"
    assert run("init", str(project), "--demo") == 0
    assert run("export", str(project), "--format", "jsonl", "-o", str(out)) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 4
    seed_texts = {p.read_text("utf-8").replace("\r\n", "\n") for p in SEEDS.glob("*.txt")}
    assert {r["text"] for r in records} == seed_texts
    for record in records:
        assert record["sha256"] == text_sha256(record["text"])
        assert record["title"] and record["source"]
    assert "4 documents" in capsys.readouterr().out


def test_init_demo_without_seeds_fails_and_leaves_no_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.services import demo

    def missing() -> Path:
        raise ProjectError("The seed articles are missing from this installation")

    monkeypatch.setattr(demo, "seeds_folder", missing)
    project = tmp_path / "x.annotator"
    assert run("init", str(project), "--demo") == 1
    assert "seed articles are missing" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert run("init", str(project), "--demo") == 0  # the retry works


def test_import_jsonl_with_annotations_then_export_round_trips(tmp_path: Path) -> None:
    text = "Über 40 experts 👩‍💻 signed.\r\nA second line: 专家."
    start = text.index("40 experts")
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "doc1",
                "title": "T",
                "text": text,
                "spans": [
                    {
                        "start": start,
                        "end": start + 10,
                        "text": "40 experts",
                        "label": "Claim",
                        "stance": "against",
                    }
                ],
                "stances": [
                    {"target": "US restrictions on Anthropic's models", "stance": "against"}
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        "utf-8",
    )
    project, out = tmp_path / "p.annotator", tmp_path / "out.jsonl"
    assert run("init", str(project)) == 0
    assert run("import", str(project), str(source), "--annotator", "carol") == 0
    assert run("import", str(project), str(source), "--annotator", "carol") == 0  # adds nothing
    assert (
        run("export", str(project), "--format", "jsonl", "-o", str(out), "--annotator", "carol")
        == 0
    )
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["text"] == text  # JSONL keeps CRLF exactly
    (span,) = record["spans"]
    assert (span["start"], span["end"], span["text"], span["annotator"]) == (
        start,
        start + 10,
        "40 experts",
        "carol",
    )
    assert record["stances"][0]["annotator"] == "carol"


def test_bad_jsonl_is_reported_with_file_and_line_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A fine article.", "utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "ok"}\n{"text": "abc", "spans": [{"start": 0, "end": 2, "text": "xx", "label": "Claim"}]}\n'
    )
    project = tmp_path / "p.annotator"
    run("init", str(project))
    assert run("import", str(project), str(good), str(bad)) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "line 2" in err
    with ProjectStore.open(project) as store:
        assert store.documents.count() == 0


def test_import_text_markdown_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain title\r\nBody text.", "utf-8")
    (tmp_path / "b.md").write_text(
        "# Heading\n\nSome *emphasis* and <script>alert(1)</script>", "utf-8"
    )
    (tmp_path / "c.html").write_text(
        "<html><body><h1>Web</h1><img src='file:///etc/passwd'><p>Para</p></body></html>", "utf-8"
    )
    project = tmp_path / "p.annotator"
    run("init", str(project))
    assert (
        run("import", str(project), *(str(tmp_path / n) for n in ("a.txt", "b.md", "c.html"))) == 0
    )
    with ProjectStore.open(project) as store:
        docs = [store.documents.get(i) for i in store.documents.ids()]
    assert docs[0].text == "Plain title\nBody text." and docs[0].title == "Plain title"
    assert docs[1].title == "Heading" and "alert" not in docs[1].text and "emphasis" in docs[1].text
    assert any(s.style == "h1" for s in docs[1].styles)
    assert "passwd" not in docs[2].text and docs[2].text.startswith("Web")


def test_non_utf8_text_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("first line\ncaf\xe9".encode("latin-1"))
    project = tmp_path / "p.annotator"
    run("init", str(project))
    assert run("import", str(project), str(bad)) == 1
    err = capsys.readouterr().err
    assert "latin1.txt, line 2" in err and "UTF-8" in err


def test_errors_go_to_stderr_with_nonzero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "export",
            str(tmp_path / "missing.annotator"),
            "--format",
            "jsonl",
            "-o",
            str(tmp_path / "o"),
        )
        == 1
    )
    assert "No project" in capsys.readouterr().err
    project = tmp_path / "p.annotator"
    run("init", str(project))
    assert run("init", str(project)) == 1
    assert "already exists" in capsys.readouterr().err


def test_every_option_is_documented_in_help() -> None:
    parser = build_parser()
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            for option in sub._actions:
                assert option.help, f"{name} {option.option_strings or option.dest} has no help"


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    for command in ("init", "import", "export"):
        assert command in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "annotator", "export", "x"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2 and "required" in bad.stderr


@pytest.mark.parametrize(
    "fmt", ["csv", "doccano", "labelstudio", "brat", "conll", "spacy", "parquet"]
)
def test_every_export_format_writes_from_the_demo(tmp_path: Path, fmt: str) -> None:
    project = tmp_path / "x.annotator"
    run("init", str(project), "--demo")
    with ProjectStore.open(project) as store:
        doc_id = store.documents.ids()[0]
        text = store.documents.get(doc_id).text
        start = text.index("More than 160 experts")
        from annotator.core.model import Span

        store.annotations.add_span(
            Span(
                "s1",
                doc_id,
                start,
                start + 21,
                "Claim",
                "alice",
                "against",
                "US restrictions on Anthropic's models",
                "=cmd()",
            )
        )
    out = tmp_path / ("out_dir" if fmt == "brat" else f"out.{fmt}")
    assert run("export", str(project), "--format", fmt, "-o", str(out)) == 0
    assert out.exists()


def test_csv_export_is_spreadsheet_safe_unless_raw(tmp_path: Path) -> None:
    import csv

    project = tmp_path / "x.annotator"
    run("init", str(project), "--demo")
    with ProjectStore.open(project) as store:
        doc_id = store.documents.ids()[0]
        from annotator.core.model import Span

        store.annotations.add_span(
            Span("s1", doc_id, 0, 3, "Claim", "alice", note='=HYPERLINK("http://x")')
        )
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    assert run("export", str(project), "--format", "csv", "-o", str(safe)) == 0
    assert run("export", str(project), "--format", "csv", "-o", str(raw), "--raw") == 0
    safe_cells = [c for row in csv.reader(safe.open(encoding="utf-8")) for c in row]
    raw_cells = [c for row in csv.reader(raw.open(encoding="utf-8")) for c in row]
    assert '=HYPERLINK("http://x")' in raw_cells
    assert not any(c.startswith(("=", "+", "@")) for c in safe_cells)
