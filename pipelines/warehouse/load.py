"""Bulk loads of staged frames into a DuckDB warehouse file that is not published yet.

`load_staged` creates (or continues) an unpublished file: it runs `sql/ddl/`, carries over the
rows of the current warehouse (`base`, attached read-only), registers the staged Arrow tables as
`stg_*` and runs `sql/load/` in name order, loads the roster and fetch records
(`pipelines.warehouse.roster`), then recreates `sql/views/`. Every insert is a
set-based INSERT … SELECT over Arrow: no row-by-row inserts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipelines.warehouse import stage
from pipelines.warehouse.roster import load_roster
from pipelines.warehouse.sqlfiles import read_sql, run_file, run_folder, sql_files

# The CLI analysts use (PyPI duckdb-cli 1.5) cannot read the default storage format of the
# duckdb 2.0 library; files written with this version open in both.
STORAGE_VERSION = "v1.5.0"

# A warehouse file is opened with DuckDB's extensions as installed: never fetched from the network
# nor loaded on sight of a file they read (a file with a SQLite header would fetch sqlite_scanner).
SAFE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def connect(path: str | Path = ":memory:", *, read_only: bool = False, **config: Any) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with extension auto-install and auto-load off."""
    return duckdb.connect(str(path), read_only=read_only, config={**SAFE_CONFIG, **config})


