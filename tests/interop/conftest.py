"""Every test here runs another tool's own library; `make interop-test` installs them."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/interop/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.interop)
