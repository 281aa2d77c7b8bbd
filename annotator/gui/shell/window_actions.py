"""The main window's actions, declared as data: id, text, shortcut, menu (napari/Picard style).

MainWindow builds one QAction per spec and connects it to its `_on_<id>` slot, so a
new action is one line here plus one slot there.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""
    checkable: bool = False
    needs_project: bool = True
    writes: bool = False  # disabled on a read-only project


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_project", "&New Project…", "&File", StandardKey.New, needs_project=False),
    ActionSpec("open_project", "&Open Project…", "&File", StandardKey.Open, needs_project=False),
    ActionSpec(
        "open_demo",
        "Open &Demo Project",
        "&File",
        None,
        "The four seed articles",
        needs_project=False,
    ),
    ActionSpec(
        "save_copy",
        "Save a &Copy…",
        "&File",
        "Ctrl+Shift+S",
        "A consistent single-file copy of the project",
    ),
    ActionSpec(
        "import_files",
        "&Import…",
        "&File",
        "Ctrl+I",
        "Text, Markdown, HTML or JSONL files",
        writes=True,
    ),
    ActionSpec(
        "merge_projects",
        "&Merge Annotators' Projects…",
        "&File",
        None,
        "Bring other annotators' project files in",
        writes=True,
    ),
    ActionSpec("export_project", "&Export…", "&File", "Ctrl+E", "Write annotations as a dataset"),
    ActionSpec(
        "restore_backup",
        "Restore from &Backup…",
        "&File",
        None,
        "Go back to one of the project's automatic backups",
        writes=True,
    ),
    ActionSpec("close_project", "C&lose Project", "&File", StandardKey.Close),
    ActionSpec("quit", "&Quit", "&File", StandardKey.Quit, needs_project=False),
    ActionSpec("delete_annotation", "&Delete Annotation", "&Edit", StandardKey.Delete, writes=True),
    ActionSpec("find", "&Find…", "&Edit", StandardKey.Find, "Search this and every document"),
    ActionSpec(
        "edit_scheme",
        "Edit &Scheme…",
        "&Annotate",
        "Ctrl+Shift+L",
        "Labels, stance values, targets",
        writes=True,
    ),
    ActionSpec(
        "toggle_done", "Mark Document &Done", "&Annotate", "Ctrl+D", checkable=True, writes=True
    ),
    ActionSpec("edit_metadata", "Document &Details…", "&Annotate", "Ctrl+Shift+D", writes=True),
    ActionSpec("change_annotator", "Change &Annotator…", "&Annotate", None, "Who is annotating"),
    ActionSpec(
        "show_agreement",
        "&Agreement…",
        "&Review",
        "Ctrl+Shift+A",
        "How far annotators agree, and where they do not",
    ),
    ActionSpec(
        "review_disagreements",
        "Review &Disagreements…",
        "&Review",
        "Ctrl+Shift+R",
        "Settle disagreements into the gold layer",
        writes=True,
    ),
    ActionSpec("add_pane", "&Add Column", "&View", "Ctrl+T", "Open another article side by side"),
    ActionSpec("remove_pane", "&Remove Column", "&View", "Ctrl+W"),
    ActionSpec("sync_scroll", "&Synchronised Scrolling", "&View", None, checkable=True),
    ActionSpec(
        "show_others",
        "Show &Other Annotators",
        "&View",
        "Ctrl+Shift+O",
        "Off keeps annotation independent",
        checkable=True,
    ),
    ActionSpec("about", "&About Annotator", "&Help", None, needs_project=False),
)

MENU_ORDER = ("&File", "&Edit", "&Annotate", "&Review", "&View", "&Help")
