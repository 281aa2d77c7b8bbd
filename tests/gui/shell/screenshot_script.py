"""docs/screenshots/make_screenshots.py loaded as a module, for the tests that drive its
Studio (the dark-mode and window-matrix checks look at the very windows it shoots)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "make_screenshots.py"


def screenshot_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_screenshots", module)
    spec.loader.exec_module(module)
    return module
