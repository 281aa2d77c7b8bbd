"""The scheme editor: add, rename, recolour, rebind, reorder and delete labels, stances, targets.

Every change is one command on `session.undo_stack`; the lists refresh from
`session.scheme_changed`, so undo from anywhere (or another window) shows here too.
Names are checked before a command is pushed, for a message that speaks of the
dialog's terms; what the store still refuses comes back as the command's `failure`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QToolButton,
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
from annotator.gui.scheme_list_model import SchemeListModel, ShortcutRole, kind_noun
from annotator.gui.session import ProjectSession

_TITLES = {
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


# -- questions and messages (module level so tests can monkeypatch them) -------------
def choose_color(parent: QWidget | None, initial: str) -> str | None:
    """Ask for a colour; `#rrggbb`, or None when cancelled."""
    color = QColorDialog.getColor(QColor(initial), parent, "Choose a colour")
    return color.name() if color.isValid() else None


def ask_name(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
    """Ask for a name; None when cancelled."""
    name, ok = QInputDialog.getText(parent, title, prompt, text=text)
    return name if ok else None


def confirm_delete(parent: QWidget | None, kind: SchemeKind, name: str, usage: int) -> bool:
    """Ask before deleting an entry that annotations use."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Delete {kind_noun(kind)}")
    box.setText(delete_message(kind, name, usage))
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete


def confirm_shortcut_clash(
    parent: QWidget | None, shortcut: str, holder: SchemeItem, name: str
) -> bool:
    """Ask whether to move a shortcut that another entry already has."""
    answer = QMessageBox.question(
        parent,
        "Shortcut in use",
        f"{shortcut} is already the shortcut for the {kind_noun(holder.kind)} "
        f"“{holder.name}”.\n\nMove it to “{name}”? “{holder.name}” will have no shortcut.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Cannot change the scheme", message)


def delete_message(kind: SchemeKind, name: str, usage: int) -> str:
    """The confirmation text, e.g. "17 annotations use the label Claim; deleting it ..."."""
    noun = "1 annotation uses" if usage == 1 else f"{usage} annotations use"
    effect = "deletes them too" if kind is SchemeKind.LABEL else "removes it from them"
    return f"{noun} the {kind_noun(kind)} {name}; deleting it {effect}. You can undo this."


# -- the list's look -----------------------------------------------------------------
class SchemeItemDelegate(QStyledItemDelegate):
    """A round colour swatch, the name, and the shortcut as a key cap on the right."""

    ROW_HEIGHT = 30

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        color = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(color, QColor):
            option.icon = _swatch(color, option.decorationSize)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        shortcut = str(index.data(ShortcutRole) or "")
        cap = self._cap_rect(opt, shortcut) if shortcut else QRect()
        if shortcut:
            # Leave room for the key cap so a long name is elided before it.
            room = cap.left() - opt.rect.left() - opt.decorationSize.width() - 24
            opt.text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if shortcut:
            self._paint_cap(painter, opt, cap, shortcut)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 60, max(size.height(), self.ROW_HEIGHT))

    @staticmethod
    def _cap_rect(option: QStyleOptionViewItem, shortcut: str) -> QRect:
        width = option.fontMetrics.horizontalAdvance(shortcut) + 14
        height = option.fontMetrics.height() + 4
        rect = option.rect
        return QRect(rect.right() - width - 8, rect.center().y() - height // 2 + 1, width, height)

    @staticmethod
    def _paint_cap(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRect, shortcut: str
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.highlightedText().color() if selected else palette.text().color()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QColor(text)
        border.setAlphaF(0.35)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 4, 4)
        muted = QColor(text)
        muted.setAlphaF(0.8)
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shortcut)
        painter.restore()


def _swatch(color: QColor, size: QSize) -> QIcon:
    side = max(10, min(size.width(), size.height()))
    pixmap = QPixmap(side * 2, side * 2)  # drawn at 2x so it stays round on HiDPI
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color.darker(125))
    painter.setBrush(color)
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    icon = QIcon(pixmap)
    # A selected row must show the true colour, not the style's tinted version.
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


