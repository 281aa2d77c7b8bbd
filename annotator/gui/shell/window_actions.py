# Over 400 lines: it is data, one declaration per action of every window, kept in one
# place so the shortcut sheet and the clash and tip checks see them all.
"""Every action of the app, declared as data (napari/Picard style), and the one place QActions are made.

The main window builds one QAction per spec in ACTIONS and connects it to its `_on_<id>`
slot, so a new menu action is one line here plus one slot there. The review window, the
scheme editor and the document view's context menu declare theirs here too, and actions
made from data (a label's "1", a stance's "F", a recent file) come from `dynamic_action`, so
`ACTION_SETS` is the whole shortcut sheet and tests/gui/shell/test_window_actions.py
checks it for clashing shortcuts and missing tips.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack

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
    alternates: tuple[str, ...] = ()  # further shortcuts for the same action

    def key_sequences(self) -> list[QKeySequence]:
        """Every key sequence that triggers this action: a standard key is all the platform's
        bindings for it (Close is Ctrl+F4 and Ctrl+W here), so a clash on any one shows."""
        sequences: list[QKeySequence] = []
        if isinstance(self.shortcut, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(self.shortcut))
        elif self.shortcut:
            sequences.append(QKeySequence(self.shortcut))
        sequences.extend(QKeySequence(k) for k in self.alternates)
        return sequences


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new_project",
        "&New Project…",
        "&File",
        StandardKey.New,
        "Create an empty project file",
        needs_project=False,
    ),
    ActionSpec(
        "open_project",
        "&Open Project…",
        "&File",
        StandardKey.Open,
        "Open an existing project file",
        needs_project=False,
    ),
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
    ActionSpec("team_hub", "&Team Hub…", "&File", None, "Join the team's shared hub", writes=True),
    ActionSpec(
        "sync_now", "S&ync with Team Hub", "&File", "F9", "Sync with the hub now", writes=True
    ),
    ActionSpec(
        "restore_backup",
        "Restore from &Backup…",
        "&File",
        None,
        "Go back to one of the project's automatic backups",
        writes=True,
    ),
    ActionSpec(
        "close_project",
        "C&lose Project",
        "&File",
        StandardKey.Close,
        "Back to the welcome page; everything is already saved",
    ),
    ActionSpec("quit", "&Quit", "&File", StandardKey.Quit, "Close Annotator", needs_project=False),
    ActionSpec(
        "delete_annotation",
        "&Delete Annotation",
        "&Edit",
        StandardKey.Delete,
        "Delete the selected annotation",
        writes=True,
    ),
    ActionSpec("find", "&Find…", "&Edit", StandardKey.Find, "Search this and every document"),
    ActionSpec(
        "find_next",
        "Find &Next",
        "&Edit",
        StandardKey.FindNext,
        "Select the next search hit in its column (a label key then labels it)",
    ),
    ActionSpec(
        "find_previous",
        "Find Pre&vious",
        "&Edit",
        StandardKey.FindPrevious,
        "Select the previous search hit in its column",
    ),
    ActionSpec(
        "edit_scheme",
        "Edit &Scheme…",
        "&Annotate",
        "Ctrl+Shift+L",
        "Labels, stance values, targets",
        writes=True,
    ),
    ActionSpec(
        "toggle_done",
        "Mark Document &Done",
        "&Annotate",
        "Ctrl+D",
        "Record that you have finished this document",
        checkable=True,
        writes=True,
    ),
    ActionSpec(
        "edit_metadata",
        "Document &Details…",
        "&Annotate",
        "Ctrl+Shift+D",
        "Title, outlet, date and address of this document",
        writes=True,
    ),
    ActionSpec(
        "next_annotation",
        "&Next Annotation",
        "&Annotate",
        "Alt+Down",
        "Select the next annotation in this column (a label or stance key then applies to it)",
        alternates=("]",),
    ),
    ActionSpec(
        "previous_annotation",
        "&Previous Annotation",
        "&Annotate",
        "Alt+Up",
        "Select the previous annotation in this column",
        alternates=("[",),
    ),
    ActionSpec("change_annotator", "Change &Annotator…", "&Annotate", None, "Who is annotating"),
    ActionSpec(
        "create_claim",
        "&Create Claim from Selection",
        "&Claims",
        "Ctrl+K",
        "The selected text or annotation becomes a claim, worded from its text",
        writes=True,
    ),
    ActionSpec(
        "link_claim",
        "&Link to Current Claim",
        "&Claims",
        "Ctrl+L",
        "Link the selected text or annotation to the claim selected in another pane",
        writes=True,
    ),
    ActionSpec(
        "pick_claim",
        "Link to &Claim…",
        "&Claims",
        "Ctrl+Shift+K",
        "Choose the claim to link the selection to from a searchable list",
        writes=True,
    ),
    ActionSpec(
        "unlink_claim",
        "&Unlink from Claim",
        "&Claims",
        None,
        "The selected annotation no longer mentions its claim",
        writes=True,
    ),
    ActionSpec(
        "mark_silent",
        "Mark Article &Silent on Claim",
        "&Claims",
        "Ctrl+Shift+N",
        "The active article, read, does not make the current claim",
        writes=True,
    ),
    ActionSpec(
        "said_by",
        "Link Source (Said &By)",
        "&Claims",
        "Ctrl+Shift+B",
        "The previously selected Source annotation says the selected claim (same article)",
        writes=True,
    ),
    ActionSpec(
        "derived_from",
        "Article &Derived From…",
        "&Claims",
        None,
        "The active article is a rewrite of, or commentary on, another article",
        writes=True,
    ),
    ActionSpec(
        "show_claim_matrix",
        "Claim &Matrix",
        "&Claims",
        "Ctrl+M",
        "Which outlet makes which claim, with values, contradictions and omissions",
    ),
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
    # Ctrl+W is Close Project (the platform's Close); a second binding made both ambiguous.
    ActionSpec("remove_pane", "&Remove Column", "&View", "Ctrl+Shift+W", "Close the active column"),
    ActionSpec(
        "next_pane",
        "Ne&xt Column",
        "&View",
        StandardKey.NextChild,
        "Move to the column on the right, to its text (wraps)",
        alternates=("Ctrl+PgDown", "F6"),
    ),
    ActionSpec(
        "previous_pane",
        "Pre&vious Column",
        "&View",
        StandardKey.PreviousChild,
        "Move to the column on the left, to its text (wraps)",
        alternates=("Ctrl+PgUp", "Shift+F6"),
    ),
    ActionSpec(
        "choose_document",
        "C&hoose Document…",
        "&View",
        "Ctrl+P",
        "Focus this column's document chooser: arrows pick, Alt+Down lists every document",
    ),
    ActionSpec(
        "filter_documents",
        "&Filter Documents…",
        "&View",
        "Ctrl+Shift+P",
        "Find a document by title, outlet or done in the Documents panel; Enter opens it",
    ),
    ActionSpec(
        "sync_scroll",
        "&Synchronised Scrolling",
        "&View",
        None,
        "Scroll every column together",
        checkable=True,
    ),
    ActionSpec(
        "show_others",
        "Show &Other Annotators",
        "&View",
        "Ctrl+Shift+O",
        "Off keeps annotation independent",
        checkable=True,
    ),
    ActionSpec(
        "hide_panels",
        "Hide &Panels",
        "&View",
        "Ctrl+Shift+H",
        "Give the articles the whole window; again brings the panels back as they were",
        checkable=True,
    ),
    ActionSpec(
        "user_guide",
        "&User Guide",
        "&Help",
        StandardKey.HelpContents,
        "How to use Annotator, with contents and search",
        needs_project=False,
    ),
    ActionSpec(
        "take_tour",
        "Take the &Tour",
        "&Help",
        None,
        "Two minutes on the demo: highlight the three ways outlets count the experts",
        needs_project=False,
    ),
    ActionSpec(
        "keyboard_shortcuts",
        "&Keyboard Shortcuts",
        "&Help",
        "Ctrl+/",
        "Every shortcut, searchable; change one there",
        needs_project=False,
    ),
    ActionSpec(
        "about",
        "&About Annotator",
        "&Help",
        None,
        "Versions, for a bug report",
        needs_project=False,
    ),
)

MENU_ORDER = ("&File", "&Edit", "&Annotate", "&Claims", "&Review", "&View", "&Help")

UNDO = ActionSpec("undo", "&Undo", "&Edit", StandardKey.Undo, "Undo the last change")
REDO = ActionSpec("redo", "&Redo", "&Edit", StandardKey.Redo, "Redo what was undone")

# A separate window does not receive the main window's shortcuts, so these bring their own.
DIALOG_UNDO = ActionSpec("undo", "Undo", "", StandardKey.Undo, "Undo the last change")
DIALOG_REDO = ActionSpec("redo", "Redo", "", StandardKey.Redo, "Redo what was undone")

REVIEW_ACTIONS: tuple[ActionSpec, ...] = (
    DIALOG_UNDO,
    DIALOG_REDO,
    ActionSpec(
        "next_disagreement",
        "Next disagreement ▸",
        "",
        "N",
        "Next disagreement (N or Ctrl+.)",
        alternates=("Ctrl+.",),
    ),
    ActionSpec(
        "previous_disagreement",
        "◂ Previous",
        "",
        "P",
        "Previous disagreement (P or Ctrl+,)",
        alternates=("Ctrl+,",),
    ),
    ActionSpec(
        "accept_agreed",
        "Accept all agreed",
        "",
        None,
        "Copy every item all annotators agree on into gold",
    ),
)

SCHEME_EDITOR_ACTIONS: tuple[ActionSpec, ...] = (DIALOG_UNDO, DIALOG_REDO)

# The agreement window is a window of its own: the main window's Ctrl+Shift+R does not reach it.
AGREEMENT_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "review_disagreements",
        "Review &Disagreements…",
        "",
        "Ctrl+Shift+R",
        "Settle the disagreements of the selected document (or the first open one) into gold",
    ),
)

# The fixed entries of a document's context menu; its labels and stances come from the scheme.
CONTEXT_MENU_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("no_stance", "No stance", "", None, "Clear this annotation's stance"),
    ActionSpec("edit_note", "Edit note…", "", None, "Write a note on this annotation"),
    ActionSpec("delete_span", "Delete annotation", "", None, "Delete this annotation"),
    ActionSpec("copy", "Copy", "", StandardKey.Copy, "Copy the selected text"),
    ActionSpec(
        "claim_from_here",
        "Create Claim from This",
        "",
        None,
        "Make this text or annotation a claim, worded from its text",
    ),
    ActionSpec(
        "link_to_current_claim",
        "Link to Current Claim",  # the text names the claim when the menu opens
        "",
        None,
        "Link this text or annotation to the claim selected in another pane",
    ),
    ActionSpec(
        "link_to_claim", "Link to Claim…", "", None, "Choose the claim from a searchable list"
    ),
    ActionSpec(
        "unlink_from_claim", "Unlink from Claim", "", None, "This annotation no longer mentions it"
    ),
)

# Which actions share a window (and so must not share a shortcut), for the shortcut sheet.
ACTION_SETS: dict[str, tuple[ActionSpec, ...]] = {
    "Main window": (*ACTIONS, UNDO, REDO),
    "Review window": REVIEW_ACTIONS,
    "Scheme editor": SCHEME_EDITOR_ACTIONS,
    "Agreement window": AGREEMENT_ACTIONS,
    "Document context menu": CONTEXT_MENU_ACTIONS,
}


def spec(actions: tuple[ActionSpec, ...], action_id: str) -> ActionSpec:
    """The spec with `action_id` in `actions` (KeyError when there is none)."""
    for candidate in actions:
        if candidate.id == action_id:
            return candidate
    raise KeyError(action_id)


def make_action(spec: ActionSpec, parent: QObject) -> QAction:
    """A QAction for `spec`: text, shortcuts, tips, checkability; the caller connects it."""
    action = QAction(spec.text, parent)
    action.setObjectName(spec.id)
    _apply(spec, action)
    action.setCheckable(spec.checkable)
    return action


def make_undo_actions(
    source: QUndoGroup | QUndoStack, parent: QObject, undo: ActionSpec, redo: ActionSpec
) -> tuple[QAction, QAction]:
    """Qt's undo and redo actions for `source` (their text follows the next command)."""
    undo_action = source.createUndoAction(parent, undo.text)
    redo_action = source.createRedoAction(parent, redo.text)
    for spec, action in ((undo, undo_action), (redo, redo_action)):
        action.setObjectName(spec.id)
        _apply(spec, action)
    return undo_action, redo_action


def dynamic_action(text: str, tip: str, parent: QObject, shortcut: str = "") -> QAction:
    """An action made from data at run time: a scheme entry (a label's "1") or a recent file."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.setToolTip(tip)
    return action


def _apply(spec: ActionSpec, action: QAction) -> None:
    sequences = spec.key_sequences()
    if sequences:
        action.setShortcuts(sequences)
    if spec.tip:
        action.setStatusTip(spec.tip)
        action.setToolTip(f"{spec.text.replace('&', '').strip('…◂▸ ')} — {spec.tip}")
