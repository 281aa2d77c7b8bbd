"""Help → User Guide: the shipped guide, with its table of contents and a search box.

The guide goes through the same safe browser as notes (nothing loaded, web links confirmed);
its keyboard section is generated from the window's menus, so it shows the keys in effect.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QSplitter,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.shell.safe_text_browser import READING_STYLE, SafeTextBrowser
from annotator.gui.shell.window_actions import ACTIONS, REDO, REVIEW_ACTIONS, UNDO
from annotator.services.user_guide import UserGuide, render_guide, shortcuts_markdown

ANCHOR_ROLE = Qt.ItemDataRole.UserRole
# Found text: a warm tint that reads on light and dark pages alike, the current one stronger.
_MATCH = QColor(255, 213, 79, 150)
_CURRENT_MATCH = QColor(255, 152, 0, 200)
# A guide reads as a document, not a side panel: larger headings, ruled tables.
_GUIDE_STYLE = """
h1 { font-size: x-large; margin-top: 4px; margin-bottom: 10px; }
h2 { font-size: large; margin-top: 22px; margin-bottom: 6px; }
h3 { font-size: medium; font-style: normal; margin-top: 14px; margin-bottom: 4px; }
table { margin-top: 6px; margin-bottom: 10px; border-collapse: collapse; }
th { padding: 4px 10px 4px 4px; text-align: left; border-bottom: 1px solid palette(mid); }
td { padding: 3px 10px 3px 4px; border-bottom: 1px solid palette(midlight); }
"""
# The declared text of actions whose menu text changes (Undo names the next command).
_DECLARED_TEXT = {spec.id: spec.text for spec in (*ACTIONS, UNDO, REDO)}


def menu_shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a shortcut in `menu_bar`'s menus, as
    bound now (a customised key shows as customised), then the review window's keys."""
    rows: list[tuple[str, str, str]] = []
    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            _collect(menu, _plain(top.text()), rows)
    for spec in REVIEW_ACTIONS:
        keys = _keys(spec.key_sequences())
        if keys:
            rows.append(("Review window", spec.text.strip("◂▸ "), keys))
    return rows


def _collect(menu: QMenu, where: str, rows: list[tuple[str, str, str]]) -> None:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            _collect(submenu, f"{where} → {_plain(action.text())}", rows)
        elif not action.isSeparator() and _keys(action.shortcuts()):
            text = _DECLARED_TEXT.get(action.objectName(), action.text())
            rows.append((where, _plain(text), _keys(action.shortcuts())))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _keys(sequences: list[QKeySequence]) -> str:
    """The sequences as the keyboard shows them, without the platform's extra bindings to
    dedicated keys ("Open", "Help", "Undo" keys of multimedia keyboards)."""
    native = QKeySequence.SequenceFormat.NativeText
    typed = [s for s in sequences if not s.isEmpty() and _on_a_keyboard(s)]
    return ", ".join(s.toString(native) for s in typed)


def _on_a_keyboard(sequence: QKeySequence) -> bool:
    # Letters, digits, punctuation, editing and F-keys sit below Key_F35; "New", "Open",
    # "Help" and the other dedicated keys come after it.
    keys = (sequence[i] for i in range(sequence.count()))  # type: ignore[index]
    return all(key.key().value <= Qt.Key.Key_F35.value for key in keys)


