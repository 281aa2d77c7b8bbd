"""The periodic backup check of a project that has been closed does nothing.

A session outlives its store for a while (Qt deletes it later); its timer firing then
asked the closed connection for its data version and raised sqlite3.ProgrammingError
in the event loop (seen in a full test run slower than the one-minute interval).
"""

from __future__ import annotations

from annotator.gui.project.backup_timer import BackupTimer
from annotator.gui.session import ProjectSession


def test_a_check_after_the_project_closed_stops_the_timer(session: ProjectSession) -> None:
    timer = BackupTimer(session)
    timer.start()
    session.store.close()
    timer.check()  # raised "Cannot operate on a closed database"
    assert not timer._timer.isActive()
