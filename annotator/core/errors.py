"""Expected problems, as typed errors that reach the user as a clear message.

Anything not derived from AnnotatorError is a bug and goes to the crash handler.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """An expected problem the user can act on; str() is the message to show."""


class InputError(AnnotatorError):
    """A file the user gave us is malformed. Carries the file and 1-based line when known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = ""
        if path is not None:
            where = path if line is None else f"{path}, line {line}"
            where += ": "
        super().__init__(where + message)


class ProjectError(AnnotatorError):
    """The project file cannot be used as asked (missing, corrupt, not ours)."""


class NewerProjectError(ProjectError):
    """The project was written by a newer version of Annotator."""


class ReadOnlyProjectError(ProjectError):
    """A change was attempted on a project opened read-only."""


class ProjectBusyError(ProjectError):
    """Another window or process held the project's write lock for longer than we wait."""


class StorageFullError(ProjectError):
    """The disk (or the database's page limit) is full; the change was rolled back."""


class DamagedProjectError(ProjectError):
    """The project file is damaged: SQLite found it malformed, empty or truncated.

    `detail` is what SQLite said (`PRAGMA quick_check`'s first line when it could run);
    `backup` the latest backup beside the file, if there is one.
    """

    def __init__(self, message: str, *, path: str, detail: str, backup: str | None = None):
        self.path = path
        self.detail = detail
        self.backup = backup
        super().__init__(message)


class ProtectedFileError(AnnotatorError):
    """An output (export, copy, backup, report) would replace a project file or its journal."""


class NotFoundError(AnnotatorError):
    """A document, annotation or scheme entry that was asked for does not exist."""


class SchemeError(AnnotatorError):
    """A scheme edit would break the scheme (duplicate or empty name)."""
