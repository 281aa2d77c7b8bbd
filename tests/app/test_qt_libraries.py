"""Missing Qt system libraries are named with the one apt-get line, before Qt loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator.app import cli, qt_libraries


def test_offscreen_needs_the_gui_libraries_and_the_desktop_the_xcb_ones_too() -> None:
    offscreen = qt_libraries.required("offscreen")
    desktop = qt_libraries.required("desktop")
    assert {"libEGL.so.1", "libGL.so.1", "libfontconfig.so.1"} <= offscreen.keys()
    assert "libxcb-cursor.so.0" not in offscreen
    assert offscreen.keys() < desktop.keys()
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libx11-xcb1"} <= set(desktop.values())


def test_the_platform_is_read_from_qt_qpa_platform() -> None:
    assert qt_libraries.platform_from_environment({}) == "desktop"
    assert qt_libraries.platform_from_environment({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert qt_libraries.platform_from_environment({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert qt_libraries.platform_from_environment({"QT_QPA_PLATFORM": "vnc:size=800x600"}) == "vnc"


def test_the_message_gives_one_apt_line_without_sudo() -> None:
    absent = {"libEGL.so.1": "libegl1", "libglib-2.0.so.0": "libglib2.0-0"}
    absent["libgthread-2.0.so.0"] = "libglib2.0-0"
    text = qt_libraries.message(absent, has_apt=True)
    assert "libEGL.so.1" in text
    lines = [line.strip() for line in text.splitlines() if "apt-get" in line]
    assert lines == ["apt-get install libegl1 libglib2.0-0"]
    assert "sudo apt" not in text
    assert "apt-get install libegl1" in qt_libraries.message(absent, has_apt=False)


def test_this_machine_has_the_libraries_the_tests_need() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator.app.qt_libraries", "--platform", "offscreen"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_app_refuses_to_start_naming_the_missing_packages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(qt_libraries, "_loads", lambda soname: soname != "libEGL.so.1")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    started: list[object] = []
    monkeypatch.setattr("annotator.app.gui_main.run_gui", lambda *a, **k: started.append(a))
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert "libEGL.so.1" in err and "apt-get install libegl1" in err
    assert started == []


def test_the_script_exits_1_with_the_message(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(qt_libraries, "_loads", lambda soname: not soname.startswith("libxcb"))
    assert qt_libraries.main(["--platform", "desktop"]) == 1
    assert "libxcb-cursor0" in capsys.readouterr().err
    assert qt_libraries.main(["--platform", "offscreen"]) == 0
