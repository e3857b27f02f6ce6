"""The real reports in ../shared, for tests that read them (skipped cleanly where it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

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
