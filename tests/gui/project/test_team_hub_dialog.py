"""File → Team Hub…: the address is checked (no password), and the status line's words."""

from __future__ import annotations

import datetime as dt

from annotator.gui.project.hub_sync import HubSync, ago
from annotator.gui.project.team_hub_dialog import TeamHubDialog


def test_a_password_is_refused_and_wiped_from_the_field(qtbot):
    dialog = TeamHubDialog(None)
    qtbot.addWidget(dialog)
    dialog.address.setText("postgresql://alice:hunter2@hub.example.org/desk")
    dialog.join_button.click()
    assert not dialog.result()
    assert "pgpass" in dialog.problem.text()
    assert "hunter2" not in dialog.address.text() + dialog.problem.text()
    assert dialog.address.text() == "postgresql://alice@hub.example.org/desk"


def test_a_good_address_is_accepted(qtbot):
    dialog = TeamHubDialog(None)
    qtbot.addWidget(dialog)
    dialog.address.setText(" postgresql://alice@hub.example.org/desk?sslmode=verify-full ")
    dialog.join_button.click()
    assert dialog.result() == TeamHubDialog.DialogCode.Accepted
    assert dialog.url() == "postgresql://alice@hub.example.org/desk?sslmode=verify-full"


def test_an_empty_address_asks_for_one(qtbot):
    dialog = TeamHubDialog(None, status="Team hub: offline, 3 changes waiting")
    qtbot.addWidget(dialog)
    dialog.join_button.click()
    assert dialog.problem.text() == "Give the hub's address."


def test_the_status_line_says_how_long_ago(tmp_path, qapp):
    now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
    assert ago("2026-12-03T11:59:30+00:00", now) == "just now"
    assert ago("2026-12-03T11:58:00+00:00", now) == "2 min ago"
    assert ago("2026-12-03T09:00:00+00:00", now) == "3 h ago"
    assert ago("2026-11-30T09:00:00+00:00", now) == "on 2026-11-30"
    hub_sync = HubSync(tmp_path / "p.annotator", "postgresql://alice:pw@h/d")
    assert hub_sync.tooltip().startswith("postgresql://alice@h/d")
    hub_sync._error = "cannot reach the hub at postgresql://alice@h/d: timeout"
    hub_sync._waiting = 14
    assert hub_sync.status_text() == "Team hub: offline, 14 changes waiting"
    hub_sync._error = "alice has no role on the hub"
    assert hub_sync.status_text() == "Team hub: alice has no role on the hub"
