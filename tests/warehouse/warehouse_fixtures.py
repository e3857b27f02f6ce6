"""Helpers for the warehouse tests: a raw folder made from the shared labelled corpus, built
into a warehouse with the gold files standing in for the parser."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from pipelines.flow.build import build as build_warehouse
from pipelines.warehouse.gold import gold_report

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SOURCES = [SHARED / "corpus", SHARED / "seeds"]


def copy_corpus(dest: Path) -> Path:
    """Copy the labelled raw files (and their gold files) into `dest`; skip when absent."""
    if not all(s.is_dir() for s in SOURCES):
        pytest.skip("shared corpus not available")
    dest.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        for f in source.iterdir():
            if f.is_file():
                shutil.copy2(f, dest / f.name)
    return dest


def build(raw: Path, warehouse: Path, when: str = "2025-02-01 03:00", **kwargs):
    """`xxgk build` as the library runs it; without the GX checks unless asked (tests/quality has them)."""
    kwargs.setdefault("workers", 1)
    kwargs.setdefault("parser", gold_report)
    kwargs.setdefault("validate", False)
    return build_warehouse(raw, warehouse, ingested_at=datetime.fromisoformat(when), **kwargs)


