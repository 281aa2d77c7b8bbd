"""PySide6 6.12.0 decremented None's refcount on every QTextCursor.setPosition (abort on 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument
app = QGuiApplication([])
document = QTextDocument("x" * 100)
cursor = QTextCursor(document)
before = sys.getrefcount(None)
for i in range(1_000_000):
    cursor.setPosition(i % 100)
after = sys.getrefcount(None)
print(before - after)
"""


def test_set_position_does_not_leak_none_references():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    # An abort ("none_dealloc") shows up as a negative return code, not a dead pytest.
    assert result.returncode == 0, result.stderr[-2000:]
    dropped = int(result.stdout.strip().splitlines()[-1])
    assert dropped < 1000, f"None lost {dropped} references over 1,000,000 calls"
