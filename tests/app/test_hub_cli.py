"""`annotator hub init|grant|blind|status` and `annotator sync`: the team-hub contract."""

from __future__ import annotations

from pathlib import Path

from annotator.app.cli import main
from annotator.hub.address import with_user
from annotator.store.project_store import ProjectStore


def test_a_lead_an_annotator_and_a_reviewer_use_the_commands(postgres, tmp_path: Path, capsys):
    owner = postgres.new_database("hub_cli")
    lead = tmp_path / "lead.annotator"
    assert main(["init", str(lead), "--demo"]) == 0
    assert main(["hub", "init", owner, "--from", str(lead)]) == 0
    assert "Blind mode is on" in capsys.readouterr().out
    assert main(["hub", "grant", owner, "alice", "--role", "annotator", "--no-password"]) == 0
    assert main(["hub", "grant", owner, "rita", "--role", "reviewer", "--no-password"]) == 0
    assert "rita is now a reviewer" in capsys.readouterr().out
    alice = tmp_path / "alice.annotator"
    assert main(["init", str(alice)]) == 0
    assert main(["sync", str(alice), "--hub", with_user(owner, "alice")]) == 0
    first = capsys.readouterr().out
    # What was added, in merge's words.
    assert "as alice (annotator)" in first and " documents, " in first and "scheme entries" in first
    assert main(["sync", str(alice)]) == 0  # the hub is remembered
    assert "pushed 0 changes; pulled nothing new." in capsys.readouterr().out
    with ProjectStore.open(alice) as mine, ProjectStore.open(lead, read_only=True) as theirs:
        assert mine.documents.count() == theirs.documents.count() > 0
    assert main(["hub", "status", owner]) == 0
    out = capsys.readouterr().out
    assert "alice" in out and "reviewer" in out and "blind mode on" in out
    assert main(["hub", "blind", owner, "off"]) == 0
    assert "Blind mode is off." in capsys.readouterr().out


def test_errors_are_one_line_and_change_nothing(postgres, tmp_path: Path, capsys):
    owner = postgres.new_database("hub_cli_errors")
    lead = tmp_path / "lead.annotator"
    main(["init", str(lead), "--demo"])
    main(["hub", "init", owner, "--from", str(lead)])
    main(["hub", "grant", owner, "alice", "--role", "annotator", "--no-password"])
    capsys.readouterr()
    alice = tmp_path / "alice.annotator"
    main(["init", str(alice)])
    before = alice.read_bytes()
    for argv in (
        ["sync", str(alice), "--hub", f"postgresql://alice@/nowhere?host={tmp_path}"],
        ["sync", str(alice), "--hub", "postgresql://alice:hunter2@localhost/hub"],
        ["sync", str(alice)],  # no hub remembered yet
        ["hub", "blind", with_user(owner, "alice"), "off"],
        ["hub", "grant", with_user(owner, "alice"), "mallory", "--role", "lead", "--no-password"],
        ["hub", "init", owner, "--from", str(lead)],  # already a hub
    ):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert err.startswith("annotator: error: ") and err.count("\n") == 1, err
        assert "hunter2" not in err
    assert alice.read_bytes() == before
