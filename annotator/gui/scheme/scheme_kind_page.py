# Over 400 lines: one page's list and its add/rename/recolour/rebind/reorder/delete controls,
# each a few lines pushing one command.
"""One tab of the scheme editor: the list of labels, stance values or targets, and its controls.

Every change is one command on `session.undo_stack`; the list refreshes from
`session.scheme_changed`. Names are checked before a command is pushed, for a message
that speaks of the dialog's terms; what the store still refuses comes back as the
command's `failure`.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.default_scheme import LABEL_PALETTE
from annotator.core.errors import SchemeError
from annotator.core.model import SchemeItem, SchemeKind
from annotator.gui.commands import (
    AddSchemeItemCommand,
    DeleteSchemeItemCommand,
    MoveSchemeItemCommand,
    SetSettingCommand,
    UpdateSchemeItemCommand,
)
from annotator.gui.scheme import scheme_questions
from annotator.gui.scheme.scheme_item_delegate import SchemeItemDelegate, swatch
from annotator.gui.scheme.scheme_keys import WindowKeys, declared_window_keys, key_refusal
from annotator.gui.scheme.scheme_list_model import KeyProblemRole, SchemeListModel, kind_noun
from annotator.gui.session import ProjectSession

KIND_TITLES = {
    SchemeKind.LABEL: "Labels",
    SchemeKind.STANCE: "Stance values",
    SchemeKind.TARGET: "Targets",
}
_HINTS = {
    SchemeKind.LABEL: "Labels mark passages. Press a label's shortcut in the document to apply it.",
    SchemeKind.STANCE: "Stance values say how a claim or document relates to a target.",
    SchemeKind.TARGET: "Targets are what a stance is about.",
}
_NEUTRAL_COLOR = "#757575"
_SHORTCUT_HINT = "Click and press a key; the clear button removes it."


class SchemeKindPage(QWidget):
    """The list of one kind with its buttons, shortcut field and (targets) default target."""

    def __init__(
        self,
        session: ProjectSession,
        kind: SchemeKind,
        parent: QWidget | None = None,
        window_keys: WindowKeys = declared_window_keys,
    ):
        super().__init__(parent)
        self._session = session
        self._window_keys = window_keys  # the main window's own keys, which a label cannot take
        self._kind = kind
        self._current_name = ""
        noun = kind_noun(kind)

        self.model = SchemeListModel(session, kind, self, window_keys)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SchemeItemDelegate(self.view))
        self.view.setIconSize(QSize(14, 14))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setAccessibleName(KIND_TITLES[kind])

        self.add_button = QPushButton(f"Add {noun}…", self)
        self.rename_button = QPushButton("Rename", self)
        self.color_button = QPushButton("Colour…", self)
        self.up_button = QPushButton("Move up", self)
        self.down_button = QPushButton("Move down", self)
        self.delete_button = QPushButton("Delete…", self)
        for button in self._buttons():
            # Enter in the list or the shortcut field must not press "Add".
            button.setAutoDefault(False)
            # The same column width on every tab, so switching tabs does not shift the list.
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("Add stance value…") + 36)
        self.rename_button.setToolTip("Rename (or double-click the name). Annotations follow.")
        self.delete_button.setToolTip(f"Delete the {noun}. You can undo this.")

        self.shortcut_edit = QKeySequenceEdit(self)
        self.shortcut_edit.setMaximumSequenceLength(1)
        self.shortcut_edit.setClearButtonEnabled(True)
        self.shortcut_edit.setToolTip("Click, then press the key or combination to use.")
        self.shortcut_edit.setMaximumWidth(220)
        self.shortcut_hint = QLabel(_SHORTCUT_HINT, self)
        self.shortcut_hint.setWordWrap(True)
        # Room for two lines from the start: why a key does nothing must not be clipped.
        self.shortcut_hint.setMinimumHeight(self.shortcut_hint.fontMetrics().lineSpacing() * 2 + 2)
        self.shortcut_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.default_target_combo: QComboBox | None = None
        if kind is SchemeKind.TARGET:
            self.default_target_combo = QComboBox(self)
            self.default_target_combo.setToolTip("The target new stances are about.")
            self.default_target_combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.default_target_combo.setMinimumContentsLength(20)

        self._build_layout()
        self._connect_signals()
        self._refresh_default_target()
        if self.model.rowCount():
            self.select_item(self.model.item(0).name)
        self._update_controls()

    @property
    def kind(self) -> SchemeKind:
        return self._kind

    def current_name(self) -> str:
        index = self.view.currentIndex()
        return self.model.item(index.row()).name if index.isValid() else ""

    def select_item(self, name: str) -> None:
        row = self.model.row_of(name)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.add_button,
            self.rename_button,
            self.color_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        )

    # -- layout and wiring -------------------------------------------------------------
    def _build_layout(self) -> None:
        hint = QLabel(_HINTS[self._kind], self)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # an explanation, not a control

        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.color_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addLayout(buttons)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        shortcut_row = QHBoxLayout()
        shortcut_row.addWidget(self.shortcut_edit)
        shortcut_row.addWidget(self.shortcut_hint, 1)
        form.addRow("Shortcut:", shortcut_row)
        if self.default_target_combo is not None:
            form.addRow("Default target:", self.default_target_combo)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row, 1)
        layout.addLayout(form)

    def _connect_signals(self) -> None:
        # buttons
        self.add_button.clicked.connect(self._on_add_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.color_button.clicked.connect(self._on_color_clicked)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        # list
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.rename_requested.connect(self._on_rename_requested)
        self.model.move_requested.connect(self._on_move_requested)
        # shortcut field: a recorded key ends editing; the clear button only changes it
        self.shortcut_edit.editingFinished.connect(self._on_shortcut_edited)
        self.shortcut_edit.keySequenceChanged.connect(self._on_shortcut_changed)
        # default target
        if self.default_target_combo is not None:
            self.default_target_combo.activated.connect(self._on_default_target_activated)
            self._session.settings_changed.connect(self._on_settings_changed)

    # -- changes -----------------------------------------------------------------------
    def add_item(self, name: str) -> bool:
        """Add an entry with a fresh colour (and, for labels, the next free digit key)."""
        name = name.strip()
        try:
            self._check_name(name)
        except SchemeError as error:
            scheme_questions.show_error(self, str(error))
            return False
        item = SchemeItem(self._kind, name, self._next_color(), self._next_shortcut())
        if not self._push(AddSchemeItemCommand(self._session, item)):
            return False
        self._current_name = name
        self.select_item(name)
        return True

    def rename_item(self, old: str, new: str) -> bool:
        new = new.strip()
        if new == old:
            return False
        try:
            self._check_name(new)
        except SchemeError as error:
            scheme_questions.show_error(self, str(error))
            return False
        self._current_name = new
        ok = self._push(UpdateSchemeItemCommand(self._session, self._kind, old, name=new))
        self.select_item(new if ok else old)
        return ok

    def set_color(self, name: str, color: str) -> bool:
        if QColor(color).name() == QColor(self._item(name).color).name():
            return False
        return self._push(
            UpdateSchemeItemCommand(self._session, self._kind, name, color=QColor(color).name())
        )

    def set_shortcut(self, name: str, shortcut: str) -> bool:
        """Bind `shortcut` (portable text, "" for none); asks first if another entry has it."""
        if shortcut == self._item(name).shortcut:
            return False
        others = [i for i in self._all_items() if not (i.kind is self._kind and i.name == name)]
        reason = key_refusal(self._kind, shortcut, self._window_keys(), others)
        if reason is not None:
            scheme_questions.show_error(self, reason)
            self._show_shortcut()
            return False
        holder = self._shortcut_holder(shortcut, name)
        if holder is None:
            return self._push(
                UpdateSchemeItemCommand(self._session, self._kind, name, shortcut=shortcut)
            )
        if not scheme_questions.confirm_shortcut_clash(self, shortcut, holder, name):
            self._show_shortcut()
            return False
        stack = self._session.undo_stack
        stack.beginMacro(f"Move shortcut {shortcut} to {name}")
        try:
            self._push(
                UpdateSchemeItemCommand(self._session, holder.kind, holder.name, shortcut="")
            )
            self._push(UpdateSchemeItemCommand(self._session, self._kind, name, shortcut=shortcut))
        finally:
            stack.endMacro()
        return True

    def move_item(self, name: str, position: int) -> bool:
        if not 0 <= position < self.model.rowCount() or position == self.model.row_of(name):
            return False
        self._current_name = name
        return self._push(MoveSchemeItemCommand(self._session, self._kind, name, position))

    def delete_item(self, name: str) -> bool:
        """Delete `name`, asking first when annotations use it."""
        usage = self._session.store.scheme.usage(self._kind, name)
        if usage > 0 and not scheme_questions.confirm_delete(self, self._kind, name, usage):
            return False
        row = self.model.row_of(name)
        if not self._push(DeleteSchemeItemCommand(self._session, self._kind, name)):
            return False
        if self.model.rowCount():
            self.select_item(self.model.item(min(row, self.model.rowCount() - 1)).name)
        return True

    # -- slots -------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        noun = kind_noun(self._kind)
        name = scheme_questions.ask_name(self, f"Add {noun}", f"Name of the new {noun}:")
        if name is not None:
            self.add_item(name)

    def _on_rename_clicked(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setFocus()
            self.view.edit(index)

    def _on_rename_requested(self, old: str, new: str) -> None:
        self.rename_item(old, new)

    def _on_color_clicked(self) -> None:
        name = self.current_name()
        if name:
            color = scheme_questions.choose_color(self, self._item(name).color)
            if color is not None:
                self.set_color(name, color)

    def _on_up_clicked(self) -> None:
        name = self.current_name()
        if name:
            self.move_item(name, self.model.row_of(name) - 1)

    def _on_down_clicked(self) -> None:
        name = self.current_name()
        if name:
            self.move_item(name, self.model.row_of(name) + 1)

    def _on_move_requested(self, name: str, position: int) -> None:
        self.move_item(name, position)

    def _on_delete_clicked(self) -> None:
        name = self.current_name()
        if name:
            self.delete_item(name)

    def _on_shortcut_edited(self) -> None:
        name = self.current_name()
        if name:
            sequence = self.shortcut_edit.keySequence()
            self.set_shortcut(name, sequence.toString(QKeySequence.SequenceFormat.PortableText))

    def _on_shortcut_changed(self, sequence: QKeySequence) -> None:
        if sequence.isEmpty():
            self._on_shortcut_edited()

    def _on_current_changed(self, *_: object) -> None:
        self._current_name = self.current_name()
        self._show_shortcut()
        self._update_controls()

    def _on_model_reset(self) -> None:
        # Keep the same entry selected so "Move up" can be pressed again and again.
        if self.model.row_of(self._current_name) < 0 and self.model.rowCount():
            self._current_name = self.model.item(0).name
        self.select_item(self._current_name)
        self._show_shortcut()
        self._refresh_default_target()
        self._update_controls()

    def _on_default_target_activated(self, row: int) -> None:
        assert self.default_target_combo is not None
        name = self.default_target_combo.itemText(row)
        if name and name != self._session.default_target():
            self._push(
                SetSettingCommand(
                    self._session, "default_target", name, text=f"Default target: {name}"
                )
            )

    def _on_settings_changed(self, key: str) -> None:
        if key == "default_target":
            self._refresh_default_target()

    # -- internals ---------------------------------------------------------------------
    def _push(self, command: QUndoCommand) -> bool:
        """Push; False (and the store's message shown) when the change was refused."""
        self._session.undo_stack.push(command)
        # StoreCommand keeps an expected failure here and drops itself from the stack.
        failure = getattr(command, "failure", None)
        if failure is not None:
            scheme_questions.show_error(self, str(failure))
            return False
        return True

    def _item(self, name: str) -> SchemeItem:
        return self.model.item(self.model.row_of(name))

    def _check_name(self, name: str) -> None:
        """The store's rules, checked before a command is pushed (see module docstring)."""
        if not name:
            raise SchemeError("A name cannot be empty.")
        if any(item.name == name for item in self._session.scheme.items(self._kind)):
            raise SchemeError(f"There is already a {kind_noun(self._kind)} named “{name}”.")

    def _next_color(self) -> str:
        if self._kind is SchemeKind.LABEL:
            return self._session.store.scheme.next_color()
        used = {item.color for item in self.model.items()}
        return next((c for c in LABEL_PALETTE if c not in used), _NEUTRAL_COLOR)

    def _next_shortcut(self) -> str:
        if self._kind is not SchemeKind.LABEL:
            return ""
        taken = {item.shortcut for item in self._all_items()} | set(self._window_keys())
        return next((str(d) for d in range(1, 10) if str(d) not in taken), "")

    def _shortcut_holder(self, shortcut: str, name: str) -> SchemeItem | None:
        if not shortcut:
            return None
        wanted = QKeySequence.fromString(shortcut, QKeySequence.SequenceFormat.PortableText)
        for item in self._all_items():
            if item.kind is self._kind and item.name == name:
                continue
            other = QKeySequence.fromString(item.shortcut, QKeySequence.SequenceFormat.PortableText)
            if item.shortcut and other == wanted:
                return item
        return None

    def _all_items(self) -> list[SchemeItem]:
        scheme = self._session.scheme
        return [*scheme.labels, *scheme.stances, *scheme.targets]

    def _show_shortcut(self) -> None:
        name = self.current_name()
        shortcut = self._item(name).shortcut if name else ""
        self.shortcut_edit.blockSignals(True)
        self.shortcut_edit.setKeySequence(
            QKeySequence.fromString(shortcut, QKeySequence.SequenceFormat.PortableText)
        )
        self.shortcut_edit.blockSignals(False)
        index = self.view.currentIndex()
        problem = index.data(KeyProblemRole) if index.isValid() else None
        self.shortcut_hint.setText(problem or _SHORTCUT_HINT)
        self.shortcut_hint.setForegroundRole(
            QPalette.ColorRole.Text if problem else QPalette.ColorRole.PlaceholderText
        )

    def _refresh_default_target(self) -> None:
        combo = self.default_target_combo
        if combo is None:
            return
        combo.blockSignals(True)
        combo.clear()
        for item in self.model.items():
            combo.addItem(swatch(QColor(item.color), QSize(12, 12)), item.name)
        combo.setCurrentIndex(combo.findText(self._session.default_target()))
        combo.blockSignals(False)
        combo.setEnabled(not self._session.read_only and combo.count() > 1)

    def _update_controls(self) -> None:
        writable = not self._session.read_only
        row = self.view.currentIndex().row()
        has = self.view.currentIndex().isValid()
        self.add_button.setEnabled(writable)
        for button in (self.rename_button, self.color_button, self.delete_button):
            button.setEnabled(writable and has)
        self.shortcut_edit.setEnabled(writable and has)
        self.up_button.setEnabled(writable and has and row > 0)
        self.down_button.setEnabled(writable and has and row < self.model.rowCount() - 1)
