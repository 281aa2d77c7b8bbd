"""One freedesktop app id everywhere; `make install-desktop` puts the files under DATA_HOME.

The files' validity is checked by `make validate-desktop` (desktop-file-validate,
appstreamcli, update-mime-database), which .ci/run runs.
"""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from annotator import APP_ID

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "desktop"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_app_id_names_the_launcher_the_metainfo_and_the_icon() -> None:
    assert sorted(p.name for p in DESKTOP.iterdir()) == [
        f"{APP_ID}.desktop",
        f"{APP_ID}.metainfo.xml",
        f"{APP_ID}.mime.xml",
    ]
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "annotator %f"
    metainfo = ET.parse(DESKTOP / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    for needed in ("summary", "description", "screenshots", "releases", "content_rating"):
        assert metainfo.find(needed) is not None, needed
    gui_main = (ROOT / "annotator" / "app" / "gui_main.py").read_text("utf-8")
    assert "setDesktopFileName(APP_ID)" in gui_main
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert f"APP_ID = {APP_ID}\n" in makefile


def test_the_icons_are_scalable_and_256_px() -> None:
    icons = ROOT / "resources" / "icons"
    assert ET.parse(icons / "annotator.svg").getroot().tag.endswith("svg")
    header = (icons / "annotator-256.png").read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert (width, height) == (256, 256)


def test_the_project_type_is_the_one_the_launcher_opens() -> None:
    mime = ET.parse(DESKTOP / f"{APP_ID}.mime.xml").getroot()
    (mime_type,) = mime.findall(f"{MIME_NS}mime-type")
    assert desktop_entry()["MimeType"] == mime_type.get("type") + ";"
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == "*.annotator"
    metainfo = ET.parse(DESKTOP / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("provides/mediatype") == mime_type.get("type")


def test_install_desktop_puts_everything_under_data_home(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "install-desktop", f"DATA_HOME={tmp_path}",
         "EXEC=/opt/annotator/annotator"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    launcher = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert "Exec=/opt/annotator/annotator %f\n" in launcher.read_text("utf-8")
    for installed in (
        f"metainfo/{APP_ID}.metainfo.xml",
        f"mime/packages/{APP_ID}.xml",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"icons/hicolor/256x256/apps/{APP_ID}.png",
    ):
        assert (tmp_path / installed).is_file(), installed
