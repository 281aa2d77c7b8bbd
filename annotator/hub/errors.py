"""The hub's expected failures, as one clear line for the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from annotator.core.errors import AnnotatorError


class HubError(AnnotatorError):
    """The hub cannot do what was asked (unreachable, refused, not a hub); nothing changed."""


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].removeprefix("ERROR:").strip() if text else type(error).__name__


@contextmanager
def translated(where: str) -> Iterator[None]:
    """PostgreSQL's errors as HubError naming `where` (the hub's address, never a password)."""
    try:
        yield
    except HubError:
        raise
    except psycopg.errors.InsufficientPrivilege as exc:
        raise HubError(f"the hub at {where} refused: {first_line(exc)}") from None
    except psycopg.OperationalError as exc:
        raise HubError(f"cannot reach the hub at {where}: {first_line(exc)}") from None
    except psycopg.Error as exc:
        raise HubError(f"the hub at {where} refused: {first_line(exc)}") from None
