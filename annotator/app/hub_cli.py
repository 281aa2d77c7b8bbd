"""The team-hub commands of `annotator`: `hub init|grant|blind|status` and `sync` (#12).

A contract like the rest of the command line. Addresses are libpq URLs naming the person
(postgresql://alice@host/db); passwords come from ~/.pgpass or PGPASSWORD, never from here.
`hub grant` takes a new person's password from stdin or a prompt, never from an argument.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

HUB_COMMANDS = ("hub", "sync")
_URL_HELP = "the hub: postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=...] (no password)"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    hub = commands.add_parser(
        "hub",
        help="create and manage a team hub (a shared PostgreSQL database)",
        description=(
            "A team hub is one PostgreSQL database every analyst's project file syncs with "
            "(see README, section Working as a team). PostgreSQL itself enforces who may "
            "read and write what: one login role per person, row-level security."
        ),
    )
    actions = hub.add_subparsers(
        dest="hub_command",
        metavar="ACTION",
        required=True,
        help="init, grant, upgrade, blind or status",
    )
    init = actions.add_parser(
        "init",
        help="create the hub in an empty database from a project",
        description=(
            "Create the hub's schema in the database at URL (whose user may create schemas "
            "and roles, and becomes the hub's lead) and upload PROJECT's documents, scheme "
            "and guidelines. Blind mode is on for a new hub."
        ),
    )
    init.add_argument("url", metavar="URL", help=_URL_HELP)
    init.add_argument(
        "--from", dest="project", type=Path, required=True, metavar="PROJECT",
        help="the project whose documents, scheme and guidelines the hub starts with",
    )  # fmt: skip
    grant = actions.add_parser(
        "grant",
        help="give a person a role on the hub (creates their PostgreSQL login role)",
        description=(
            "Create the PostgreSQL login role NAME if it does not exist and give it ROLE on "
            "the hub. NAME is also the annotator name its annotations carry. Annotators write "
            "only their own rows and, in blind mode, read only their own annotations; "
            "reviewers read everyone's and write the gold layer; leads also manage documents, "
            "scheme, guidelines and blind mode. A new role needs a password (asked twice at "
            "a terminal, or one line on stdin with --password-stdin) unless --no-password: the "
            "server then authenticates it by certificate or peer (pg_hba.conf). The password "
            "is sent as a SCRAM-SHA-256 verifier, so it reaches neither the server's log nor "
            "any command line. For an existing role the password is changed only when asked."
        ),
    )
    grant.add_argument("url", metavar="URL", help=_URL_HELP)
    grant.add_argument("name", metavar="NAME", help="the person's login (and annotator) name")
    grant.add_argument(
        "--role", choices=("annotator", "reviewer", "lead"), required=True,
        help="what the person may read and write",
    )  # fmt: skip
    how = grant.add_mutually_exclusive_group()
    how.add_argument(
        "--password-stdin", action="store_true",
        help="read the password from the first line of stdin (for scripts)",
    )  # fmt: skip
    how.add_argument(
        "--no-password", action="store_true",
        help="set no password: the server authenticates NAME by certificate or peer",
    )  # fmt: skip
    # Taken only to be refused without echoing it (argparse would print an unknown value).
    grant.add_argument("--password", dest="password_argument", nargs="?", help=argparse.SUPPRESS)
    upgrade = actions.add_parser(
        "upgrade", help="bring a hub made by an older Annotator up to this version",
        description="Apply the hub schema steps this version adds (one transaction; the "
        "hub's data is kept). URL's user must own the hub (the one who ran hub init). Until "
        "then this version refuses to sync with it, and older versions refuse once it is done.",
    )  # fmt: skip
    upgrade.add_argument("url", metavar="URL", help=_URL_HELP)
    blind = actions.add_parser(
        "blind", help="turn blind mode on or off (a lead only)",
        description="In blind mode annotators cannot read each other's annotations on the hub.",
    )  # fmt: skip
    blind.add_argument("url", metavar="URL", help=_URL_HELP)
    blind.add_argument("state", choices=("on", "off"), help="on: annotators see only their own")
    status = actions.add_parser(
        "status", help="show the hub's people, documents and done counts",
        description="Who is on the hub with which role, and how far each is, as far as URL's "
        "user may see.",
    )  # fmt: skip
    status.add_argument("url", metavar="URL", help=_URL_HELP)

    sync = commands.add_parser(
        "sync",
        help="sync a project with its team hub",
        description=(
            "Push what this annotator changed since the last sync and pull what the others' "
            "work this person may see. URL's user is the person syncing; the URL is remembered in the project, "
            "so later syncs need no --hub. An empty project (annotator init) becomes a working "
            "copy on its first sync. Safe to interrupt: an interrupted sync is simply done "
            "again by the next one."
        ),
    )
    sync.add_argument("project", type=Path, help="project file")
    sync.add_argument("--hub", metavar="URL", help=_URL_HELP)


def run(args: argparse.Namespace) -> int:
    from annotator.hub import admin
    from annotator.hub.address import parse

    if args.command == "sync":
        from annotator.hub.sync import sync
        from annotator.store.project_store import ProjectStore

        if args.hub:
            parse(args.hub)  # before the project is opened: a bad address changes nothing
        with ProjectStore.open(args.project) as store:
            report = sync(store, args.hub)
        print(report.summary())
        return 0
    url = args.url
    parse(url)
    if args.hub_command == "init":
        print(admin.init(url, args.project).summary(url))
    elif args.hub_command == "grant":
        print(admin.grant(url, args.name, args.role, _password(args, url)))
    elif args.hub_command == "upgrade":
        steps = admin.upgrade(url)
        print(f"Upgraded the hub: {', '.join(steps)}." if steps else "The hub is up to date.")
    elif args.hub_command == "blind":
        admin.set_blind(url, args.state == "on")
        print(f"Blind mode is {args.state}.")
    else:
        print(admin.status(url).summary(url))
    return 0


def _password(args: argparse.Namespace, url: str) -> str | None:
    """The password `hub grant` sets, or None to set none; HubError when one is needed and
    cannot be had. Never from an argument: every user on the machine can read those."""
    from annotator.hub.admin import role_exists
    from annotator.hub.errors import HubError

    if args.password_argument is not None:
        raise HubError(
            "a password never goes on the command line, where other users can read it: "
            "use --password-stdin or answer the prompt"
        )
    if args.no_password:
        return None
    if args.password_stdin:
        line = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not line:
            raise HubError("--password-stdin read no password (an empty first line)")
        return line
    if role_exists(url, args.name):
        return None  # changing an existing person's role keeps their password
    if not sys.stdin.isatty():
        raise HubError(
            f"{args.name} needs a password: give it on stdin with --password-stdin, or use "
            "--no-password when the server authenticates by certificate or peer"
        )
    first = getpass.getpass(f"Password for {args.name}: ")
    if not first:
        raise HubError("no password given: nothing changed (--no-password sets none)")
    if getpass.getpass(f"Password for {args.name} again: ") != first:
        raise HubError("the two passwords differ: nothing changed")
    return first