@dataclass
class LoadSummary:
    db_path: Path
    files_seen: int = 0
    reports_new: int = 0
    reports_unchanged: int = 0
    duplicates: int = 0
    quarantined_new: int = 0
    superseded: int = 0
    files_skipped: int = 0
    carried_from: Path | None = None
    schema_changed: bool = True
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether publishing this file would change what analysts see."""
        return bool(self.reports_new or self.superseded or self.schema_changed)


def schema_fingerprint() -> str:
    """sha256 over the DDL and view files: a warehouse built with other SQL needs republishing."""
    digest = hashlib.sha256()
    for path in [*sql_files("ddl"), *sql_files("views")]:
        digest.update(path.name.encode() + b"\0" + read_sql(path).encode() + b"\0")
    return digest.hexdigest()


def _literal(path: Path) -> str:
    # ATTACH takes no prepared parameters: quote the path as a SQL string literal.
    return "'" + str(path).replace("'", "''") + "'"


def attach(con: duckdb.DuckDBPyConnection, path: Path, alias: str, *, read_only: bool = False) -> None:
    options = "READ_ONLY" if read_only else f"STORAGE_VERSION '{STORAGE_VERSION}'"
    con.execute(f"ATTACH {_literal(path)} AS {alias} ({options})")


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() AS c "
        "JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name) "
        "WHERE c.database_name = $db AND c.schema_name = 'main' ORDER BY c.table_name, c.column_index",
        {"db": catalog},
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def carry_over(con: duckdb.DuckDBPyConnection, source: str, target: str) -> dict[str, int]:
    """Copy every table the target schema also has, by column name (a column the DDL added gets
    its default; one it dropped is left behind). Returns rows copied per table."""
    src, dst = _tables(con, source), _tables(con, target)
    copied = {}
    for table, columns in dst.items():
        common = [c for c in columns if c in src.get(table, [])]
        if not common:
            continue
        cols = ", ".join(f'"{c}"' for c in common)
        con.execute(f'INSERT INTO {target}.main."{table}" ({cols}) '
                    f'SELECT {cols} FROM {source}.main."{table}"')
        copied[table] = con.execute(f'SELECT count(*) FROM {target}.main."{table}"').fetchone()[0]
    return copied


def register_staged(con: duckdb.DuckDBPyConnection, staged: Mapping[str, pa.Table] | Sequence[Path]) -> None:
    """Expose the staged tables to the load SQL as stg_<name>: Arrow tables (zero-copy scans), or
    staging folders whose Parquet files DuckDB reads itself (several times faster than
    converting Arrow's large strings)."""
    for name in stage.STAGED_TABLES:
        if isinstance(staged, Mapping):
            con.register(f"stg_{name}", staged[name])
            continue
        files = sorted(str(p) for folder in staged for p in (folder / name).glob("*.parquet"))
        if files:
            con.read_parquet(files).create_view(f"stg_{name}", replace=True)
        else:
            con.register(f"stg_{name}", stage.empty_arrow(name))


def load_into(
    con: duckdb.DuckDBPyConnection, staged: Mapping[str, pa.Table] | Sequence[Path], ingested_at: datetime
) -> dict[str, Any]:
    """Run `sql/load/` on the attached, current catalog. A file named *_counts.sql is one SELECT
    whose row becomes parameters of the files after it (80_run_counts feeds 90_ingest_run)."""
    register_staged(con, staged)
    params: dict[str, Any] = {
        "ingested_at": ingested_at, "finished_at": None,
        "schema_fingerprint": schema_fingerprint(), "storage_version": STORAGE_VERSION,
        "built_at": ingested_at,
    }
    for path in sql_files("load"):
        if path.name.startswith("90_"):
            params["finished_at"] = datetime.now()
        result = run_file(con, path, params)
        if path.stem.endswith("_counts"):  # a one-row SELECT whose columns become parameters
            names = [d[0] for d in result.description]
            params.update(zip(names, result.fetchone(), strict=True))
    for name in stage.STAGED_TABLES:
        con.execute(f"DROP VIEW IF EXISTS temp.stg_{name}")
        # a staging folder's Parquet files were registered as a view of the warehouse file itself
        con.execute(f"DROP VIEW IF EXISTS main.stg_{name}")
    return params


def _fingerprint_of(con: duckdb.DuckDBPyConnection, catalog: str) -> str | None:
    if "warehouse_meta" not in _tables(con, catalog):
        return None
    row = con.execute(
        f"SELECT value FROM {catalog}.main.warehouse_meta WHERE key = 'schema_fingerprint'"
    ).fetchone()
    return row[0] if row else None


def load_staged(
    staging_dir: str | Path | Sequence[Path],
    db_path: str | Path,
    *,
    base: str | Path | None = None,
    ingested_at: datetime | None = None,
    raw_dir: str | Path | None = None,
    roster_csv: str | Path | None = None,
) -> LoadSummary:
    """Load a staging folder (or several: the partitions of one) into `db_path` (created if
    missing), first carrying over `base`; then the roster (the gazetteer's governments and
    `roster_csv`) and the fetch records found in `raw_dir`.

    `db_path` must not be the published warehouse: the build writes a new file and `publish`
    swaps it in. `base` (the published warehouse) is only ever attached read-only.
    """
    started = datetime.now()
    db_path = Path(db_path)
    ingested_at = ingested_at or started
    summary = LoadSummary(db_path=db_path)
    con = connect(threads=2)
    con.execute("SET enable_progress_bar = false")  # a library call prints nothing
    try:
        attach(con, db_path, "wh")
        con.execute("USE wh")
        run_folder(con, "ddl")
        if base is not None and Path(base).exists():
            attach(con, Path(base), "prev", read_only=True)
            summary.carried_from = Path(base)
            summary.schema_changed = _fingerprint_of(con, "prev") != schema_fingerprint()
            carry_over(con, "prev", "wh")
            con.execute("DETACH prev")
        con.execute("BEGIN")
        folders = [Path(staging_dir)] if isinstance(staging_dir, (str, Path)) else [Path(d) for d in staging_dir]
        params = load_into(con, folders, ingested_at)
        load_roster(con, raw_dir=raw_dir, roster_csv=roster_csv, built_at=ingested_at)
        run_folder(con, "views")
        con.execute("COMMIT")
        for key in ("files_seen", "reports_new", "reports_unchanged", "duplicates", "quarantined_new",
                    "superseded", "files_skipped"):
            setattr(summary, key, int(params[key]))
        con.execute("USE memory")
        con.execute("CHECKPOINT wh")
        con.execute("DETACH wh")
    finally:
        con.close()
    summary.seconds = (datetime.now() - started).total_seconds()
    return summary
