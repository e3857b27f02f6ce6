"""The real pairs of copies in ../shared/corpus (a crawler's text and the page it was taken from),
for the tests of reconciliation; empty where ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
# (crawler text, page): the same report, as SOURCES.md says
PAIRS = (("v2019_10.txt", "v2019_05.html"), ("v2021_13.txt", "v2021_04.html"))
TABLES = ("active", "applications", "review_litigation")


def real_pairs() -> list[tuple[Path, Path, dict]]:
    """(crawler text, page, gold) for each pair present."""
    out = []
    for text, page in PAIRS:
        gold = SHARED / (text.rsplit(".", 1)[0] + ".gold.json")
        if (SHARED / text).is_file() and (SHARED / page).is_file() and gold.is_file():
            out.append((SHARED / text, SHARED / page, json.loads(gold.read_text(encoding="utf-8"))))
    return out


def gold_cells(gold: dict) -> dict[str, object]:
    return {f"{t}/{r}/{c}": v for t in TABLES for r, cols in (gold.get(t) or {}).items() for c, v in cols.items()}
