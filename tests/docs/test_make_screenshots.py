"""`make screenshots` works: a small run of the script photographs the annotated demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "screenshots" / "make_screenshots.py"

pytestmark = pytest.mark.slow


def test_the_script_photographs_each_scene_it_is_asked_for(tmp_path: Path, qapp) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, SCRIPT, "--out", tmp_path / "all", "--readme", tmp_path / "readme",
         "--sizes", "1366x768", "--themes", "light", "--scenes", "main,matrix,help"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert names == [
        "help-1366x768-light.png", "main-1366x768-light.png", "matrix-1366x768-light.png",
    ]  # fmt: skip
    for name in names:
        image = QImage(str(tmp_path / "all" / name))
        assert image.width() >= 1366 and image.height() >= 768
        # Not a blank grab: the pictures hold many colours (text, highlights, markers).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}  # fmt: skip
        assert len(colours) > 50, name
    # Only the README's pictures that were taken are copied for it.
    readme = sorted(p.name for p in (tmp_path / "readme").iterdir())
    assert readme == [
        "help-1366x768-light.png",
        "main-1366x768-light.png",
        "matrix-1366x768-light.png",
    ]


def test_an_unknown_scene_is_refused() -> None:
    result = subprocess.run(
        [sys.executable, SCRIPT, "--scenes", "nonsense"], capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "unknown scenes: nonsense" in result.stderr


def test_at_scale_2_the_pictures_have_twice_the_pixels(tmp_path: Path, qapp) -> None:
    """--scale 2 is a high-DPI screen (QT_SCALE_FACTOR=2): the grab has 2x device pixels and
    is not copied for the README (issue #13: High-DPI)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, SCRIPT, "--out", tmp_path / "all", "--readme", tmp_path / "readme",
         "--sizes", "1366x768", "--themes", "light", "--scenes", "main", "--scale", "2"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "larger than asked" not in result.stdout
    (name,) = [p.name for p in (tmp_path / "all").iterdir()]
    assert name == "main-1366x768-light@2x.png"
    image = QImage(str(tmp_path / "all" / name))
    assert (image.width(), image.height()) == (2732, 1536)
    assert not (tmp_path / "readme").exists() or not any((tmp_path / "readme").iterdir())
