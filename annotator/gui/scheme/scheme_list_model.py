"""One vocabulary of the scheme (labels, stance values or targets) as a Qt list model.

The model only reads: an inline rename or a drag asks for the change through a
signal, and the editor turns it into an undoable command. It resets on
`session.scheme_changed`, so what it shows is always what is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from annotator.core.errors import NotFoundError
from annotator.core.model import SchemeItem, SchemeKind
from annotator.gui.scheme.scheme_keys import WindowKeys, declared_window_keys, key_refusal
from annotator.gui.session import ProjectSession
from annotator.gui.shell.plain_text import isolated

MIME_TYPE = "application/x-annotator-scheme-item"

ShortcutRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2
# Why the entry's key does nothing in the main window (another action has it), or None.
KeyProblemRole = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex

_NOUN = {SchemeKind.LABEL: "label", SchemeKind.STANCE: "stance value", SchemeKind.TARGET: "target"}


def kind_noun(kind: SchemeKind) -> str:
    """What the user calls an entry of this kind ("label", "stance value", "target")."""
    return _NOUN[kind]


class SchemeListModel(QAbstractListModel):
    """The entries of one kind, in display order: name, colour swatch, shortcut, usage."""

    rename_requested = Signal(str, str)  # old name, new name
    move_requested = Signal(str, int)  # name, new position (after removal, like the store)

    def __init__(
        self,
        session: ProjectSession,
        kind: SchemeKind,
        parent: QObject | None = None,
        window_keys: WindowKeys = declared_window_keys,
    ):
        super().__init__(parent)
        self._session = session
        self._kind = kind
        self._window_keys = window_keys
        self._items: tuple[SchemeItem, ...] = session.scheme.items(kind)
        self._key_problems = self._find_key_problems()
        self._session.scheme_changed.connect(self._on_scheme_changed)
        self._session.external_change_detected.connect(self._on_scheme_changed)

    @property
    def kind(self) -> SchemeKind:
        return self._kind

    def items(self) -> tuple[SchemeItem, ...]:
        return self._items

    def item(self, row: int) -> SchemeItem:
        return self._items[row]

    def row_of(self, name: str) -> int:
        """The row showing `name`, or -1."""
        for row, item in enumerate(self._items):
            if item.name == name:
                return row
        return -1

    def usage(self, row: int) -> int:
        """Annotations using the entry in `row`; read on demand since spans change often."""
        try:
            return self._session.store.scheme.usage(self._kind, self._items[row].name)
        except NotFoundError:  # changed by another window since the last reset
            return 0

    # -- Qt model interface ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, NameRole):
            return item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(item.color)
        if role == ShortcutRole:
            return item.shortcut
        if role == KeyProblemRole:
            return self._key_problems[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row())
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, never on one.
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        old = self._items[index.row()].name
        new = str(value)
        if new == old:
            return False
        # The editor validates and pushes the command; the reset that follows shows it.
        self.rename_requested.emit(old, new)
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            data.setData(MIME_TYPE, self._items[rows[0]].name.encode("utf-8"))
        return data

    def moveRows(
        self,
        source_parent: ModelIndex,
        source_row: int,
        count: int,
        destination_parent: ModelIndex,
        destination_child: int,
    ) -> bool:
        # QListView's internal drag-and-drop moves rows through here.
        if (
            source_parent.isValid()
            or destination_parent.isValid()
            or count != 1
            or not 0 <= source_row < len(self._items)
        ):
            return False
        # Qt counts the destination before the row is taken out; the store counts after.
        position = destination_child - 1 if destination_child > source_row else destination_child
        position = max(0, min(position, len(self._items) - 1))
        if position == source_row:
            return False
        self.move_requested.emit(self._items[source_row].name, position)
        return True

    # -- internals -------------------------------------------------------------------
    def _tooltip(self, row: int) -> str:
        item = self._items[row]
        usage = self.usage(row)
        used = {0: "Not used yet", 1: "Used by 1 annotation"}.get(
            usage, f"Used by {usage} annotations"
        )
        lines = [f"<b>{_escape(isolated(item.name))}</b>"]
        if item.description:
            lines.append(_escape(item.description))
        lines.append(f"Shortcut: {_escape(item.shortcut)}" if item.shortcut else "No shortcut")
        if self._key_problems[row]:
            lines.append(_escape(self._key_problems[row] or ""))
        lines.append(used)
        return "<br>".join(lines)

    def _on_scheme_changed(self) -> None:
        self.beginResetModel()
        self._items = self._session.scheme.items(self._kind)
        self._key_problems = self._find_key_problems()
        self.endResetModel()

    def _find_key_problems(self) -> list[str | None]:
        """Per row, why its key does nothing: a key kept from before the analyst gave it to
        a window action (Add Column on 3) is shown, but only the window's action runs (#13).
        Worked out per reset, not per paint: the window's keys are read once."""
        if not any(item.shortcut for item in self._items):
            return [None] * len(self._items)
        keys = self._window_keys()
        problems: list[str | None] = []
        for item in self._items:
            reason = key_refusal(self._kind, item.shortcut, keys, ())
            problems.append(None if reason is None else f"This key does nothing here: {reason}")
        return problems


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
