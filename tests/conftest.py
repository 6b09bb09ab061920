"""Test set-up shared by all tests.

UI tests run on a real X server when one can be had (pytest-xvfb starts Xvfb on Linux), so
that the OpenGL 3D view is tested too; elsewhere Qt falls back to the offscreen platform.
Settings and user data go to a temporary folder, never to the developer's own.
"""

from __future__ import annotations

import os
import sys
import tempfile

import pytest

_HOME = tempfile.mkdtemp(prefix="optviz-test-home-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")
os.environ.setdefault("OPTVIZ_DATA_DIR", os.path.join(_HOME, "optviz-data"))


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    # Runs after pytest-xvfb's own hook: DISPLAY is set by now when Xvfb is installed.
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        if os.environ.get("CI") == "true":
            raise RuntimeError(
                "CI needs Xvfb for the UI and 3D tests: install the packages in .ci/run"
            )
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