class HelpWindow(QWidget):
    """Contents on the left, the guide on the right, search above; one per main window."""

    def __init__(self, shortcut_rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("HelpWindow")
        self.setWindowTitle("Annotator User Guide")
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.setObjectName("helpContents")
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.document().setDefaultStyleSheet(READING_STYLE + _GUIDE_STYLE)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search the guide")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Ctrl+F: search · Enter or F3: next match · Shift+Enter or Shift+F3: previous · Esc: clear"
        )
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.match_label = QLabel("", self)
        self.match_label.setMinimumWidth(90)
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._build_layout()
        self._connect_signals()
        self.guide = self._load(shortcut_rows)
        self.resize(980, 720)

    # -- public ------------------------------------------------------------------------------
    @classmethod
    def open_for(cls, parent: QWidget, shortcut_rows: list[tuple[str, str, str]]) -> HelpWindow:
        """Show the parent's help window (made on first use), raised, at the top."""
        window = parent.findChild(HelpWindow, "HelpWindow")
        if window is None:
            window = cls(shortcut_rows, parent)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
        for item in self._items():
            if item.data(0, ANCHOR_ROLE) == anchor:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)

    def find_text(self, text: str) -> int:
        """Highlight every match of `text` and go to the first; returns how many there are."""
        self.search.setText(text)
        return len(self._matches)

    def current_match_text(self) -> str:
        if not 0 <= self._current < len(self._matches):
            return ""
        return self._matches[self._current].selectedText()

    def next_match(self, backwards: bool = False) -> None:
        if not self._matches:
            return
        step = -1 if backwards else 1
        self._current = (self._current + step) % len(self._matches)
        self._show_matches()

    def event(self, event: QEvent) -> bool:
        # The main window binds F3 and Esc-free Find keys too; in the guide they are the
        # guide's, whichever window Qt thinks is active.
        if event.type() == QEvent.Type.ShortcutOverride and self._is_own_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _is_own_key(event: QKeyEvent) -> bool:
        standard = QKeySequence.StandardKey
        return event.key() == Qt.Key.Key_Escape or any(
            event.matches(key) for key in (standard.Find, standard.FindNext, standard.FindPrevious)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """As in a browser: Ctrl+F to the search box, F3 / Shift+F3 through the matches,
        Esc clears the search, and closes the guide when there is none."""
        standard = QKeySequence.StandardKey
        if event.matches(standard.Find):
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()
        elif event.matches(standard.FindNext):
            self.next_match()
        elif event.matches(standard.FindPrevious):
            self.next_match(backwards=True)
        elif event.key() == Qt.Key.Key_Escape:
            if self.search.text():
                self.search.clear()
            else:
                self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- building ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.previous_button)
        search_row.addWidget(self.next_button)
        search_row.addWidget(self.match_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)

    def _connect_signals(self) -> None:
        self.contents.currentItemChanged.connect(self._on_contents_item_changed)
        self.contents.itemClicked.connect(lambda item, _c: self._on_contents_item_changed(item))
        self.search.textChanged.connect(self._on_search_changed)
        self.search.returnPressed.connect(self._on_search_return)
        self.next_button.clicked.connect(lambda: self.next_match())
        self.previous_button.clicked.connect(lambda: self.next_match(backwards=True))

    def _load(self, shortcut_rows: list[tuple[str, str, str]]) -> UserGuide | None:
        try:
            guide = render_guide(shortcuts=shortcuts_markdown(shortcut_rows))
        except AnnotatorError as error:
            self.browser.setPlainText(str(error))
            return None
        self.browser.set_safe_html(guide.html)
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for section in guide.sections:
            if section.level == 1:
                continue  # the title: the window says it
            while parents and parents[-1][0] >= section.level:
                parents.pop()
            if parents:
                item = QTreeWidgetItem(parents[-1][1], [section.title])
            else:
                item = QTreeWidgetItem(self.contents, [section.title])
            item.setData(0, ANCHOR_ROLE, section.anchor)
            item.setToolTip(0, section.title)
            parents.append((section.level, item))
        self.contents.expandAll()
        return guide

    def _items(self) -> list[QTreeWidgetItem]:
        """Every contents entry, in reading order."""
        found: list[QTreeWidgetItem] = []
        iterator = QTreeWidgetItemIterator(self.contents)
        while iterator.value() is not None:
            found.append(iterator.value())
            iterator += 1
        return found

    # -- slots -------------------------------------------------------------------------------
    def _on_contents_item_changed(self, item: QTreeWidgetItem | None, *_previous: object) -> None:
        if item is not None:
            self.browser.scrollToAnchor(str(item.data(0, ANCHOR_ROLE)))

    def _on_search_changed(self, text: str) -> None:
        self._matches = []
        self._current = -1
        document = self.browser.document()
        needle = text.strip()
        if needle:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(needle, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
            self._current = 0 if self._matches else -1
        self._show_matches()

    def _on_search_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.next_match(backwards=bool(shift))

    def _show_matches(self) -> None:
        selections = []
        for index, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(_CURRENT_MATCH if index == self._current else _MATCH)
            selection.format = fmt
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        if self._matches:
            # The caret goes to the match without selecting it: the tint shows it.
            caret = QTextCursor(self._matches[self._current])
            caret.setPosition(caret.selectionStart())
            self.browser.setTextCursor(caret)
            self.browser.ensureCursorVisible()
            self.match_label.setText(f"{self._current + 1} of {len(self._matches)}")
        elif self.search.text().strip():
            self.match_label.setText("No matches")
        else:
            self.match_label.setText("")
