"""Fixtures for the warehouse tests (helpers in warehouse_fixtures.py, importable by test modules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from warehouse_fixtures import build, copy_corpus


@pytest.fixture(scope="module")
def corpus_warehouse(tmp_path_factory) -> tuple[Path, Path]:
    """(raw folder, built warehouse) shared by the read-only tests of a module."""
    root = tmp_path_factory.mktemp("wh")
    raw = copy_corpus(root / "raw")
    warehouse = root / "xxgk.duckdb"
    build(raw, warehouse)
    return raw, warehouse
