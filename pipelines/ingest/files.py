"""The raw folder as files: which files are reports to read, and what each one's bytes are.

`raw_files` is the one listing every caller shares (`xxgk parse DIR`, the build, the Dagster
sensor and schedule); `scan` records each file's mtime, size and sha256 so a caller can tell
new, changed and removed files from the ones it has seen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

# Names in a raw folder that are not reports: labels and the folder's own README.
SKIPPED_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = frozenset({"README.md"})


class RawFolderError(RuntimeError):
    """The raw folder cannot be listed (it does not exist, or is not a folder)."""


def raw_files(raw_dir: str | Path) -> list[Path]:
    """Every report file under `raw_dir`, sorted: hidden files, gold labels and README skipped."""
    root = Path(raw_dir)
    if not root.is_dir():
        raise RawFolderError(f"raw folder {root} does not exist")
    return sorted(
        p for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not p.name.endswith(SKIPPED_SUFFIXES) and p.name not in SKIPPED_NAMES
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(raw_dir: Path, previous: Mapping[str, list] | None = None) -> dict[str, list]:
    """path -> [mtime_ns, size, sha256] of every raw file; a file whose mtime and size match
    `previous` keeps its recorded sha256 instead of being read again."""
    previous = previous or {}
    out = {}
    for path in raw_files(raw_dir.resolve()):
        st = path.stat()
        key = str(path)
        seen = previous.get(key)
        same = seen is not None and seen[0] == st.st_mtime_ns and seen[1] == st.st_size
        out[key] = [st.st_mtime_ns, st.st_size, seen[2] if same else file_sha256(path)]
    return out
