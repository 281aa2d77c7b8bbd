"""The review window's Undo and Redo: the project's one undo history, reached only for the
reviewer's own decisions (#13).

The project keeps one history, so undo never replays changes out of order. But an Undo in
the review window that took back the analyst's last highlight in the main window would
change what the reviewer cannot see: while the next step to undo (or redo) was made in
the main window, the review window's button is off and its tooltip says where to undo it.
The buttons read "Undo" and "Redo": Qt's "Undo Mark document not done" looks like a
main-window command here; what they would undo is the tooltip.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.gui.review.adjudication_commands import (
    AcceptClaimCommand,
    AcceptRelationCommand,
    GoldCommand,
)
from annotator.gui.shell.window_actions import DIALOG_REDO, DIALOG_UNDO, make_action

REVIEW_COMMANDS = (GoldCommand, AcceptClaimCommand, AcceptRelationCommand)


def is_review_command(command: QUndoCommand | None) -> bool:
    """Whether the review window made `command` (a decision about gold)."""
    return isinstance(command, REVIEW_COMMANDS)


class ReviewUndo(QObject):
    """`undo_action` and `redo_action` for `owner`, over `stack`."""

    def __init__(self, stack: QUndoStack, owner: QWidget):
        super().__init__(owner)
        self._stack = stack
        self.undo_action: QAction = make_action(DIALOG_UNDO, owner)
        self.redo_action: QAction = make_action(DIALOG_REDO, owner)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action.triggered.connect(self.redo)
        stack.indexChanged.connect(self.refresh)
        stack.undoTextChanged.connect(self.refresh)  # a merged command's new text
        stack.redoTextChanged.connect(self.refresh)
        self.refresh()

    def _next_undo(self) -> QUndoCommand | None:
        index = self._stack.index()
        return self._stack.command(index - 1) if index > 0 else None

    def _next_redo(self) -> QUndoCommand | None:
        index = self._stack.index()
        return self._stack.command(index) if index < self._stack.count() else None

    def undo(self) -> None:
        if is_review_command(self._next_undo()):
            self._stack.undo()

    def redo(self) -> None:
        if is_review_command(self._next_redo()):
            self._stack.redo()

    def refresh(self, *_: object) -> None:
        if not shiboken6.isValid(self._stack):  # the stack's own clearing, as it goes
            return
        for action, command, verb in (
            (self.undo_action, self._next_undo(), "Undo"),
            (self.redo_action, self._next_redo(), "Redo"),
        ):
            mine = is_review_command(command)
            action.setEnabled(mine)
            if command is None:
                action.setToolTip(f"Nothing to {verb.lower()}")
            elif mine:
                action.setToolTip(f"{verb}: {command.text()}")
            else:
                action.setToolTip(
                    f"{verb} in the main window: “{command.text()}” was done there"
                    f" ({'Ctrl+Z' if verb == 'Undo' else 'Ctrl+Shift+Z'} in the main window)"
                )
