# Over 400 lines: every subcommand's parser is here, because the commands and options are one
# contract read as a whole.
"""The `annotator` command: start the app, or init / import / export / merge a project,
report agreement, or print the claim matrix.

This is a contract: tests and users' scripts rely on the commands and options below.
Errors go to stderr with exit status 1 (2 for bad usage); nothing is half-done.
"""

from __future__ import annotations

import argparse
import errno
import json
import sqlite3
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import GOLD_ANNOTATOR

if TYPE_CHECKING:
    from annotator.store.project_store import ProjectStore

COMMANDS = (
    "init", "import", "export", "merge", "agreement", "claims", "backups", "restore", "hub",
    "sync",
)  # fmt: skip
EXPORT_FORMATS = ("jsonl", "csv", "doccano", "labelstudio", "brat", "conll", "spacy", "parquet")
IMPORT_FORMATS = ("text", "markdown", "html", "jsonl", "doccano", "labelstudio", "brat")


_IMPORT_FORMATS_HELP = """formats read (--format):
  text         .txt: one document, no annotations
  markdown     .md, .markdown: rendered to text, headings and emphasis kept for display
  html         .html, .htm: sanitised to text; nothing remote or local is loaded
  jsonl        native JSONL: documents with spans, stances, notes, fragments; lossless
  doccano      doccano JSONL: "label" / "entities" spans, "cats" and class labels as
               document stances ("target: stance"), doccano 1.0 "annotations" (annotator
               "user N"); relations, Comments and other metadata reported as skipped
  labelstudio  Label Studio JSON: labels regions, per-region stance/target/note, choices
               as document stances, predictions as annotator "model:<version>";
               relations and other result types reported as skipped
  brat         a folder of .txt + .ann: T spans (with fragments), Stance/Target
               attributes, notes; R, E, N, *, other attributes reported as skipped
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description=(
            "Annotate how outlets report the same event: claims, evidence, sources and stance, "
            "side by side. Without a command, starts the app (on PROJECT if given)."
        ),
        epilog="Run 'annotator COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="start the app (the default when no command is given)")
    gui.add_argument("project", nargs="?", type=Path, help="project file to open (.annotator)")
    gui.add_argument(
        "--annotator", metavar="NAME", help="annotate as NAME (otherwise asked once and remembered)"
    )
    gui.add_argument(
        "--smoke-test",
        action="store_true",
        help="open PROJECT, paint the window, print a JSON report and quit (for CI and installers)",
    )

    init = commands.add_parser("init", help="create a project file")
    init.add_argument(
        "project", type=Path, help="path of the new project file (e.g. study.annotator)"
    )
    init.add_argument(
        "--demo", action="store_true", help="load the seed articles (the demo corpus)"
    )

    imp = commands.add_parser(
        "import",
        help="import documents (and their annotations) into a project",
        description=textwrap.fill(
            "Import documents and annotations, all or nothing: if any file is bad, nothing is "
            "imported. Reads plain text (.txt), Markdown (.md, .markdown), HTML (.html, .htm), "
            "native JSONL (.jsonl), doccano JSONL (1.x: sequence labelling, intent, relation and "
            "classification projects; doccano 1.0 exports), Label Studio JSON (.json: a task "
            "list or one task, with annotations, 0.x completions and predictions) and brat "
            "standoff folders (.txt + .ann). The format is detected from the file, or given with "
            "--format. Documents are matched by the SHA-256 of their text, so importing another "
            "annotator's file adds their annotations to the documents already here. What a file "
            "holds that a project cannot (relations, comments, other attributes...) is counted "
            "per kind and reported; --strict refuses such files instead.",
            width=78,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_IMPORT_FORMATS_HELP,
    )
    imp.add_argument("project", type=Path, help="project file")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
    imp.add_argument("--annotator", metavar="NAME", help="annotator for annotations that name none")
    imp.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="force the input format instead of detecting it from the file",
    )
    imp.add_argument(
        "--strict",
        action="store_true",
        help="fail (importing nothing) when a file holds anything the project cannot, instead "
        "of importing the rest and reporting what was skipped",
    )
    imp.add_argument(
        "--brat-annotator-folders",
        action="store_true",
        default=None,
        help="brat: read each first-level sub-folder as one annotator's copy (by default only "
        "when every sub-folder holds the same file names with the same texts; otherwise they "
        "are collections, with document ids made unique by path)",
    )

    exp = commands.add_parser("export", help="export annotations from a project")
    exp.add_argument("project", type=Path, help="project file")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    exp.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT", help="output file or folder"
    )
    whose = exp.add_mutually_exclusive_group()
    whose.add_argument(
        "--annotator",
        action="append",
        metavar="NAME",
        help="only this annotator's work (repeatable; default: everyone)",
    )
    whose.add_argument(
        "--gold",
        action="store_true",
        help="only the adjudicated gold layer (annotator 'gold'); with --only-done, only "
        "adjudicated documents",
    )
    exp.add_argument("--only-done", action="store_true", help="only documents marked done")
    exp.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte order mark (for Excel)"
    )
    exp.add_argument(
        "--raw",
        action="store_true",
        help="csv: write cells exactly; by default cells starting with = + - @ tab or CR are neutralised",
    )
    exp.add_argument(
        "--doccano-project",
        choices=("sequence-labeling", "intent", "relation", "classification"),
        help="doccano: the project type to import into, which decides the keys written: "
        "sequence-labeling reads 'label' spans (default), intent (intent detection and slot "
        "filling) reads 'entities' and 'cats', relation reads 'entities'/'relations' objects, "
        "classification reads 'label' classes (spans dropped)",
    )
    exp.add_argument(
        "--doccano-form",
        choices=("label", "entities"),
        help="doccano, older name: 'label' is --doccano-project sequence-labeling, 'entities' "
        "is --doccano-project relation",
    )
    exp.add_argument(
        "--labelstudio-users",
        choices=("omit", "email"),
        default="omit",
        help="labelstudio: 'omit' leaves completed_by out, so the file imports into any "
        "project (each annotator's work stays a separate annotation, credited to the importing "
        'user; default); \'email\' writes completed_by {"email": "NAME@annotator.invalid"}, '
        "which Label Studio maps to members with those e-mails and refuses (HTTP 400) when one "
        "is missing",
    )
    exp.add_argument(
        "--per-annotator",
        action="store_true",
        help="doccano: one file per annotator (doccano has no annotator field)",
    )

    merge = commands.add_parser(
        "merge",
        help="merge other annotators' project files into a project",
        description=(
            "Bring in the documents, annotations, document stances, done flags and scheme "
            "entries of other project files, all in one transaction. Documents are matched by "
            "the SHA-256 of their text; annotations keep their annotator; nothing here is "
            "overwritten (differing annotations with the same id are reported as conflicts); "
            "merging the same file again adds nothing."
        ),
    )
    merge.add_argument("project", type=Path, help="project file to merge into")
    merge.add_argument(
        "others", nargs="+", type=Path, metavar="OTHER", help="project files to merge from"
    )

    agreement = commands.add_parser(
        "agreement",
        help="report inter-annotator agreement",
        description=(
            "Document-stance kappa and alpha, span F1 (exact and overlap), span-stance alpha, "
            "pairwise and per document. The gold layer is left out unless named with "
            "--annotator. See README, section Agreement, for the definitions."
        ),
    )
    agreement.add_argument("project", type=Path, help="project file")
    agreement.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a table"
    )
    agreement.add_argument(
        "--annotator",
        action="append",
        metavar="NAME",
        help="compare only these annotators (repeatable; default: everyone but gold)",
    )
    agreement.add_argument(
        "--report",
        type=Path,
        metavar="OUT",
        help="also write the full report to OUT: Markdown (.md) or self-contained HTML (.html)",
    )
    claims = commands.add_parser(
        "claims",
        help="print the claim matrix: claims x articles (who makes, omits, contradicts what)",
        description=(
            "Rows are claims, columns are articles titled by outlet: ● makes the claim (with "
            "stance and value), ○ explicitly silent, – not made (article done), ? unknown; ⚠ "
            "marks numbers that disagree, ↳ a derived article. Without --annotator, every "
            "annotator with claims is printed in turn."
        ),
    )
    claims.add_argument("project", type=Path, help="project file")
    claims.add_argument(
        "--annotator", metavar="NAME", help="whose claims (use 'gold' for the adjudicated layer)"
    )
    claims.add_argument("--csv", type=Path, metavar="OUT", help="also write the matrix as CSV")
    claims.add_argument(
        "--html", type=Path, metavar="OUT", help="also write a self-contained HTML report page"
    )

    backups = commands.add_parser(
        "backups",
        help="list a project's automatic backups",
        description=(
            "List the backups of PROJECT, newest first, with the time each was taken, why, and "
            "how many documents and annotations it holds. Backups live in the folder "
            "'PROJECT.backups' beside the project (see README, section Data safety)."
        ),
    )
    backups.add_argument("project", type=Path, help="project file")

    restore = commands.add_parser(
        "restore",
        help="restore a project from one of its backups",
        description=(
            "Replace the content of PROJECT with BACKUP. The current content is backed up "
            "first (reason 'before-restore'), so a restore can itself be undone by restoring "
            "that backup."
        ),
    )
    restore.add_argument("project", type=Path, help="project file")
    restore.add_argument(
        "backup",
        metavar="BACKUP",
        help="a backup file, its name or number as listed by 'annotator backups', or 'latest'",
    )
    from annotator.app import hub_cli

    hub_cli.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `annotator [PROJECT]` starts the app: route anything that is not a command to `gui`.
    # Options other than --help and --version belong to `gui` too (`annotator --smoke-test P`).
    if not args_list or args_list[0] not in (*COMMANDS, "gui", "-h", "--help", "--version"):
        args_list.insert(0, "gui")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return _run(args)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            print("annotator: error: the disk is full; nothing was changed.", file=sys.stderr)
            return 1
        print(
            f"annotator: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except sqlite3.DatabaseError as exc:
        # The services translate SQLite's expected failures; this catches one that slipped
        # through (damage found mid-read, a disk error) so that it is still one clear line.
        from annotator.store.connection import translate_error

        typed = translate_error(exc, getattr(args, "project", None))
        if typed is exc:
            raise
        print(f"annotator: error: {typed}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command in (None, "gui"):
        from annotator.app import qt_libraries

        absent = qt_libraries.missing(qt_libraries.platform_from_environment())
        if absent:  # before Qt loads: an ImportError or an abort inside QApplication otherwise
            print(qt_libraries.message(absent), file=sys.stderr)
            return 1
        from annotator.app.gui_main import run_gui  # Qt loads only for the app itself

        return run_gui(
            getattr(args, "project", None),
            annotator=getattr(args, "annotator", None),
            smoke_test=getattr(args, "smoke_test", False),
        )
    from annotator.store.project_store import ProjectStore

    if args.command == "init":
        with ProjectStore.created(args.project) as store:
            message = f"Created {args.project}"
            if args.demo:
                from annotator.services.demo import load_demo

                report = load_demo(store)
                message += f" with {report.documents_added} demo articles"
        print(message + ".")
        return 0
    if args.command == "import":
        from annotator.services.document_import import import_files

        with ProjectStore.open(args.project) as store, _backup_before(store, "before-import"):
            report = import_files(
                store,
                args.files,
                annotator=args.annotator,
                format=args.format,
                strict=args.strict,
                brat_annotator_folders=args.brat_annotator_folders,
            )
        for line in report.skipped:
            print(f"annotator: warning: {line}", file=sys.stderr)
        print(report.summary())
        return 0
    if args.command == "export":
        from annotator.services.export import export_project

        with ProjectStore.open(args.project) as store:
            result = export_project(
                store,
                args.format,
                args.output,
                annotators=[GOLD_ANNOTATOR] if args.gold else args.annotator,
                only_done=args.only_done,
                **_format_options(args),
            )
        for warning in result.warnings:
            print(f"annotator: warning: {warning}", file=sys.stderr)
        print(f"Wrote {result.documents} documents and {result.spans} spans to {args.output}.")
        return 0
    if args.command == "merge":
        from annotator.services.merge import merge_projects

        with ProjectStore.open(args.project) as store, _backup_before(store, "before-merge"):
            merged = merge_projects(store, args.others)
        print(merged.summary())
        return 0
    if args.command == "agreement":
        return _agreement(args)
    if args.command == "claims":
        return _claims(args)
    if args.command == "backups":
        return _list_backups(args.project)
    if args.command in ("hub", "sync"):
        from annotator.app import hub_cli

        return hub_cli.run(args)
    if args.command == "restore":
        with ProjectStore.open(args.project) as store:
            chosen = _chosen_backup(args.project, args.backup)
            kept = store.restore(chosen)
            documents, spans = store.documents.count(), len(store.annotations.spans())
        print(
            f"Restored {args.project} from {chosen.name}: {documents} documents, {spans} "
            f"annotations. What it held before is in the backup {kept.name}."
        )
        return 0
    raise AssertionError(f"unhandled command {args.command}")


def _agreement(args: argparse.Namespace) -> int:
    from annotator.services import agreement_service
    from annotator.services.atomic_write import atomic_output
    from annotator.store.project_store import ProjectStore

    renderers = {".md": agreement_service.render_markdown, ".html": agreement_service.render_html}
    if args.report is not None and args.report.suffix.lower() not in renderers:
        raise InputError("the report must end in .md (Markdown) or .html", path=str(args.report))
    with ProjectStore.open(args.project) as store:
        report = agreement_service.project_agreement(store, args.annotator)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, allow_nan=False, indent=2))
    else:
        print(agreement_service.render_text(report), end="")
    if args.report is not None:
        with atomic_output(args.report) as out:
            out.write(renderers[args.report.suffix.lower()](report))
        # With --json, stdout holds exactly one JSON object.
        print(
            f"Wrote the agreement report to {args.report}.",
            file=sys.stderr if args.json else sys.stdout,
        )
    return 0


def _claims(args: argparse.Namespace) -> int:
    from annotator.services.claim_matrix import build_matrix
    from annotator.services.claim_matrix_report import render_text, write_csv, write_html
    from annotator.store.project_store import ProjectStore

    with ProjectStore.open(args.project) as store:
        owners = sorted({c.annotator for c in store.claims.claims()})
        names = [args.annotator] if args.annotator else owners
        if not names:
            print("No claims in this project yet.")
            return 0
        if (args.csv or args.html) and len(names) > 1:
            raise InputError(
                f"several annotators have claims ({', '.join(names)}): choose one with --annotator"
            )
        matrices = [build_matrix(store, name) for name in names]
    print("\n".join(render_text(m) for m in matrices), end="")
    for out, writer in ((args.csv, write_csv), (args.html, write_html)):
        if out is not None:
            writer(matrices[0], out)
            print(f"Wrote the claim matrix to {out}.")
    return 0


@contextmanager
def _backup_before(store: ProjectStore, reason: str) -> Iterator[None]:
    """A backup before a bulk change from the command line (which has no undo).

    A backup that cannot be written is a warning, not a reason to refuse the work. A
    damaged project is refused before any backup (a backup of it would rotate a good one
    away), and when the work then fails, the backup taken for it is removed again (#14).
    """
    from annotator.store import backups

    if store.read_only:
        yield
        return
    store.verify()
    folder_existed = backups.backup_folder(store.path).exists()
    taken: Path | None = None
    try:
        taken = store.take_backup(reason)
    except AnnotatorError as exc:
        print(f"annotator: warning: no backup was taken: {exc}", file=sys.stderr)
    try:
        yield
    except AnnotatorError:
        # The work failed and (all or nothing) changed nothing: the backup taken for it
        # adds nothing, and one of damage found only now must not stay among the good.
        if taken is not None:
            with suppress(OSError):
                taken.unlink()
            if not folder_existed:
                with suppress(OSError):
                    taken.parent.rmdir()
        raise


def _list_backups(project: Path) -> int:
    from annotator.store import backups

    if not project.exists():
        raise AnnotatorError(f"No project at {project}.")
    found = backups.list_backups(project)
    if not found:
        print(f"No backups of {project} yet (they go to {backups.backup_folder(project)}).")
        return 0
    print(f"{'#':>3}  {'taken (local time)':<19}  {'documents':>9}  {'annotations':>11}  reason")
    for number, backup in enumerate(found, start=1):
        try:
            summary = backups.summarize(backup.path)
            counts = f"{summary.documents:>9}  {summary.spans:>11}"
        except AnnotatorError:
            counts = f"{'?':>9}  {'unreadable':>11}"
        taken = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{number:>3}  {taken:<19}  {counts}  {backup.reason}")
    print(f"in {backups.backup_folder(project)}")
    return 0


def _chosen_backup(project: Path, choice: str) -> Path:
    """BACKUP as given to `restore`: 'latest', a number or name from the list, or a path."""
    from annotator.store import backups

    found = backups.list_backups(project)
    if choice == "latest":
        if not found:
            raise AnnotatorError(f"{project} has no backups.")
        return found[0].path
    if choice.isdigit() and not Path(choice).exists():
        number = int(choice)
        if not 1 <= number <= len(found):
            raise AnnotatorError(
                f"{project} has {len(found)} backups; there is no number {number}."
            )
        return found[number - 1].path
    for backup in found:
        if backup.path.name == choice:
            return backup.path
    path = Path(choice)
    if not path.is_file():
        raise AnnotatorError(
            f"No backup {choice!r}: give a file, or a name or number from 'annotator backups'."
        )
    return path


def _format_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options that mean something to the chosen export format."""
    if args.format == "csv":
        return {"bom": args.bom, "raw": args.raw}
    if args.format == "labelstudio":
        return {"users": args.labelstudio_users}
    if args.format == "doccano":
        return {
            "project": args.doccano_project,
            "form": args.doccano_form,
            "per_annotator": args.per_annotator,
        }
    return {}
