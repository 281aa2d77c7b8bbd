# Over 400 lines: it lays out and wires every room (panes, palette, four docks, the review
# windows); each slot hands off in a line or two to the room that does the work, and the
# menus are built by window_menus.py.
"""The main window: lays out the panes, docks and menus and wires them; it computes nothing.

Layout: document columns in the centre (PaneArea), the label palette in a toolbar,
the selected annotation's inspector, the annotation list, search and guidelines in
docks on the right. With no project open, a welcome page offers New / Open / Demo.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.annotating.annotation_controller import AnnotationController
from annotator.gui.annotating.annotation_inspector import AnnotationInspector
from annotator.gui.annotating.annotation_list_panel import AnnotationListPanel
from annotator.gui.annotating.label_palette import LabelPalette
from annotator.gui.claims.claims_workbench import ClaimsWorkbench
from annotator.gui.commands import SetDoneCommand
from annotator.gui.project.hub_sync import HubSync
from annotator.gui.project.recent_projects import RecentProjects
from annotator.gui.reading.document_pane import DocumentPane
from annotator.gui.reading.pane_area import MAX_PANES, PaneArea
from annotator.gui.session import ProjectSession
from annotator.gui.shell import ui_colors
from annotator.gui.shell.background_job import BackgroundJob
from annotator.gui.shell.bulk_runner import BulkRunner
from annotator.gui.shell.dock_column import DeferredPanel, DockColumn, keep_on_screen
from annotator.gui.shell.job_slot import JobSlot
from annotator.gui.shell.keyboard_navigation import KeyboardNavigation
from annotator.gui.shell.plain_text import isolated, literal
from annotator.gui.shell.shortcut_settings import ShortcutSettings, plain_name, text_of
from annotator.gui.shell.window_menus import WindowMenus

if TYPE_CHECKING:  # the panels behind tabs are imported when first shown (issue #15)
    from annotator.gui.annotating.guidelines_dock import GuidelinesPanel
    from annotator.gui.claims.suggestions_panel import Ranker, Suggestion
    from annotator.gui.project.welcome_page import WelcomePage
    from annotator.gui.reading.documents_panel import DocumentsPanel
    from annotator.gui.reading.search_panel import SearchPanel
    from annotator.hub.sync import SyncReport

DEFAULT_COLUMNS = 2


def _ranker(session: ProjectSession) -> Ranker:
    """The Suggestions panel's ranking service, made (and imported) when it first ranks:
    the panel sits behind a tab at start-up (#15). One suggester keeps its sentence index."""
    made: list[Ranker] = []

    def rank(
        query: str, document_ids: Sequence[str], limit: int
    ) -> Mapping[str, Sequence[Suggestion]]:
        if not made:
            from annotator.services.similar_sentences import SentenceSuggester

            made.append(SentenceSuggester(session.store).rank)
        return made[0](query, document_ids, limit)

    return rank


class MainWindow(QMainWindow):
    """One window showing at most one project at a time."""

    project_requested = Signal(object, bool)  # path, create: the app opens it and calls set_session
    demo_requested = Signal()
    annotator_change_requested = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.session: ProjectSession | None = None
        self.controller: AnnotationController | None = None
        self._undo_group = QUndoGroup(self)
        self.jobs = JobSlot(self)  # the one long import, export or merge under way
        self.jobs.changed.connect(self._update_enabled)
        self._project_widgets: list[QWidget] = []
        self._tour_pending = False

        self.setWindowTitle("Annotator")
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self._stack = QStackedWidget(self)
        self._welcome: WelcomePage | None = None  # made when first shown: see `welcome`
        self.setCentralWidget(self._stack)
        self.menus = WindowMenus(
            self,
            self._undo_group,
            slot_for=lambda action_id: getattr(self, f"_on_{action_id}"),
            recent_paths=lambda: RecentProjects(settings).paths(),
            open_recent=lambda path: self.project_requested.emit(path, False),
        )
        self.actions_by_id = self.menus.actions_by_id
        ShortcutSettings(settings).apply(self.actions_by_id)  # the analyst's own keys
        self.keys = KeyboardNavigation(
            lambda: self.panes if self.session is not None else None, lambda: self.controller
        )
        self._undo_action, self._redo_action = self.menus.undo_action, self.menus.redo_action
        self._toolbar = QToolBar("Labels", self)
        self._toolbar.setObjectName("labels_toolbar")
        self._toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self._toolbar)
        self._status_annotator = QLabel(self)
        self._status_saved = QLabel(self)
        self._status_hub = QLabel(self)  # File → Team Hub…: "synced 2 min ago"
        self._status_hub.setObjectName("hub_status")
        self._status_hub.setStyleSheet("padding: 0 8px;")
        self._hub_sync: HubSync | None = None
        self.statusBar().addPermanentWidget(self._status_hub)
        self.statusBar().addPermanentWidget(self._status_saved)
        self.statusBar().addPermanentWidget(self._status_annotator)
        self.dock_column = DockColumn(self, self.menus.view_menu)
        self._docks = self.dock_column.docks
        self._project_docks: list[QDockWidget] = []  # the tour's, gone with the project
        self._connect_signals()
        self._toolbar.setVisible(False)
        self._update_enabled()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        keep_on_screen(self)  # 1440 × 900 is more than a 1366 × 768 laptop

    # -- construction ----------------------------------------------------------------
    def _connect_signals(self) -> None:
        self._docks[3].visibilityChanged.connect(self._on_guidelines_visibility)

    @property
    def welcome(self) -> WelcomePage:
        """The page shown with no project open, made the first time it is needed: a
        window opened on a project never shows it (it cost that start-up ~5 ms, #15)."""
        if self._welcome is None:
            from annotator.gui.project.welcome_page import WelcomePage

            welcome = self._welcome = WelcomePage(self._settings, self)
            self._stack.addWidget(welcome)
            welcome.new_requested.connect(self._on_new_project)
            welcome.open_requested.connect(self._on_open_project)
            welcome.demo_requested.connect(self._on_open_demo)
            welcome.tour_requested.connect(self._on_take_tour)
            welcome.recent_chosen.connect(lambda path: self.project_requested.emit(path, False))
        return self._welcome

    def showEvent(self, event: QShowEvent) -> None:
        if self.session is None and self._stack.currentWidget() is None:
            self._stack.setCurrentWidget(self.welcome)  # shown before any project: welcome
        super().showEvent(event)

    # -- the project -----------------------------------------------------------------
    def set_session(self, session: ProjectSession | None) -> None:
        """Show `session`'s project (or the welcome page for None), replacing any other."""
        self._tear_down_project()
        self.statusBar().clearMessage()  # "Saved a copy to …" belongs to the project it was about
        self.session = session
        self._toolbar.setVisible(False)  # shown once there is a document to label
        if session is None:
            self._stack.setCurrentWidget(self.welcome)
            self.welcome.refresh()
            self.setWindowTitle("Annotator")
            self._update_enabled()
            return
        self._undo_group.addStack(session.undo_stack)
        self._undo_group.setActiveStack(session.undo_stack)
        session.bulk_runner = BulkRunner(self, session, self.jobs)
        self._build_project_ui(session)
        self._update_enabled()
        if self._tour_pending:  # the tour asked for the demo, which is now open
            self._tour_pending = False
            self._start_tour()

    def _build_project_ui(self, session: ProjectSession) -> None:
        self.controller = AnnotationController(session, self.active_pane, self)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.read_only_banner = QLabel(
            "Read-only: this project file cannot be written, so changes are disabled. "
            "Use File → Save a Copy to work on a copy.",
            page,
        )
        self.read_only_banner.setObjectName("read_only_banner")
        banner = self.read_only_banner
        ui_colors.follow(
            banner,
            lambda c: banner.setStyleSheet(
                f"#read_only_banner {{ background: {c.notice_box}; color: {c.notice_text};"
                f" padding: 6px 12px; border-bottom: 1px solid {c.notice_box_border}; }}"
            ),
        )
        self.read_only_banner.setVisible(session.read_only)
        layout.addWidget(self.read_only_banner)
        self.panes = PaneArea(session, page)
        layout.addWidget(self.panes, 1)
        self._stack.addWidget(page)
        self._stack.setCurrentWidget(page)
        self._project_widgets.append(page)

        self.label_palette = LabelPalette(session, self._toolbar, self._window_keys)
        self._toolbar.addWidget(self.label_palette)
        self.inspector = AnnotationInspector(session, self)
        self.annotation_list = AnnotationListPanel(session, self)
        # Behind tabs at start-up: made when first shown or asked for.
        self._search = DeferredPanel(lambda: self._make_search_panel(session))
        self._guidelines = DeferredPanel(lambda: self._make_guidelines(session))
        self._documents = DeferredPanel(lambda: self._make_documents_panel(session))
        self.claims = ClaimsWorkbench(session, self.panes, self.controller, self, _ranker(session))
        self._docks = self.dock_column.docks
        self.dock_column.fill(
            [
                self.inspector,
                self.annotation_list,
                self._search,
                self._guidelines,
                self.claims.deferred_panel,
                self.claims.deferred_suggestions,
                self._documents,
            ],
            self._settings.value("window/state"),
        )

        self._open_columns(session)
        self.panes.set_active_pane(self.panes.panes()[0])  # reading starts on the left
        self._connect_project_signals(session)
        self._rebuild_label_actions()
        self._update_toolbar()
        self._update_title()
        self._update_status()
        self.keys.focus_text()  # keys work at once: Shift+arrows select, 1–9 label
        if not session.read_only:
            self._start_hub_sync(HubSync.for_project(session.store, session))

    @property
    def search_panel(self) -> SearchPanel:
        """The Search dock's panel (made now if its dock has not been shown yet)."""
        return self._search.get()

    @property
    def guidelines(self) -> GuidelinesPanel:
        """The Guidelines dock's panel (made now if need be)."""
        return self._guidelines.get()

    @property
    def documents_panel(self) -> DocumentsPanel:
        """The Documents dock's panel (made now if need be)."""
        return self._documents.get()

    def _make_search_panel(self, session: ProjectSession) -> SearchPanel:
        from annotator.gui.reading.search_panel import SearchPanel

        panel = SearchPanel(session, self)
        panel.hit_activated.connect(self.panes.reveal_hit)
        panel.text_focus_requested.connect(self.keys.focus_text)
        panel.hits_changed.connect(self.panes.show_search_hits)
        pane = self.panes.active_pane()
        panel.set_current_document((pane.document_id or None) if pane is not None else None)
        return panel

    def _make_guidelines(self, session: ProjectSession) -> GuidelinesPanel:
        from annotator.gui.annotating.guidelines_dock import GuidelinesPanel

        return GuidelinesPanel(session, self)

    def _make_documents_panel(self, session: ProjectSession) -> DocumentsPanel:
        from annotator.gui.reading.documents_panel import DocumentsPanel

        panel = DocumentsPanel(session, self)
        panel.document_activated.connect(self._open_document)
        panel.text_focus_requested.connect(self.keys.focus_text)
        return panel

    def _start_hub_sync(self, hub_sync: HubSync | None) -> None:
        self._hub_sync = hub_sync
        if hub_sync is None:
            return
        hub_sync.state_changed.connect(self._on_hub_state)
        hub_sync.synced.connect(self._on_hub_synced)
        hub_sync.start()

    def _on_hub_state(self, text: str) -> None:
        health = self._hub_sync.health() if self._hub_sync else "ok"
        # A tone per health, so the line recolours itself when the scheme switches.
        tone = {"ok": "ok", "busy": "muted", "offline": "muted", "error": "error"}[health]
        ui_colors.set_tone(self._status_hub, tone)
        self._status_hub.setText(("● " if text else "") + text)
        self._status_hub.setToolTip(self._hub_sync.tooltip() if self._hub_sync else "")

    def _on_hub_synced(self, report: SyncReport) -> None:
        if self.session is not None and report.user != self.session.annotator:
            self._show_message(
                f"You annotate as {self.session.annotator}, but the hub knows you as "
                f"{report.user}: only {report.user}'s annotations are synced."
            )
        elif report.held:
            self._show_message("Not pushed: " + "; ".join(report.held))

    def _on_team_hub(self) -> None:
        from annotator.gui.project.team_hub_dialog import TeamHubDialog

        assert self.session is not None
        current = self._hub_sync.url if self._hub_sync else ""
        url = TeamHubDialog.ask(self, current, self._status_hub.text())
        if url is None:
            return
        if self._hub_sync is None:
            self._start_hub_sync(HubSync(self.session.store.path, url, self.session))
        assert self._hub_sync is not None
        self._hub_sync.join(url)

    def _on_sync_now(self) -> None:
        if self._hub_sync is None:
            self._on_team_hub()
        else:
            self._hub_sync.sync_now()

    def _open_columns(self, session: ProjectSession) -> None:
        """The columns the project was closed with, else DEFAULT_COLUMNS of its first
        documents; a remembered document that is gone gives way to the next one."""
        remembered = session.remembered_columns()[:MAX_PANES]
        if remembered:
            for document_id in remembered:
                self.panes.add_pane(document_id or None)
            return
        # Each column is made showing its document: made on the next one and then switched,
        # every text was laid out and highlighted twice at start-up (issue #15).
        ids = session.store.documents.ids()
        if not ids:
            self.panes.add_pane()  # an empty project still gets its one column
        for document_id in ids[:DEFAULT_COLUMNS]:
            self.panes.add_pane(document_id)

    def _on_guidelines_visibility(self, visible: bool) -> None:
        if visible and self.session is not None:
            self.guidelines.ensure_rendered()

    def _connect_project_signals(self, session: ProjectSession) -> None:
        controller = self.controller
        assert controller is not None
        # labelling
        self.label_palette.label_clicked.connect(controller.apply_label)
        self.label_palette.stance_clicked.connect(controller.apply_stance)
        controller.selected_span_changed.connect(self._on_selected_span_changed)
        controller.message_posted.connect(self._show_message)
        session.command_failed.connect(self._show_error_text)
        # panes
        self.panes.active_pane_changed.connect(self._on_active_pane_changed)
        for pane in self.panes.panes():
            self._connect_pane(pane)
        self.panes.pane_added.connect(self._connect_pane)  # Add Column, or a search hit's
        # docks
        self.annotation_list.annotation_activated.connect(self._go_to_annotation)
        self.claims.mention_requested.connect(self._go_to_annotation)
        self.claims.controller.message_posted.connect(self._show_message)
        # project-wide changes
        session.scheme_changed.connect(self._rebuild_label_actions)
        session.documents_changed.connect(self._update_done_action)
        session.documents_changed.connect(self._update_toolbar)
        # Bound methods, not lambdas: Qt drops them with the window, while the session and
        # its undo stack may outlive it.
        session.undo_stack.cleanChanged.connect(self._on_undo_state_changed)
        session.undo_stack.indexChanged.connect(self._on_undo_state_changed)
        session.pending_changed.connect(self._on_undo_state_changed)
        session.external_change_detected.connect(
            lambda: self._show_message(
                "The project was changed in another window; views refreshed."
            )
        )

    def _connect_pane(self, pane: DocumentPane) -> None:
        controller = self.controller
        assert controller is not None
        self.claims.connect_pane(pane)
        view = pane.view
        view.span_clicked.connect(controller.select_span)
        view.label_requested.connect(lambda label, p=pane: self._apply_label_in(p, label))
        view.stance_requested.connect(
            lambda span_id, stance: controller.apply_stance(stance, span_id)
        )
        view.delete_requested.connect(controller.delete)
        view.note_requested.connect(self._on_note_requested)
        pane.document_changed.connect(lambda _id, p=pane: self._on_pane_document_changed(p))
        view.selection_changed_range.connect(lambda _s, _e: self._update_palette_state())

    def _apply_label_in(self, pane: DocumentPane, label: str) -> None:
        assert self.controller is not None
        self.panes.set_active_pane(pane)
        self.controller.apply_label(label)

    def _tear_down_project(self) -> None:
        if self.session is None:
            return
        self.jobs.cancel_and_wait()  # a write under way rolls back: the project is as it was
        self.session.remember_columns([p.document_id or "" for p in self.panes.panes()])
        from annotator.gui.review.adjudication_view import AdjudicationView
        from annotator.gui.review.agreement_view import AgreementView

        for window_class in (AgreementView, AdjudicationView):
            window = window_class._open.pop(id(self.session), None)
            if window is not None:
                window.close()
        if self._hub_sync is not None:
            self._hub_sync.stop()
            self._hub_sync = None
            self._status_hub.clear()
        self.claims.close_windows()
        self.claims.deleteLater()
        self._undo_group.removeStack(self.session.undo_stack)
        self.dock_column.empty()
        self._set_checked("hide_panels", False)
        for dock in self._project_docks:
            self.removeDockWidget(dock)
            dock.deleteLater()
        self._project_docks = []
        for widget in self._project_widgets:
            self._stack.removeWidget(widget)
            widget.deleteLater()
        self._project_widgets = []
        self._toolbar.clear()
        self.menus.clear_scheme_actions()
        self.session.close()
        self.session = None
        self.controller = None

    # -- state -----------------------------------------------------------------------
    def active_pane(self) -> DocumentPane | None:
        return self.panes.active_pane() if self.session is not None else None

    def _update_enabled(self) -> None:
        has_project = self.session is not None
        writable = has_project and not (self.session and self.session.read_only)
        busy = self.jobs.running()  # a long job owns the project: nothing writes meanwhile
        self.menus.update_enabled(has_project, bool(writable) and not busy)
        if busy:
            self.actions_by_id["export_project"].setEnabled(False)
        if self.session is not None:
            # No active stack: Undo and Redo are disabled (Qt accepts null; the stubs don't).
            self._undo_group.setActiveStack(None if busy else self.session.undo_stack)  # type: ignore[arg-type]

    def _update_toolbar(self) -> None:
        """The labels toolbar, only once the project has a document: on a fresh project
        it was a greyed strip of buttons with nothing to apply them to (issue #13)."""
        has_documents = self.session is not None and self.session.store.documents.count() > 0
        if self._toolbar.isVisibleTo(self) != has_documents:
            self._toolbar.setVisible(has_documents)

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle("Annotator")
            return
        suffix = " [read-only]" if self.session.read_only else ""
        self.setWindowTitle(f"{self.session.store.path.name}{suffix} — Annotator")

    def _on_undo_state_changed(self, _value: object) -> None:
        self._update_status()

    def _update_status(self) -> None:
        if self.session is None:
            return
        name = html.escape(isolated(self.session.annotator), quote=False)
        self._status_annotator.setText(f"  Annotating as <b>{name}</b>  ")
        if self.session.read_only:
            saved = "Read-only"
        elif self.session.pending:  # the project was busy: kept, not yet saved
            count = self.session.pending
            saved = f"{count} change{'s' * (count > 1)} waiting to save (project busy)"
        else:
            saved = "✓ All changes saved"
        self._status_saved.setText(saved)

    def _update_done_action(self) -> None:
        pane = self.active_pane()
        if self.session is None or pane is None or not pane.document_id:
            return
        done = self.session.store.documents.is_done(pane.document_id, self.session.annotator)
        self._set_checked("toggle_done", done)

    def _rebuild_label_actions(self) -> None:
        if self.session is None or self.controller is None:
            return
        controller = self.controller
        self.menus.rebuild_scheme_actions(
            self.session.scheme,
            controller.apply_label,
            lambda s: controller.apply_stance(s),
            self.keys.set_document_stance,
            self._window_keys(),
        )
        self._update_enabled()

    # -- slots: selection and navigation ---------------------------------------------
    def _on_selected_span_changed(self, span_id: str | None) -> None:
        self.inspector.set_span(span_id)
        self._update_palette_state()
        for pane in self.panes.panes():
            pane.view.set_selected_span(
                span_id if pane.document_id and span_id and self._span_in(pane, span_id) else None
            )

    def _span_in(self, pane: DocumentPane, span_id: str) -> bool:
        assert self.session is not None
        try:
            return self.session.store.annotations.span(span_id).document_id == pane.document_id
        except AnnotatorError:
            return False

    def _on_active_pane_changed(self, pane: DocumentPane) -> None:
        self._let_go_of_an_annotation_elsewhere(pane)
        self._update_done_action()
        self._update_palette_state()
        self._tell_search(pane)

    def _on_pane_document_changed(self, pane: DocumentPane) -> None:
        self._update_done_action()
        if pane is self.active_pane():
            self._let_go_of_an_annotation_elsewhere(pane)
            self._tell_search(pane)

    def _tell_search(self, pane: DocumentPane) -> None:
        """The search panel's "This document" follows the active pane (once it is made)."""
        if self._search.built is not None:
            self._search.built.set_current_document(pane.document_id or None)

    def _let_go_of_an_annotation_elsewhere(self, pane: DocumentPane) -> None:
        """The selected annotation stops being selected when the keyboard moves to a column
        (Ctrl+Tab, F6) or an article it is not in: Delete, a stance key or a label key there
        changed an annotation in the column left behind (#13), which a click in the new
        column's text already let go of."""
        controller = self.controller
        if controller is None or self.session is None or controller.selected_span_id is None:
            return
        if not self._span_in(pane, controller.selected_span_id):
            controller.select_span(None)

    def _update_palette_state(self) -> None:
        """Labels need selected text (or an annotation to relabel); stances need an annotation."""
        if self.controller is None:
            return
        pane = self.active_pane()
        has_selection = pane is not None and pane.view.selection_range() is not None
        self.label_palette.set_enabled_for_selection(
            has_selection, self.controller.selected_span_id is not None
        )

    def _go_to_annotation(self, document_id: str, span_id: str) -> None:
        assert self.session is not None and self.controller is not None
        span = self.session.store.annotations.span(span_id)
        pane = self.panes.pane_showing(document_id)
        pane.view.scroll_to(span.start, span.end)
        self.controller.select_span(span_id)

    def _open_document(self, document_id: str) -> None:
        """A document chosen in the Documents panel: its column if one shows it, else the
        active column switches to it; the keyboard goes to its text."""
        if self.session is not None:
            self.panes.pane_showing(document_id)
            self.keys.focus_text()

    def _on_note_requested(self, span_id: str) -> None:
        assert self.controller is not None
        self.controller.select_span(span_id)
        self._docks[0].raise_()
        self.inspector.focus_note()

    # -- slots: actions --------------------------------------------------------------
    def _on_new_project(self) -> None:
        from annotator.gui.project.project_files import ask_new_path

        path = ask_new_path(self)
        if path is not None:
            self.project_requested.emit(path, True)

    def _on_open_project(self) -> None:
        from annotator.gui.project.project_files import ask_open_path

        path = ask_open_path(self)
        if path is not None:
            self.project_requested.emit(path, False)

    def _on_open_demo(self) -> None:
        self.demo_requested.emit()

    def _fill_recent_menu(self) -> None:
        self.menus.fill_recent_menu()

    def _on_save_copy(self) -> None:
        from annotator.gui.project.project_files import save_copy

        assert self.session is not None
        path = save_copy(self, self.session.store)
        if path is not None:
            self._show_message(f"Saved a copy to {path}")

    def _on_restore_backup(self) -> None:
        from annotator.gui.project.restore_backup_ui import run_restore

        assert self.session is not None
        kept = run_restore(
            self,
            self.session.store.path,
            close_project=lambda: self.set_session(None),
            reopen=lambda path: self.project_requested.emit(path, False),
        )
        if kept is not None:
            self._show_message(f"Restored. What the project held before is in {kept.name}.")

    def _on_import_files(self, paths: list[Path] | None = None) -> None:
        from annotator.gui.project.import_export_ui import run_import

        assert self.session is not None
        if self.jobs.running():  # a drop while another job runs: one at a time
            self._show_message("Wait until the job under way has finished, then import.")
            return
        job = run_import(self, self.session, paths)
        if job is not None:
            job.cancelled.connect(self._on_import_cancelled)
        self.jobs.hold(job)

    def _on_import_cancelled(self) -> None:
        job = self.sender()
        if isinstance(job, BackgroundJob) and job.is_dropped():
            return  # the project it was for is closed
        self._show_message("Import cancelled: nothing was imported; the project is unchanged.")

    def _on_export_project(self) -> None:
        from annotator.gui.project.import_export_ui import run_export

        assert self.session is not None
        run_export(self, self.session)

    def _on_merge_projects(self) -> None:
        from annotator.gui.review.merge_ui import run_merge

        assert self.session is not None
        job = run_merge(self, self.session)
        if job is not None:
            job.cancelled.connect(self._on_merge_cancelled)
        self.jobs.hold(job)

    def _on_merge_cancelled(self) -> None:
        job = self.sender()
        if isinstance(job, BackgroundJob) and job.is_dropped():
            return
        self._show_message("Merge cancelled: nothing was merged; the project is unchanged.")

    def _on_create_claim(self) -> None:
        if self.session is not None and self.claims.controller.create_claim():
            self._docks[4].show()
            self._docks[4].raise_()

    def _on_link_claim(self) -> None:
        if self.session is not None:
            self.claims.controller.link_selected()

    def _on_pick_claim(self) -> None:
        if self.session is not None:
            self.claims.controller.pick_and_link()

    def _on_unlink_claim(self) -> None:
        if self.session is not None:
            self.claims.controller.unlink()

    def _on_mark_silent(self) -> None:
        pane = self.active_pane()
        if self.session is not None and pane is not None:
            self.claims.controller.mark_silent(pane.document_id)

    def _on_said_by(self) -> None:
        if self.session is not None:
            self.claims.controller.said_by_selection()

    def _on_derived_from(self) -> None:
        pane = self.active_pane()
        if self.session is not None and pane is not None and pane.document_id:
            self.claims.ask_derived_from(pane.document_id)

    def _on_show_claim_matrix(self) -> None:
        if self.session is not None:
            self.claims.show_matrix()

    def _on_show_agreement(self) -> None:
        from annotator.gui.review.agreement_view import AgreementView

        assert self.session is not None
        view = AgreementView.open_for(self.session, self)
        if not getattr(view, "_wired_to_review", False):
            view.disagreements_requested.connect(self._open_review)
            view._wired_to_review = True  # type: ignore[attr-defined]

    def _on_review_disagreements(self) -> None:
        pane = self.active_pane()
        self._open_review(pane.document_id if pane is not None and pane.document_id else None)

    def _open_review(self, document_id: str | None = None) -> None:
        from annotator.gui.review.adjudication_view import AdjudicationView

        if self.session is not None:
            AdjudicationView.open_for(self.session, self, document_id or None)

    def _on_close_project(self) -> None:
        self.set_session(None)

    def _on_quit(self) -> None:
        self.close()

    def _on_delete_annotation(self) -> None:
        if self.controller is not None:
            self.controller.delete()

    def _on_find(self) -> None:
        if self.session is None:
            return
        self._docks[2].show()
        self._docks[2].raise_()
        self.search_panel.focus_search()

    def _on_filter_documents(self) -> None:
        if self.session is None:
            return
        self._docks[6].show()
        self._docks[6].raise_()
        self.documents_panel.focus_filter()

    def _on_edit_scheme(self) -> None:
        from annotator.gui.scheme.scheme_editor import SchemeEditorDialog

        assert self.session is not None
        SchemeEditorDialog.open_for(self.session, self, self._window_keys)

    def _on_hide_panels(self, hidden: bool) -> None:
        self.dock_column.hide_panels(hidden)
        self._set_checked("hide_panels", self.dock_column.panels_hidden())

    def _set_checked(self, action_id: str, checked: bool) -> None:
        action = self.actions_by_id[action_id]
        action.blockSignals(True)
        action.setChecked(checked)
        action.blockSignals(False)

    def _window_keys(self) -> dict[str, str]:
        """The keys this window's own actions have now (the analyst's, if changed), which a
        label or stance value cannot take: Qt would run neither."""
        actions = [*self.actions_by_id.values(), self._undo_action, self._redo_action]
        return {text_of(s): plain_name(a) for a in actions for s in a.shortcuts()}

    def _on_toggle_done(self, checked: bool) -> None:
        pane = self.active_pane()
        if self.session is None or pane is None or not pane.document_id:
            return
        self.session.undo_stack.push(SetDoneCommand(self.session, pane.document_id, checked))

    def _on_edit_metadata(self) -> None:
        from annotator.gui.project.document_metadata_dialog import DocumentMetadataDialog

        pane = self.active_pane()
        if self.session is not None and pane is not None and pane.document_id:
            DocumentMetadataDialog.edit(self, self.session, pane.document_id)

    def _on_change_annotator(self) -> None:
        self.annotator_change_requested.emit()

    def _on_add_pane(self) -> None:
        if self.session is None:
            return
        if self.panes.add_pane() is None:  # pane_added connects a new one
            self._show_message("Four columns at most: close one first.")
            return
        self.keys.focus_text()  # the new column is active: keys go to its text

    def _on_remove_pane(self) -> None:
        pane = self.active_pane()
        if pane is not None:
            self.panes.remove_pane(pane)

    def _on_next_pane(self) -> None:
        self.keys.step_pane(1)

    def _on_previous_pane(self) -> None:
        self.keys.step_pane(-1)

    def _on_choose_document(self) -> None:
        self.keys.focus_chooser()

    def _on_next_annotation(self) -> None:
        self.keys.step_annotation(1)

    def _on_previous_annotation(self) -> None:
        self.keys.step_annotation(-1)

    def _on_find_next(self) -> None:
        if self.session is not None:
            self.search_panel.next_hit(1)

    def _on_find_previous(self) -> None:
        if self.session is not None:
            self.search_panel.next_hit(-1)

    def _on_keyboard_shortcuts(self) -> None:
        from annotator.gui.shell.shortcut_sheet import ShortcutSheet

        ShortcutSheet.open_for(self, self._settings, self.menus)

    def _on_sync_scroll(self, checked: bool) -> None:
        if self.session is not None:
            self.panes.set_synchronized_scroll(checked)

    def _on_show_others(self, checked: bool) -> None:
        if self.session is not None:
            self.session.set_show_others(checked)

    def _on_user_guide(self) -> None:
        from annotator.gui.shell.help_window import HelpWindow, menu_shortcut_rows

        HelpWindow.open_for(self, menu_shortcut_rows(self.menuBar()))

    def _on_take_tour(self) -> None:
        from annotator.services.demo_tour import is_demo

        if self.session is not None and is_demo(self.session.store):
            self._start_tour()
            return
        self._tour_pending = True
        self.demo_requested.emit()

    def _start_tour(self) -> None:
        from annotator.gui.shell.tour_panel import show_tour

        if self.session is not None:
            # Not one of the dock column's: it belongs to this project and goes with it.
            self._project_docks.append(
                show_tour(self, self.session, self.panes, self.actions_by_id)
            )

    def _on_about(self) -> None:
        from annotator.gui.shell.about_dialog import AboutDialog

        AboutDialog.show_for(self, self.session)

    # -- feedback --------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def show_message(self, text: str) -> None:
        """A passing message in the status bar (automatic backups report through this)."""
        self._show_message(text)

    def _show_error_text(self, text: str) -> None:
        QMessageBox.warning(self, "Annotator", literal(text))  # errors quote file content

    def show_error(self, error: Exception) -> None:
        self._show_error_text(str(error))

    # -- drag and drop import ---------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session is not None and not self.session.read_only and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self._on_import_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.dock_column.state())
        self._tear_down_project()
        super().closeEvent(event)
