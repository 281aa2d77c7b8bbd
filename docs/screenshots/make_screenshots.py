"""`make screenshots`: the running app, offscreen, on the demo project, photographed.

Each theme runs in a process of its own. The scheme is switched the way the app does it:
the app follows the system through ColorSchemeFollower (gui/shell/color_scheme.py), and here
the follower is handed the scheme a dark or light system would send, since the offscreen
platform reports none.
The project is annotated through the app itself, as an analyst would: four columns, labels
with keys' actions, a claim made with Ctrl+K and linked with Ctrl+L in three outlets, the
fourth marked silent, document stances, Done; a second analyst's copy (bob) is merged in so
the agreement and review windows have something to show. Then each scene is saved at each
size: the main window with four panes, the claim matrix, agreement, review, the user guide,
the scheme editor, the shortcut sheet, the export and team hub dialogs, the start page.

    python docs/screenshots/make_screenshots.py [--out DIR] [--readme DIR]
        [--sizes 1366x768,1920x1080] [--themes light,dark] [--scenes main,matrix,...]
        [--scale 2]
    python docs/screenshots/make_screenshots.py --matrix [--out DIR]

Every picture goes to --out (default build/screenshots); the few the README shows are
also copied to --readme (default docs/screenshots). A window Qt will not shrink to the
asked size is photographed at its real size and listed at the end. --scale 2 runs Qt with
QT_SCALE_FACTOR=2, a high-DPI screen: the pictures have twice the pixels (named …@2x.png),
which shows whether every icon and line is drawn sharp.

--matrix writes the issue #13 check instead: the main window at 1366×768, 1920×1080 and
2560×1440 with 2, 3 and 4 panes, light and dark (18 pictures, claims shown), into
DIR/matrix as main-WxH-Np-theme.png; nothing is copied for the README.
tests/gui/shell/test_window_matrix.py checks the same matrix for elided, overlapping and
covered controls.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

ROOT = Path(__file__).resolve().parents[2]
SIZES = ((1366, 768), (1920, 1080))
THEMES = ("light", "dark")
SCENES = ("main", "matrix", "agreement", "review", "help", "tour", "scheme", "shortcuts",
          "export", "hub", "welcome")  # fmt: skip
# Dialogs keep a size of their own (None: what they ask for), not the screen's.
DIALOG_SIZES: dict[str, tuple[int, int] | None] = {
    "scheme": (900, 600), "shortcuts": (1000, 680), "export": None, "hub": None,
}  # fmt: skip
MATRIX_SIZES = ((1366, 768), (1920, 1080), (2560, 1440))
MATRIX_PANES = (2, 3, 4)
# The README's pictures: (scene, size, theme).
README_SET = (
    ("main", (1366, 768), "light"),
    ("matrix", (1366, 768), "light"),
    ("review", (1366, 768), "light"),
    ("help", (1366, 768), "light"),
    ("main", (1366, 768), "dark"),
    ("review", (1366, 768), "dark"),
)
HOBBLE = "these restrictions inadvertently hobble the nation's capacity for cyber defense"
D000, D001, D003, D004 = (
    "000_2c013282298383f6",
    "001_e619423e771bc6b3",
    "003_f7fa3a3640ffb058",
    "004_576dfc317f407cdf",
)


def file_name(scene: str, size: tuple[int, int], theme: str, scale: float = 1) -> str:
    suffix = "" if scale == 1 else f"@{scale:g}x"
    return f"{scene}-{size[0]}x{size[1]}-{theme}{suffix}.png"


def matrix_name(size: tuple[int, int], panes: int, theme: str) -> str:
    return f"main-{size[0]}x{size[1]}-{panes}p-{theme}.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument(
        "--readme", default=str(ROOT / "docs" / "screenshots"), help='"" copies nothing'
    )
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--scenes", default=",".join(SCENES))
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR (2: high DPI)")
    parser.add_argument("--matrix", action="store_true", help="sizes × 2/3/4 panes × themes")
    parser.add_argument("--theme", help=argparse.SUPPRESS)  # set in the child process
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",") if s]
    scenes = [s for s in args.scenes.split(",") if s]
    unknown = set(scenes) - set(SCENES)
    if unknown:
        parser.error(f"unknown scenes: {', '.join(sorted(unknown))} (known: {', '.join(SCENES)})")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.theme and args.matrix:
        return photograph_matrix(args.theme, args.out / "matrix")
    if args.theme:
        return photograph(args.theme, sizes, scenes, args.out, args.scale)  # type: ignore[arg-type]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if args.scale != 1:
        env["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    for theme in (t for t in args.themes.split(",") if t):
        command = [sys.executable, __file__, "--theme", theme, "--out", str(args.out),
                   "--sizes", args.sizes, "--scenes", ",".join(scenes),
                   "--scale", f"{args.scale:g}"] + (["--matrix"] if args.matrix else [])  # fmt: skip
        if subprocess.run(command, env=env, check=False).returncode:
            return 1
    if args.matrix:
        print(f"Screenshots in {args.out / 'matrix'}.")
        return 0
    if not args.readme or args.scale != 1:  # the README shows 1x pictures only
        print(f"Screenshots in {args.out}.")
        return 0
    readme = Path(args.readme)
    readme.mkdir(parents=True, exist_ok=True)
    copied = 0
    for scene, size, theme in README_SET:
        source = args.out / file_name(scene, size, theme)
        if source.exists():
            shutil.copyfile(source, readme / source.name)
            copied += 1
    print(f"Screenshots in {args.out}; {copied} copied to {readme} for the README.")
    return 0


# -- the child: one theme, every size and scene ---------------------------------------------
def photograph(
    theme: str, sizes: list[tuple[int, int]], scenes: list[str], out: Path, scale: float = 1
) -> int:
    from annotator.gui.shell.color_scheme import follow_system_scheme

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Annotator screenshots")
    app.setStyle("Fusion")
    # As gui_main does; then the scheme a system in this theme would send.
    follower = follow_system_scheme(app)
    follower.apply(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    with tempfile.TemporaryDirectory(prefix="annotator-shots-") as scratch:
        folder = Path(scratch)
        project = make_project(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        studio = Studio(app, settings, project)
        oversize: list[str] = []
        for size in sizes:
            for scene in scenes:
                name = file_name(scene, size, theme, scale)
                got = studio.shoot(scene, size, out / name)
                if got != size:
                    oversize.append(f"{name}: asked {size[0]}×{size[1]}, got {got[0]}×{got[1]}")
                print(f"  {name}")
        studio.close()
    for line in oversize:
        print(f"  larger than asked (the window's minimum size): {line}")
    return 0


def photograph_matrix(theme: str, out: Path) -> int:
    """The main window at each matrix size and pane count, claims shown."""
    from annotator.gui.shell.color_scheme import follow_system_scheme

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Annotator screenshots")
    app.setStyle("Fusion")
    follower = follow_system_scheme(app)
    follower.apply(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="annotator-shots-") as scratch:
        folder = Path(scratch)
        project = make_project(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        studio = Studio(app, settings, project)
        for size in MATRIX_SIZES:
            for panes in MATRIX_PANES:
                studio.set_panes(panes)
                name = matrix_name(size, panes, theme)
                studio.shoot("main", size, out / name)
                print(f"  {name}")
        studio.close()
    return 0


def make_project(folder: Path) -> Path:
    """The demo project, plus bob's independent copy merged in (as File → Merge does)."""
    from annotator.core.model import Span, new_id
    from annotator.services.demo import load_demo
    from annotator.services.merge import merge_projects
    from annotator.store.project_store import ProjectStore

    project = folder / "demo.annotator"
    with ProjectStore.created(project) as store:
        load_demo(store)
    bobs = folder / "bob.annotator"
    with ProjectStore.created(bobs) as store:
        load_demo(store)
        target = store.scheme.get().targets[0].name
        for document_id, phrase, label, stance in (
            (D000, "More than 160 experts in cybersecurity", "Claim", "against"),
            (D000, "Voice of Emirates", "Source", None),
            (D001, "over 40 prominent cybersecurity experts", "Claim", "against"),
            (D004, "leaders from Adobe, Nvidia and Zoom", "Claim", "against"),
            (D004, "the recent ban was “dangerous”", "Claim", "against"),
            (D003, "‘dangerous’ US government ban", "Claim", "neutral"),
        ):
            text = store.documents.get(document_id).text
            start = text.index(phrase)
            span = Span(new_id(), document_id, start, start + len(phrase), label, "bob", stance,
                        target if stance else None)  # fmt: skip
            store.annotations.add_span(span)
        for document_id, stance in ((D000, "against"), (D001, "against"), (D003, "neutral"),
                                    (D004, "against")):  # fmt: skip
            store.annotations.set_document_stance(document_id, "bob", target, stance)
            store.documents.set_done(document_id, "bob", True)
    with ProjectStore.open(project) as store:
        merge_projects(store, [bobs])
    return project


