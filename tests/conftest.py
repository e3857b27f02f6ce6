"""Shared fixtures: the real reports in ../shared (skipped cleanly where that folder is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from shared_data import SHARED

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# CI runs the property tests on a fixed sequence of examples, so a landing never depends on
# luck; local runs explore new examples every time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
