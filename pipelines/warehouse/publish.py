"""Atomic publishing: the new warehouse file replaces the old one in a single rename.

An analyst holding the old file open read-only keeps reading the old inode; the next connection
sees the new file. A build that dies before `publish` leaves the published file untouched: the
build never opens it read-write (DuckDB admits one read-write or many read-only connections
across processes, never both).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb


class PublishError(RuntimeError):
    pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify(path: Path) -> None:
    """The file must be complete (no write-ahead log left) and open read-only with its tables."""
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        raise PublishError(f"{path} still has a write-ahead log ({wal.name}): it was not closed cleanly")
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            con.execute("SELECT count(*) FROM dim_report").fetchone()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise PublishError(f"{path} is not a readable warehouse: {exc}") from exc


def publish(new_path: str | Path, path: str | Path) -> Path:
    """Swap `new_path` in as `path` (same folder, so os.replace is one atomic rename)."""
    new_path, path = Path(new_path), Path(path)
    if new_path.resolve().parent != path.resolve().parent:
        raise PublishError(f"{new_path} must sit in the same folder as {path} to be swapped in atomically")
    verify(new_path)
    _fsync(new_path)
    os.replace(new_path, path)
    _fsync(path.parent)  # make the rename itself durable
    return path
