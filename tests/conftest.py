"""Shared fixtures: the real reports in ../shared (skipped cleanly where that folder is absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def gold_pairs(folder: str) -> list[tuple[Path, dict]]:
    """(raw file, gold dict) for every gold file in ../shared/<folder>."""
    root = SHARED / folder
    if not root.is_dir():
        return []
    pairs = []
    for gold in sorted(root.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        raws = [p for p in root.glob(stem + ".*") if not p.name.endswith(".gold.json")]
        if raws:
            pairs.append((raws[0], json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