# -- one tab ---------------------------------------------------------------------------
class SchemeKindPage(QWidget):
    """The list of one kind with its buttons, shortcut field and (targets) default target."""

    def __init__(self, session: ProjectSession, kind: SchemeKind, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._kind = kind
        self._current_name = ""
        noun = kind_noun(kind)

        self.model = SchemeListModel(session, kind, self)
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
        self.view.setAccessibleName(_TITLES[kind])

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
        self.shortcut_hint = QLabel("Click and press a key; the clear button removes it.", self)
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
            show_error(self, str(error))
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
            show_error(self, str(error))
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
        holder = self._shortcut_holder(shortcut, name)
        if holder is None:
            return self._push(
                UpdateSchemeItemCommand(self._session, self._kind, name, shortcut=shortcut)
            )
        if not confirm_shortcut_clash(self, shortcut, holder, name):
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
        if usage > 0 and not confirm_delete(self, self._kind, name, usage):
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
        name = ask_name(self, f"Add {noun}", f"Name of the new {noun}:")
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
            color = choose_color(self, self._item(name).color)
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
            show_error(self, str(failure))
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
        taken = {item.shortcut for item in self._all_items()}
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

    def _refresh_default_target(self) -> None:
        combo = self.default_target_combo
        if combo is None:
            return
        combo.blockSignals(True)
        combo.clear()
        for item in self.model.items():
            combo.addItem(_swatch(QColor(item.color), QSize(12, 12)), item.name)
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


# -- the dialog ----------------------------------------------------------------------
class SchemeEditorDialog(QDialog):
    """Edit the project's labels, stance values and targets. Changes apply at once."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Edit scheme")
        self.setObjectName("SchemeEditorDialog")
        self.tabs = QTabWidget(self)
        self._pages = {kind: SchemeKindPage(session, kind, self) for kind in SchemeKind}
        for kind, page in self._pages.items():
            self.tabs.addTab(page, _TITLES[kind])

        # The main window's Ctrl+Z does not reach a separate window, so bring our own.
        stack = session.undo_stack
        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action = QAction("Redo", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(stack.redo)
        self.addActions([self.undo_action, self.redo_action])
        undo_button = QToolButton(self)
        undo_button.setDefaultAction(self.undo_action)
        redo_button = QToolButton(self)
        redo_button.setDefaultAction(self.redo_action)
        self._connect_signals()
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self._on_undo_text_changed(stack.undoText())
        self._on_redo_text_changed(stack.redoText())

        read_only_note = QLabel("This project is open read-only.", self)
        read_only_note.setVisible(session.read_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        bottom = QHBoxLayout()
        bottom.addWidget(undo_button)
        bottom.addWidget(redo_button)
        bottom.addWidget(read_only_note)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(580, 440)

    def _connect_signals(self) -> None:
        # Short button texts; what would be undone goes in the tooltip, since a target
        # name can be a whole sentence. The slots take the signals' arguments and never
        # read the stack, which may be gone while this dialog still exists.
        stack = self._session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._on_undo_text_changed)
        stack.redoTextChanged.connect(self._on_redo_text_changed)

    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_action.setToolTip(f"Undo {text}" if text else "Undo")

    def _on_redo_text_changed(self, text: str) -> None:
        self.redo_action.setToolTip(f"Redo {text}" if text else "Redo")

    @classmethod
    def open_for(cls, session: ProjectSession, parent: QWidget | None = None) -> SchemeEditorDialog:
        """Show the editor without blocking; reuses the one already open for `session`."""
        if parent is not None:
            for dialog in parent.findChildren(cls):
                if isinstance(dialog, cls) and dialog._session is session:
                    dialog.show()
                    dialog.raise_()
                    dialog.activateWindow()
                    return dialog
        dialog = cls(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def page(self, kind: SchemeKind) -> SchemeKindPage:
        return self._pages[kind]

    def show_kind(self, kind: SchemeKind) -> SchemeKindPage:
        """Bring the tab of `kind` to the front."""
        self.tabs.setCurrentWidget(self._pages[kind])
        return self._pages[kind]
