"""Find and run the SQL files under `sql/`: every statement of the warehouse lives there.

A file may hold several statements; each is run with exactly the `$name` parameters it uses,
taken from one dict, so a file can be both plain DDL and a parametrised load step.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


def sql_files(folder: str | Path) -> list[Path]:
    """The .sql files of a folder of `sql/` (or any folder), in name order."""
    path = Path(folder)
    if not path.is_absolute():
        path = SQL_DIR / path
    return sorted(path.glob("*.sql"))


def run_file(
    con: duckdb.DuckDBPyConnection, path: Path, params: Mapping[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Run every statement of one file; returns the connection holding the last result."""
    params = params or {}
    result = con
    for statement in con.extract_statements(path.read_text(encoding="utf-8")):
        needed = statement.named_parameters
        missing = needed - params.keys()
        if missing:
            raise KeyError(f"{path.name}: no value for parameter(s) {', '.join(sorted(missing))}")
        result = con.execute(statement, {k: params[k] for k in needed}) if needed else con.execute(statement)
    return result


def run_folder(
    con: duckdb.DuckDBPyConnection, folder: str | Path, params: Mapping[str, Any] | None = None
) -> None:
    for path in sql_files(folder):
        run_file(con, path, params)