class Studio:
    """The main window on the project, annotated through its own actions, and the scenes."""

    def __init__(self, app: QApplication, settings: QSettings, project: Path):
        from annotator.gui.session import ProjectSession
        from annotator.gui.shell.main_window import MainWindow
        from annotator.store.project_store import ProjectStore

        self.app = app
        self.settings = settings
        self._export: QWidget | None = None
        self._hub: QWidget | None = None
        self._welcome: QWidget | None = None
        self.window = MainWindow(settings)
        self.window.resize(1366, 768)
        self.window.show()
        self.session = ProjectSession(ProjectStore.open(project), "alice")
        self.window.set_session(self.session)
        self.settle()
        self.annotate()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    # -- alice's work, through the window's actions --------------------------------------------
    def annotate(self) -> None:
        from annotator.gui.commands import SetDocumentStanceCommand

        window = self.window
        actions = window.actions_by_id
        while len(window.panes.panes()) < 4:
            actions["add_pane"].trigger()
        for pane, document_id in zip(window.panes.panes(), (D000, D001, D004, D003), strict=True):
            pane.show_document(document_id)
        self.select(D000, "More than 160 experts")
        actions["create_claim"].trigger()  # Ctrl+K
        controller = window.claims.controller
        self.first_claim = controller.current_claim_id
        if self.first_claim is not None:  # reworded in the Claims panel, as an analyst would
            controller.rename(self.first_claim, "Number of experts who signed the letter")
        self.select(D001, "over 40 prominent cybersecurity experts")
        actions["link_claim"].trigger()  # Ctrl+L
        controller.accept_offer()  # 160 vs 40: Mark as Contradiction
        self.select(D004, "Prominent researchers and leaders from Adobe, Nvidia and Zoom")
        actions["link_claim"].trigger()
        self.select(D003, "Our take")
        window.panes.pane_showing(D003).view.textCursor().clearSelection()
        actions["mark_silent"].trigger()  # Ctrl+Shift+N
        self.select(D004, "the recent ban was “dangerous”")
        actions["create_claim"].trigger()
        if controller.current_claim_id is not None:
            controller.rename(controller.current_claim_id, "The ban is dangerous")
        self.select(D003, "‘dangerous’ US government ban")
        actions["link_claim"].trigger()
        for document_id, phrase, label in (
            (D000, "Voice of Emirates", "Source"),
            (D004, "Howard Lutnick", "Source"),
            (D001, HOBBLE, "Evidence"),
        ):
            self.select(document_id, phrase)
            assert window.controller is not None
            window.controller.apply_label(label)  # the label's key, 1–3
            window.controller.apply_stance("against")  # A
        target = self.session.default_target()
        for document_id, stance in ((D000, "against"), (D001, "against"), (D003, "neutral"),
                                    (D004, "against")):  # fmt: skip
            self.session.undo_stack.push(
                SetDocumentStanceCommand(self.session, document_id, target, stance)
            )
            window.panes.pane_showing(document_id)
            actions["toggle_done"].trigger()  # Ctrl+D
        actions["show_others"].setChecked(True)  # bob's work beside alice's
        first = window.panes.pane_showing(D000)
        first.view.setFocus()
        self.settle()

    def set_panes(self, count: int) -> None:
        """Show the first `count` of the four annotated articles (the others' columns
        removed, or added back), as View → Remove/Add Column would."""
        panes = self.window.panes
        while len(panes.panes()) > count:
            panes.remove_pane(panes.panes()[-1])
        documents = (D000, D001, D004, D003)
        while len(panes.panes()) < count:
            panes.add_pane(documents[len(panes.panes())])
        for pane, document_id in zip(panes.panes(), documents, strict=False):
            if pane.view.document_model is None or pane.view.document_model.id != document_id:
                pane.show_document(document_id)
        self.settle()

    def select(self, document_id: str, phrase: str) -> None:
        pane = self.window.panes.pane_showing(document_id)
        document = pane.view.document_model
        assert document is not None
        start = document.text.index(phrase)
        pane.view.select_range(start, start + len(phrase))
        self.window.panes.set_active_pane(pane)

    # -- scenes --------------------------------------------------------------------------------
    def shoot(self, scene: str, size: tuple[int, int], path: Path) -> tuple[int, int]:
        """Photograph `scene` on a screen of `size`; returns the size it had when it is a
        window, `size` for a dialog (which keeps its own, smaller size)."""
        widget = getattr(self, f"_scene_{scene}")()
        if scene in DIALOG_SIZES:
            own = DIALOG_SIZES[scene] or (widget.sizeHint().width(), widget.sizeHint().height())
            widget.resize(min(own[0], size[0]), min(own[1], size[1]))
        else:
            widget.resize(*size)
        widget.show()
        self.settle()
        pixmap = widget.grab()
        pixmap.save(str(path))
        if widget is not self.window:
            widget.hide()
        logical = pixmap.deviceIndependentSize()  # at --scale 2 the pixmap has 2x the pixels
        return size if scene in DIALOG_SIZES else (round(logical.width()), round(logical.height()))

    def _scene_main(self) -> QWidget:
        self._close_tour()
        claims_dock = self.window.findChild(self._dock_class(), "dock_claims")
        if claims_dock is not None:
            claims_dock.raise_()
        self.window.panes.pane_showing(D000).view.setFocus()
        # An annotation of the active column in the inspector (one selected in another
        # column is let go of when the keyboard's column changes).
        (source,) = [
            s for s in self.session.store.annotations.spans(D000, ["alice"]) if s.label == "Source"
        ]
        assert self.window.controller is not None
        self.window.controller.select_span(source.id)
        if self.first_claim is not None:  # its marker clicked: lit in every pane
            self.window.claims.controller.light(self.first_claim)
        return self.window

    def _scene_matrix(self) -> QWidget:
        return self.window.claims.show_matrix()

    def _scene_agreement(self) -> QWidget:
        from annotator.gui.review.agreement_view import AgreementView

        return AgreementView.open_for(self.session, self.window)

    def _scene_review(self) -> QWidget:
        from annotator.gui.review.adjudication_view import AdjudicationView

        view = AdjudicationView.open_for(self.session, self.window, D000)
        self.settle()
        if hasattr(view, "next_disagreement"):
            view.next_disagreement()
        return view

    def _scene_help(self) -> QWidget:
        from annotator.gui.shell.help_window import HelpWindow, menu_shortcut_rows

        window = HelpWindow.open_for(self.window, menu_shortcut_rows(self.window.menuBar()))
        window.show_section("claims-across-articles")
        return window

    def _scene_tour(self) -> QWidget:
        from annotator.gui.shell.tour_panel import TourPanel

        self.window.actions_by_id["take_tour"].trigger()
        panel = self.window.findChild(TourPanel)
        assert panel is not None
        panel.go_to(2)
        return self.window

    def _scene_scheme(self) -> QWidget:
        from annotator.gui.scheme.scheme_editor import SchemeEditorDialog

        return SchemeEditorDialog.open_for(self.session, self.window)

    def _scene_shortcuts(self) -> QWidget:
        from annotator.gui.shell.shortcut_sheet import ShortcutSheet

        return ShortcutSheet.open_for(self.window, self.settings, self.window.menus)

    def _scene_export(self) -> QWidget:
        from annotator.gui.project.export_dialog import ExportDialog

        if self._export is None:
            self._export = ExportDialog(self.session, self.window)
        return self._export

    def _scene_hub(self) -> QWidget:
        from annotator.gui.project.team_hub_dialog import TeamHubDialog

        if self._hub is None:
            self._hub = TeamHubDialog(self.window, "", "not joined")
            self._hub.problem.setText("Give the hub's address.")
        return self._hub

    def _scene_welcome(self) -> QWidget:
        from annotator.gui.project.welcome_page import WelcomePage

        if self._welcome is None:  # the start page as a fresh install shows it
            self._welcome = WelcomePage(self.settings)
        return self._welcome

    def _close_tour(self) -> None:
        dock = self.window.findChild(self._dock_class(), "dock_tour")
        if dock is not None:
            dock.close()

    @staticmethod
    def _dock_class() -> type[QDockWidget]:
        return QDockWidget

    def close(self) -> None:
        self.window.set_session(None)
        self.window.close()


if __name__ == "__main__":
    sys.exit(main())
