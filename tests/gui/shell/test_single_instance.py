"""A second launch hands its files to the running instance over the local socket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.gui.shell import single_instance

FORWARD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from annotator.gui.shell.single_instance import forward_or_listen\n"
    "app = QCoreApplication([])\n"
    "server = forward_or_listen(sys.argv[1], [Path(p) for p in sys.argv[2:]])\n"
    "print('listening' if server else 'forwarded')\n"
)


@pytest.fixture
def name(tmp_path: Path) -> str:
    return str(tmp_path / "annotator-test.socket")


def test_a_second_launch_forwards_its_files_and_exits(qtbot, name: str, tmp_path: Path) -> None:
    server = single_instance.forward_or_listen(name, [])
    assert server is not None
    project = tmp_path / "p.annotator"
    with qtbot.waitSignal(server.files_received, timeout=10_000) as received:
        child = subprocess.Popen(
            [sys.executable, "-c", FORWARD, name, str(project)], stdout=subprocess.PIPE, text=True
        )
    out, _ = child.communicate(timeout=20)
    assert (child.returncode, out.strip()) == (0, "forwarded")
    assert received.args == [[project.resolve()]]
    server.close()


def test_a_socket_left_by_a_crash_is_replaced(qtbot, name: str) -> None:
    Path(name).write_bytes(b"")  # what a killed process leaves: a socket file nobody serves
    server = single_instance.forward_or_listen(name, [])
    assert server is not None
    with qtbot.waitSignal(server.files_received, timeout=10_000) as received:
        child = subprocess.Popen([sys.executable, "-c", FORWARD, name], stdout=subprocess.PIPE)
    child.communicate(timeout=20)
    assert child.returncode == 0 and received.args == [[]]
    server.close()


def test_an_instance_that_does_not_answer_is_reported(name: str) -> None:
    from PySide6.QtNetwork import QLocalServer

    silent = QLocalServer()
    assert silent.listen(name)  # accepts connections but never reads them
    with pytest.raises(single_instance.InstanceNotAnsweringError, match="already running"):
        single_instance.forward_or_listen(name, [])
    silent.close()


def test_the_socket_lives_in_the_users_runtime_dir_when_it_fits(monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/run/user/1000")
    path = single_instance.socket_path("org.example.App")
    assert Path(path).parent == Path("/run/user/1000") and "org.example.App" in path
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/run/" + "x" * 120)  # too long for a socket path
    assert len(single_instance.socket_path("org.example.App")) <= 100
