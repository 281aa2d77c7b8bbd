"""The `annotator` command: start the app, or init / import / export a project.

This is a contract: tests and users' scripts rely on the commands and options below.
Errors go to stderr with exit status 1 (2 for bad usage); nothing is half-done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError

COMMANDS = ("init", "import", "export")
EXPORT_FORMATS = ("jsonl",)


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
    gui.add_argument("--annotator", metavar="NAME", help="annotate as NAME (otherwise asked once and remembered)")

    init = commands.add_parser("init", help="create a project file")
    init.add_argument("project", type=Path, help="path of the new project file (e.g. study.annotator)")
    init.add_argument("--demo", action="store_true", help="load the seed articles (the demo corpus)")

    imp = commands.add_parser(
        "import",
        help="import documents (and their annotations) into a project",
        description=(
            "Import plain text (.txt), Markdown (.md), HTML (.html) and native JSONL (.jsonl) files, "
            "all or nothing: if any file is bad, nothing is imported. Documents are matched by the "
            "SHA-256 of their text, so importing another annotator's file adds their annotations to "
            "the documents already here."
        ),
    )
    imp.add_argument("project", type=Path, help="project file")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to import")
    imp.add_argument("--annotator", metavar="NAME", help="annotator for annotations that name none")
    imp.add_argument("--format", metavar="FMT", help="force the input format instead of detecting it")

    exp = commands.add_parser("export", help="export annotations from a project")
    exp.add_argument("project", type=Path, help="project file")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="output format")
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="output file or folder")
    exp.add_argument(
        "--annotator", action="append", metavar="NAME", help="only this annotator's work (repeatable; default: everyone)"
    )
    exp.add_argument("--only-done", action="store_true", help="only documents marked done")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `annotator [PROJECT]` starts the app: route anything that is not a command to `gui`.
    if not args_list or (args_list[0] not in (*COMMANDS, "gui") and not args_list[0].startswith("-")):
        args_list.insert(0, "gui")
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return _run(args)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"annotator: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command in (None, "gui"):
        from annotator.app.gui_main import run_gui  # Qt loads only for the app itself

        return run_gui(getattr(args, "project", None), annotator=getattr(args, "annotator", None))
    from annotator.store.project_store import ProjectStore

    if args.command == "init":
        with ProjectStore.create(args.project) as store:
            message = f"Created {args.project}"
            if args.demo:
                from annotator.services.demo import load_demo

                report = load_demo(store)
                message += f" with {report.documents_added} demo articles"
        print(message + ".")
        return 0
    if args.command == "import":
        from annotator.services.document_import import import_files

        with ProjectStore.open(args.project) as store:
            report = import_files(store, args.files, annotator=args.annotator, format=args.format)
        print(report.summary())
        return 0
    if args.command == "export":
        from annotator.services.export import export_project

        with ProjectStore.open(args.project) as store:
            result = export_project(store, args.format, args.output, annotators=args.annotator, only_done=args.only_done)
        for warning in result.warnings:
            print(f"annotator: warning: {warning}", file=sys.stderr)
        print(f"Wrote {result.documents} documents and {result.spans} spans to {args.output}.")
        return 0
    raise AssertionError(f"unhandled command {args.command}")
