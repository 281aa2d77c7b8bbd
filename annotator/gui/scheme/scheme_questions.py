"""The scheme editor's questions and messages.

Module-level functions so tests can monkeypatch them; callers look them up as
`scheme_questions.<name>` at call time, so a patch here takes effect everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox, QWidget

from annotator.core.model import SchemeItem, SchemeKind
from annotator.gui.scheme.scheme_list_model import kind_noun
from annotator.gui.shell.plain_text import isolated, literal


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
    box.setTextFormat(Qt.TextFormat.PlainText)  # the name may be anything
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
        literal(
            f"{shortcut} is already the shortcut for the {kind_noun(holder.kind)} "
            f"“{isolated(holder.name)}”.\n\nMove it to “{isolated(name)}”? "
            f"“{isolated(holder.name)}” will have no shortcut."
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Cannot change the scheme", literal(message))


def delete_message(kind: SchemeKind, name: str, usage: int) -> str:
    """The confirmation text, e.g. "17 annotations use the label Claim; deleting it ..."."""
    noun = "1 annotation uses" if usage == 1 else f"{usage} annotations use"
    effect = "deletes them too" if kind is SchemeKind.LABEL else "removes it from them"
    return (
        f"{noun} the {kind_noun(kind)} {isolated(name)}; deleting it {effect}. You can undo this."
    )
