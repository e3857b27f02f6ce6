"""Shared fixtures: the real reports in ../shared (skipped cleanly where that folder is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shared_data import SHARED

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
