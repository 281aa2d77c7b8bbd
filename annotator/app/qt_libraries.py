"""Find the system libraries Qt needs before Qt loads, and say which packages to install.

The PySide6 wheels bundle Qt but not the X11, OpenGL and font libraries it links to. On a
minimal Debian or Ubuntu, importing QtGui then dies with an ImportError ("libEGL.so.1: cannot
open shared object file"), and a missing xcb library aborts the process inside QApplication
with a message blaming xcb-cursor0. This module tries each library the way the dynamic
loader will and prints one `apt-get install` line instead.

Standard library only: `make run` and `make check` run it with the system Python
(`python3 -m annotator.app.qt_libraries --platform desktop`) before anything is installed.
The list was verified on a bare Debian 12 (debootstrap --variant=minbase) with PySide6 6.11.2.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# soname -> Debian/Ubuntu package. QtGui and QtWidgets link to these on every platform,
# including the offscreen one the tests use.
GUI_LIBRARIES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfreetype.so.6": "libfreetype6",
    "libfontconfig.so.1": "libfontconfig1",
}
# What the xcb platform plugin (the X11 desktop, and XWayland) loads on top.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
}
# Platforms that draw without a display server need only the GUI libraries.
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}


def required(platform: str) -> dict[str, str]:
    """The libraries `platform` needs: a Qt platform name, or "desktop" for the default."""
    if platform in HEADLESS_PLATFORMS:
        return dict(GUI_LIBRARIES)
    return {**GUI_LIBRARIES, **XCB_LIBRARIES}


def platform_from_environment(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The platform Qt will try first: QT_QPA_PLATFORM's first entry, else "desktop"."""
    value = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    return value or "desktop"


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        # A frozen bundle may carry the library next to the executable.
        bundled = getattr(sys, "_MEIPASS", None)
        if bundled is None or not (Path(bundled) / soname).is_file():
            return False
    return True


def missing(platform: str, loads: Callable[[str], bool] | None = None) -> dict[str, str]:
    """The libraries of `platform` the dynamic loader cannot find, soname -> package."""
    loads = loads or _loads
    return {soname: package for soname, package in required(platform).items() if not loads(soname)}


def apt_line(absent: dict[str, str]) -> str:
    return "apt-get install " + " ".join(sorted(set(absent.values())))


def message(absent: dict[str, str], *, has_apt: bool | None = None) -> str:
    """What to tell the user: the missing libraries and the one command that installs them."""
    if has_apt is None:
        has_apt = shutil.which("apt-get") is not None
    names = ", ".join(sorted(absent))
    lines = [f"annotator: Qt needs system libraries that are not installed: {names}."]
    if has_apt:
        lines += [
            "Install them once, as root (for example with sudo):",
            f"    {apt_line(absent)}",
        ]
    else:
        lines.append(
            "Install the packages that provide them with your distribution's package manager "
            f"(on Debian and Ubuntu: {apt_line(absent)})."
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Exit 1 naming the apt-get line when Qt's system libraries are missing."
    )
    parser.add_argument(
        "--platform",
        default=None,
        help="Qt platform to check for: desktop (X11/Wayland) or offscreen "
        "(default: from QT_QPA_PLATFORM, else desktop)",
    )
    args = parser.parse_args(argv)
    absent = missing(args.platform or platform_from_environment())
    if absent:
        print(message(absent), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
