"""The shortcut sheet: no shortcut bound twice in a window, no action without a tip,
and no action made anywhere but annotator/gui/shell/window_actions.py."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document, Span
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.session import ProjectSession
from annotator.gui.shell import window_actions
from annotator.gui.shell.main_window import MainWindow
from annotator.gui.shell.window_actions import ACTION_SETS, ActionSpec
from annotator.gui.shell.window_menus import NO_DOCUMENT_STANCE_KEY, document_stance_key

GUI = Path(window_actions.__file__).resolve().parents[1]

# A standard key means the platform's binding, which needs the application (else a crash).
pytestmark = pytest.mark.usefixtures("qapp")


def clashes(bindings: list[tuple[str, QKeySequence]]) -> dict[str, list[str]]:
    """Key sequences bound by more than one name, in portable text ("Ctrl+W": [...])."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for name, sequence in bindings:
        if not sequence.isEmpty():
            by_key[sequence.toString(QKeySequence.SequenceFormat.PortableText)].append(name)
    return {key: names for key, names in by_key.items() if len(names) > 1}


def spec_bindings(specs: tuple[ActionSpec, ...]) -> list[tuple[str, QKeySequence]]:
    return [(spec.id, sequence) for spec in specs for sequence in spec.key_sequences()]


def test_the_clash_check_finds_a_shortcut_bound_twice() -> None:
    twice = (
        ActionSpec("close_project", "Close", "&File", QKeySequence.StandardKey.Close, "t"),
        ActionSpec("remove_pane", "Remove", "&View", "Ctrl+W", "t"),
    )
    assert clashes(spec_bindings(twice)) == {"Ctrl+W": ["close_project", "remove_pane"]}


@pytest.mark.parametrize("window", sorted(ACTION_SETS))
def test_no_shortcut_is_declared_twice_in_one_window(window: str) -> None:
    bindings = spec_bindings(ACTION_SETS[window])
    if window == "Main window":  # the default scheme's label and stance keys live there too
        bindings += [
            (f"{item.kind.value} {item.name}", QKeySequence(item.shortcut))
            for item in (*DEFAULT_SCHEME.labels, *DEFAULT_SCHEME.stances)
            if item.shortcut
        ]
        bindings += [
            (f"document stance {item.name}", QKeySequence(document_stance_key(item.shortcut, True)))
            for item in DEFAULT_SCHEME.stances
        ]
        bindings.append(("no document stance", QKeySequence(NO_DOCUMENT_STANCE_KEY)))
    assert clashes(bindings) == {}


# What an analyst does many times an hour must not need the mouse or a menu (issue #13).
FREQUENT = {
    "Main window": (
        "find", "find_next", "find_previous", "undo", "redo", "delete_annotation",
        "toggle_done", "next_pane", "previous_pane", "choose_document", "next_annotation",
        "previous_annotation", "add_pane", "remove_pane", "create_claim", "link_claim",
        "keyboard_shortcuts", "open_project", "import_files", "export_project",
        "show_agreement", "review_disagreements",
    ),
    "Review window": ("next_disagreement", "previous_disagreement", "undo", "redo"),
}  # fmt: skip


def lacking_shortcuts(specs: tuple[ActionSpec, ...], frequent: tuple[str, ...]) -> list[str]:
    by_id = {spec.id: spec for spec in specs}
    return [i for i in frequent if i not in by_id or not by_id[i].key_sequences()]


def test_the_frequent_check_finds_an_action_without_a_key() -> None:
    specs = (ActionSpec("next_pane", "Next", "&View", None, "t"),)
    assert lacking_shortcuts(specs, ("next_pane", "gone")) == ["next_pane", "gone"]


@pytest.mark.parametrize("window", sorted(FREQUENT))
def test_every_frequent_action_has_a_shortcut(window: str) -> None:
    assert lacking_shortcuts(ACTION_SETS[window], FREQUENT[window]) == []


def test_every_label_stance_and_document_stance_has_a_key() -> None:
    items = (*DEFAULT_SCHEME.labels, *DEFAULT_SCHEME.stances)
    assert [item.name for item in items if not item.shortcut] == []
    assert [
        s.name for s in DEFAULT_SCHEME.stances if not document_stance_key(s.shortcut, True)
    ] == []


@pytest.mark.parametrize("window", sorted(ACTION_SETS))
def test_every_declared_action_has_a_tip(window: str) -> None:
    assert [spec.id for spec in ACTION_SETS[window] if not spec.tip.strip()] == []


def test_action_ids_are_unique_within_a_window() -> None:
    for window, specs in ACTION_SETS.items():
        ids = [spec.id for spec in specs]
        assert len(ids) == len(set(ids)), window


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            found += _menu_actions(action.menu())  # type: ignore[arg-type]
        else:
            found.append(action)
    return found


def test_the_open_main_window_has_tips_everywhere_and_no_clash(qtbot, tmp_path, session) -> None:
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.set_session(session)
    window._fill_recent_menu()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    in_menus = [action for menu in menus for action in _menu_actions(menu)]  # type: ignore[arg-type]
    assert len(in_menus) > len(ACTION_SETS["Main window"])  # scheme entries and docks too
    assert [a.text() for a in in_menus if not a.statusTip()] == []
    bound = [(a.text(), s) for a in window.findChildren(QAction) for s in a.shortcuts()]
    assert clashes(bound) == {}
    window.set_session(None)


def test_the_context_menu_entries_have_tips(qtbot, session: ProjectSession) -> None:
    view = DocumentView()
    qtbot.addWidget(view)
    text = "More than 160 experts warned Washington."
    view.set_document(Document("d", text), [], DEFAULT_SCHEME, "alice")
    menu = view.build_context_menu(Span("a", "d", 0, 4, "Claim", "alice"), has_selection=True)
    entries = _menu_actions(menu)
    assert {"Copy", "Edit note…", "Delete annotation", "No stance"} <= {a.text() for a in entries}
    assert [a.text() for a in entries if not a.statusTip()] == []


def actions_made(source: str) -> list[str]:
    """Calls that make a QAction: QAction(...), create{Undo,Redo}Action, or an addAction
    given text (which makes one behind the scenes), as "line name"."""
    made = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        texty = bool(node.args) and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
        if name in ("QAction", "createUndoAction", "createRedoAction") or (
            name == "addAction" and texty
        ):
            made.append(f"{node.lineno} {name}")
    return sorted(made)


def test_the_scan_sees_actions_made_in_place() -> None:
    source = 'menu.addAction("Copy")\nQAction("x", self)\nmenu.addAction(action)\n'
    assert actions_made(source) == ["1 addAction", "2 QAction"]


def test_actions_are_made_only_in_window_actions() -> None:
    made = [
        f"{path.relative_to(GUI)}:{hit}"
        for path in sorted(GUI.rglob("*.py"))
        if path.name != "window_actions.py"
        for hit in actions_made(path.read_text(encoding="utf-8"))
    ]
    assert made == []
