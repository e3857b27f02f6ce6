"""Bulk loads of staged frames into a DuckDB warehouse file that is not published yet.

`load_staged` creates (or continues) an unpublished file: it runs `sql/ddl/`, carries over the
rows of the current warehouse (`base`, attached read-only), registers the staged Arrow tables as
`stg_*` and runs `sql/load/` in name order — right after `70_current.sql` it loads the roster and
fetch records (`pipelines.warehouse.roster`) and reconciles the copies of each report
(`settle_copies`, `pipelines.reconcile`) — then recreates `sql/views/`. Every insert is a
set-based INSERT … SELECT over Arrow: no row-by-row inserts.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines import spec
from pipelines.parse.report import Cell, Issue, Report
from pipelines.reconcile import DOUBT_CODES, RECONCILED_LAYOUT, Reconciled, are_copies, reconcile
from pipelines.warehouse import stage
from pipelines.warehouse.roster import gazetteer_governments, load_roster
from pipelines.warehouse.sqlfiles import SQL_DIR, literal, read_sql, run_file, run_folder, sql_files

# The CLI analysts use (PyPI duckdb-cli 1.5) cannot read the default storage format of the
# duckdb 2.0 library; files written with this version open in both.
STORAGE_VERSION = "v1.5.0"

# A warehouse file is opened with DuckDB's extensions as installed: never fetched from the network
# nor loaded on sight of a file they read (a file with a SQLite header would fetch sqlite_scanner).
SAFE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# The load's working memory (DuckDB's buffer pool: the staged Parquet scanned, the new rows before
# they are written): bounded, so that the build's peak does not grow with the reports loaded —
# past it DuckDB writes to a temporary folder beside the new file instead.
LOAD_MEMORY_LIMIT = "1536MB"
LOAD_THREADS = 2


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
    reconciled_new: int = 0  # reconciled versions added (copies of one report read as one)
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


def register_staged(con: duckdb.DuckDBPyConnection, staged: Mapping[str, pa.Table] | Sequence[Path],
                    loaded: Iterable[str] = ()) -> None:
    """Expose the staged tables to the load SQL as stg_<name>: Arrow tables (zero-copy scans), or
    staging folders whose Parquet files DuckDB reads itself (several times faster than
    converting Arrow's large strings). The tables named in `loaded` are exposed empty: their new
    rows are in the warehouse already (`FactLoad`)."""
    loaded = set(loaded)
    for name in stage.STAGED_TABLES:
        if name in loaded:
            con.register(f"stg_{name}", stage.empty_arrow(name))
            continue
        if isinstance(staged, Mapping):
            con.register(f"stg_{name}", staged[name])
            continue
        files = sorted(str(p) for folder in staged for p in (folder / name).glob("*.parquet"))
        if files:
            con.read_parquet(files).create_view(f"stg_{name}", replace=True)
        else:
            con.register(f"stg_{name}", stage.empty_arrow(name))


# the load file after which the current versions are settled, so that copies can be reconciled
# before what depends on them (totals, run counts) is computed
CURRENT_FILE = "70_current.sql"


def load_into(
    con: duckdb.DuckDBPyConnection, staged: Mapping[str, pa.Table] | Sequence[Path], ingested_at: datetime,
    after_current: Callable[[], None] | None = None, loaded: Iterable[str] = (), fingerprint: str | None = None,
) -> dict[str, Any]:
    """Run `sql/load/` on the attached, current catalog. A file named *_counts.sql is one SELECT
    whose row becomes parameters of the files after it (80_run_counts feeds 90_ingest_run).
    `after_current` runs right after CURRENT_FILE (by default: the copies reconciled); `loaded`
    names the staged tables whose new rows were loaded batch by batch already (`FactLoad`);
    `fingerprint`, the `schema_fingerprint` when worked out already."""
    register_staged(con, staged, loaded)
    params: dict[str, Any] = {
        "ingested_at": ingested_at, "finished_at": None,
        "schema_fingerprint": fingerprint or schema_fingerprint(), "storage_version": STORAGE_VERSION,
        "built_at": ingested_at,
    }
    for path in sql_files("load"):
        if path.name.startswith("90_"):
            params["finished_at"] = datetime.now()
        result = run_file(con, path, params)
        if path.name == CURRENT_FILE:
            if after_current is None:
                settle_copies(con, ingested_at)
            else:
                after_current()
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
    facts: FactLoad | None = None,
) -> LoadSummary:
    """Load a staging folder (or several: the partitions of one) into `db_path` (created if
    missing), first carrying over `base`; then the roster (the gazetteer's governments and
    `roster_csv`) and the fetch records found in `raw_dir`.

    `db_path` must not be the published warehouse: the build writes a new file and `publish`
    swaps it in. `base` (the published warehouse) is only ever attached read-only. `facts`: the
    file opened, carried over and given the staged batches' fact rows while they were parsed
    (`FactLoad`; its `db_path` and `base` are then the ones used).
    """
    if facts is None:
        facts = FactLoad(db_path, base=base, batched=False)
        facts.open()
    return facts.finish(staging_dir, ingested_at=ingested_at, raw_dir=raw_dir, roster_csv=roster_csv)


# the staged tables whose new rows `FactLoad` inserts batch by batch, by the load SQL's file that
# inserts them otherwise
BATCH_LOADED = ("active", "application", "review_litigation")
FACTS_FILE = "40_facts.sql"


class FactLoad:
    """A new warehouse file being loaded: `open` creates it (DDL, the rows of `base` carried
    over), `add_batch` inserts one staged batch's fact rows as soon as the batch is written,
    `finish` runs the load SQL over the whole staging (its fact files, `sql/load/40_facts.sql`,
    left out when every batch was added) and closes the file.

    The build adds each batch while the next ones are parsed: 40_facts.sql runs on the batch (its
    staged tables bound to the batch's files, `new_report` to the batch's reports the warehouse
    does not hold yet: not in `base`, not in an earlier batch). `batched=False` adds nothing:
    `finish` loads every table by the SQL.

    The batches and the load SQL after them are one transaction, begun by `open` and committed by
    `finish`: a batch's rows join the table's row groups, written whole as they fill, instead of
    each batch's commit writing them to the log and checkpointing the tables it touched."""

    def __init__(self, db_path: str | Path, *, base: str | Path | None = None, batched: bool = True) -> None:
        self.db_path = Path(db_path)
        self.base = Path(base) if base is not None and Path(base).exists() else None
        self.batched = batched
        self.summary = LoadSummary(db_path=self.db_path)
        self.open_seconds = 0.0  # creating the file and carrying `base` over
        self.fingerprint: str | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self.batches: list[tuple[Path, str]] = []
        self.loaded: set[str] = set()  # the reports whose cells are in the file: carried over, or added

    def open(self) -> None:
        started = time.perf_counter()
        con = self.con = connect(threads=LOAD_THREADS, memory_limit=LOAD_MEMORY_LIMIT,
                                 temp_directory=str(self.db_path.with_name(self.db_path.name + ".tmp")))
        try:
            con.execute("SET enable_progress_bar = false")  # a library call prints nothing
            attach(con, self.db_path, "wh")
            con.execute("USE wh")
            run_folder(con, "ddl")
            self.fingerprint = schema_fingerprint()
            if self.base is not None:
                attach(con, self.base, "prev", read_only=True)
                self.summary.carried_from = self.base
                self.summary.schema_changed = _fingerprint_of(con, "prev") != self.fingerprint
                carry_over(con, "prev", "wh")
                con.execute("DETACH prev")
            if self.batched:
                self.loaded = {rid for (rid,) in con.execute("SELECT report_id FROM dim_report").fetchall()}
                for name in BATCH_LOADED:  # what a batch without a table's file stages of it
                    con.register("empty_staged", stage.empty_arrow(name))
                    con.execute(f"CREATE TEMP TABLE empty_stg_{name} AS SELECT * FROM empty_staged")
                    con.unregister("empty_staged")
                con.execute("BEGIN")
                # what `finish` works out whatever the reports, worked out while they are parsed
                gazetteer_governments()
                for path in (*sql_files("load"), *sql_files("views")):
                    read_sql(path)
        except BaseException:
            self.close()
            raise
        self.open_seconds = time.perf_counter() - started

    def add_batch(self, folder: Path, part: str) -> None:
        """Insert the fact rows of one staged batch (`<folder>/<table>/<part>.parquet`)."""
        con = self.con
        assert con is not None and self.batched
        report = folder / "report" / f"{part}.parquet"
        if not report.exists():
            return
        ids = pq.read_table(report, columns=["report_id"]).column(0).to_pylist()
        copies = Counter(rid for rid in ids if rid not in self.loaded)
        if copies:
            # the load SQL's staged tables and new reports, bound to the batch
            for name in BATCH_LOADED:
                path = folder / name / f"{part}.parquet"
                source = f"read_parquet({literal(str(path))})" if path.exists() else f"temp.empty_stg_{name}"
                con.execute(f"CREATE OR REPLACE TEMP VIEW stg_{name} AS SELECT * FROM {source}")
            con.register("new_report", pa.table({"report_id": list(copies), "copies": list(copies.values())}))
            try:
                run_file(con, SQL_DIR / "load" / FACTS_FILE)
            finally:  # (the load SQL over the whole staging binds these names to its own)
                con.unregister("new_report")
                for name in BATCH_LOADED:
                    con.execute(f"DROP VIEW IF EXISTS temp.stg_{name}")
            self.loaded.update(copies)
        self.batches.append((folder, part))

    def finish(self, staging_dir: str | Path | Sequence[Path], *, ingested_at: datetime | None = None,
               raw_dir: str | Path | None = None, roster_csv: str | Path | None = None) -> LoadSummary:
        """Add the batches not added yet, run the load SQL and the views, and close the file."""
        started = time.perf_counter()
        con, summary = self.con, self.summary
        assert con is not None
        ingested_at = ingested_at or datetime.now()
        folders = [Path(staging_dir)] if isinstance(staging_dir, (str, Path)) else [Path(d) for d in staging_dir]
        try:
            loaded: tuple[str, ...] = ()
            if self.batched:
                done = set(self.batches)
                for folder in folders:
                    for part in sorted(f.stem for f in (folder / "report").glob("*.parquet")):
                        if (folder, part) not in done:
                            self.add_batch(folder, part)
                loaded = BATCH_LOADED
            else:
                con.execute("BEGIN")

            # the roster and fetch records first: a page and the attachment it links to are copies
            def after_current() -> None:
                load_roster(con, raw_dir=raw_dir, roster_csv=roster_csv, built_at=ingested_at)
                summary.reconciled_new = settle_copies(con, ingested_at)

            params = load_into(con, folders, ingested_at, after_current=after_current, loaded=loaded,
                               fingerprint=self.fingerprint)
            run_folder(con, "views")
            con.execute("COMMIT")
            for key in ("files_seen", "reports_new", "reports_unchanged", "duplicates", "quarantined_new",
                        "superseded", "files_skipped"):
                setattr(summary, key, int(params[key]))
            con.execute("USE memory")
            con.execute("CHECKPOINT wh")
            con.execute("DETACH wh")
        finally:
            self.close()
        summary.seconds = self.open_seconds + time.perf_counter() - started
        return summary

    def interrupt(self) -> None:
        """Stop the statement running (from another thread): it raises there."""
        if self.con is not None:
            self.con.interrupt()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


# ------------------------------------------------------------------------------------------------
# Copies of one report, reconciled (pipelines.reconcile) into a version of their own

_CANDIDATES = """
WITH usable AS (
    SELECT * FROM dim_report
    WHERE status <> 'quarantined' AND layout IS DISTINCT FROM $reconciled
      AND agency_id IS NOT NULL AND year IS NOT NULL
),
doubt_on_continuity AS (
    SELECT DISTINCT u.report_key FROM usable u
    JOIN parse_issue i ON i.report_id = u.report_id
    WHERE u.is_current AND list_contains($doubt_codes, i.code)
      AND (i.location = $table OR starts_with(i.location, $table || '/' || $row))
      AND EXISTS (SELECT 1 FROM usable p WHERE p.agency_id = u.agency_id AND p.year = u.year - 1)
)
SELECT report_key, any_value(year) AS year, bool_or(continuity) AS continuity FROM (
    -- files at several paths (one path's versions replace each other: never copies)
    SELECT report_key, year, false AS continuity FROM usable
    WHERE report_key IN (SELECT report_key FROM usable GROUP BY report_key HAVING count(DISTINCT source_path) > 1)
    UNION ALL SELECT report_key, year, false FROM dim_report WHERE layout = $reconciled
    UNION ALL SELECT report_key, year, true FROM usable WHERE report_key IN (SELECT report_key FROM doubt_on_continuity)
) GROUP BY report_key ORDER BY year, report_key
"""

_FACTS = {table: (fact, row_col, col_col, measure) for table, fact, row_col, col_col, measure in (
    ("active", "fact_active_disclosure", "item", "metric", "value"),
    ("applications", "fact_application", "row_code", "applicant_type", "count"),
    ("review_litigation", "fact_review_litigation", "group_code", "outcome", "count"),
)}


def _readings(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, tuple[dict[str, Any], Report]]:
    """report_id -> (its dim_report row, the Report its warehouse rows give back)."""
    if not ids:
        return {}
    con.register("settle_ids", pa.table({"report_id": list(ids)}))
    try:
        cursor = con.execute("SELECT * FROM dim_report WHERE report_id IN (SELECT report_id FROM settle_ids)")
        names = [d[0] for d in cursor.description]
        rows = {r["report_id"]: r for r in (dict(zip(names, t, strict=True)) for t in cursor.fetchall())}
        reports = {rid: Report(path=r["source_path"], agency=r["agency"], year=r["year"], template=r["template"],
                               title=r["title"], layout=r["layout"], encoding=r["encoding"], sha256=r["sha256"],
                               parser_version=r["parser_version"])
                   for rid, r in rows.items()}
        for table, (fact, row_col, col_col, measure) in _FACTS.items():
            for rid, row, col, value, where, raw in con.execute(
                    f"SELECT report_id, {row_col}, {col_col}, {measure}, source_location, raw_text FROM {fact} "
                    "WHERE report_id IN (SELECT report_id FROM settle_ids) ORDER BY report_id, rowid").fetchall():
                getattr(reports[rid], table).setdefault(row, {})[col] = value
                if where is not None or raw is not None:
                    reports[rid].provenance[f"{table}/{row}/{col}"] = Cell(where or "", raw or "")
        for rid, code, severity, where, message in con.execute(
                "SELECT report_id, code, severity, location, message FROM parse_issue "
                "WHERE report_id IN (SELECT report_id FROM settle_ids) ORDER BY report_id, issue_no").fetchall():
            reports[rid].issues.append(Issue(code, severity, where or "", message or ""))
        for rid, table, row, no, col, value in con.execute(
                "SELECT report_id, table_name, row_code, alternative_no, col_code, value FROM row_alternative "
                "WHERE report_id IN (SELECT report_id FROM settle_ids) "
                "ORDER BY report_id, table_name, row_code, alternative_no").fetchall():
            readings = reports[rid].alternatives.setdefault(f"{table}/{row}", [])
            while no >= len(readings):
                readings.append({})
            readings[no][col] = value
    finally:
        con.unregister("settle_ids")
    return {rid: (rows[rid], reports[rid]) for rid in rows}


def _linked(con: duckdb.DuckDBPyConnection) -> set[frozenset[str]]:
    """Pairs of file contents (sha256) fetched as a report page and an attachment it links to."""
    rows = con.execute(
        "SELECT a.sha256, p.sha256 FROM fetch_record a JOIN fetch_record p ON a.parent_url = p.url "
        "WHERE a.sha256 IS NOT NULL AND p.sha256 IS NOT NULL").fetchall()
    return {frozenset(r) for r in rows}


def _version_id(report: Report) -> str:
    return stage.report_id(report.sha256 or "", report.parser_version)


def settle_copies(con: duckdb.DuckDBPyConnection, ingested_at: datetime) -> int:
    """Reconcile, per agency and year, the current version with the other versions that are copies
    of it (`pipelines.reconcile.are_copies`: a page and its attachment, or agreeing wherever both
    are certain; any other version is a revision and stays history), and its continuity row with
    the previous year. Where that says more than the current version alone, a reconciled version
    (layout reconciled, named by its readings: the same readings give the same version) becomes
    current and its copies are superseded by it. Returns reconciled versions added."""
    table, this_row, _ = spec.CONTINUITY
    keys = con.execute(_CANDIDATES, {"reconciled": RECONCILED_LAYOUT, "doubt_codes": sorted(DOUBT_CODES),
                                     "table": table, "row": this_row}).fetchall()
    if not keys:
        return 0
    linked = _linked(con)
    # the current version first, then the latest reading at each other path (a path's older bytes
    # or parser versions are history, never a copy)
    versions = con.execute(
        "SELECT report_key, report_id FROM dim_report WHERE report_key IN (SELECT unnest($keys)) "
        "AND status <> 'quarantined' AND layout IS DISTINCT FROM $reconciled "
        "QUALIFY row_number() OVER (PARTITION BY report_key, source_path "
        "                           ORDER BY is_current DESC, ingested_at DESC, report_id) = 1 "
        "ORDER BY report_key, is_current DESC, ingested_at DESC, report_id",
        {"keys": [k for k, _, _ in keys], "reconciled": RECONCILED_LAYOUT}).fetchall()
    by_key: dict[str, list[str]] = {}
    for key, rid in versions:
        by_key.setdefault(key, []).append(rid)
    readings = _readings(con, [rid for _, rid in versions])
    # the previous year's current reading of each agency whose continuity row is in doubt, as the
    # warehouse holds it (read in one go: nothing below changes dim_report before the loop ends),
    # unless this loop settled that year first
    priors = _priors(con, [k for k, _, continuity in keys if continuity])
    settled: dict[tuple[str, int], Report] = {}
    added: list[Reconciled] = []
    current_of: dict[str, str] = {}
    for key, _, continuity in keys:
        ids = by_key.get(key)
        if not ids:
            continue
        row, current = readings[ids[0]]
        group = [current] + [readings[i][1] for i in ids[1:]
                             if are_copies(current, readings[i][1],
                                           linked=frozenset({current.sha256, readings[i][1].sha256}) in linked)]
        prior = None
        if continuity:
            prior = settled.get((row["agency_id"], row["year"] - 1)) or priors.get((row["agency_id"], row["year"] - 1))
        result = reconcile(group, prior)
        settled[(row["agency_id"], row["year"])] = result.report if result.changed else current
        if not result.changed:
            current_of[key] = ids[0]
            continue
        current_of[key] = _version_id(result.report)
        added.append(result)
    new = _insert_reconciled(con, added, ingested_at)
    con.register("settle_current", pa.table({"report_key": list(current_of), "current_id": list(current_of.values())}))
    try:
        con.execute("""
            UPDATE dim_report AS d
            SET is_current = (d.report_id = c.current_id),
                superseded_by = CASE WHEN d.report_id = c.current_id THEN NULL ELSE c.current_id END
            FROM settle_current AS c
            WHERE d.report_key = c.report_key AND d.status <> 'quarantined'
              AND (d.is_current IS DISTINCT FROM (d.report_id = c.current_id)
                   OR d.superseded_by IS DISTINCT FROM
                      CASE WHEN d.report_id = c.current_id THEN NULL ELSE c.current_id END)""")
    finally:
        con.unregister("settle_current")
    return new


def _priors(con: duckdb.DuckDBPyConnection, report_keys: Sequence[str]) -> dict[tuple[str, int], Report]:
    """(agency_id, year) -> the current reading of the year before each of `report_keys`' reports,
    where there is one: one query and one read of the facts for them all, not one per report."""
    if not report_keys:
        return {}
    rows = con.execute(
        "SELECT p.agency_id, p.year, p.report_id FROM dim_report AS p "
        "JOIN (SELECT DISTINCT agency_id, year FROM dim_report WHERE report_key IN (SELECT unnest($keys))) AS k "
        "  ON p.agency_id = k.agency_id AND p.year = k.year - 1 "
        "WHERE p.is_current "
        "QUALIFY row_number() OVER (PARTITION BY p.agency_id, p.year ORDER BY p.report_id) = 1",
        {"keys": list(report_keys)}).fetchall()
    readings = _readings(con, [rid for _, _, rid in rows])
    return {(aid, year): readings[rid][1] for aid, year, rid in rows}


def _evidence_rows(result: Reconciled, rid: str) -> Iterable[dict[str, Any]]:
    for key, e in result.evidence.items():
        table, row, col = key.split("/", 2)
        yield {"report_id": rid, "table_name": table, "row_code": row, "col_code": col,
               "value": stage._decimal(e.value), "evidence": e.kind,
               "sources": [{"report_id": stage.report_id(s.sha256 or "", s.parser_version), "source_path": s.path,
                            "location": s.where, "raw_text": s.raw, "value": stage._decimal(s.value),
                            "certain": s.certain, "role": s.role} for s in e.sources]}


def _insert_reconciled(con: duckdb.DuckDBPyConnection, results: list[Reconciled], ingested_at: datetime) -> int:
    """Add the reconciled versions the warehouse does not hold yet, with their facts, issues,
    readings and evidence."""
    have = {r[0] for r in con.execute("SELECT report_id FROM dim_report WHERE layout = $l",
                                      {"l": RECONCILED_LAYOUT}).fetchall()}
    fresh: dict[str, Reconciled] = {}
    for result in results:
        rid = _version_id(result.report)
        if rid not in have:
            fresh.setdefault(rid, result)
    if not fresh:
        return 0
    frames = stage.frames(r.report for r in fresh.values())
    copies = [{"report_id": rid, "member_id": _version_id(r), "role": "primary" if n == 0 else "copy", "rank": n + 1}
              for rid, res in fresh.items() for n, r in enumerate(res.copies)]
    copies += [{"report_id": rid, "member_id": _version_id(res.prior), "role": "prior_year",
                "rank": len(res.copies) + 1} for rid, res in fresh.items() if res.prior is not None]
    evidence = [e for rid, res in fresh.items() for e in _evidence_rows(res, rid)]
    source = pa.struct([("report_id", pa.string()), ("source_path", pa.string()), ("location", pa.string()),
                        ("raw_text", pa.string()), ("value", pa.decimal128(20, 6)), ("certain", pa.bool_()),
                        ("role", pa.string())])
    evidence_schema = pa.schema([("report_id", pa.string()), ("table_name", pa.string()), ("row_code", pa.string()),
                                 ("col_code", pa.string()), ("value", pa.decimal128(20, 6)),
                                 ("evidence", pa.string()), ("sources", pa.list_(source))])
    staged = {f"settle_{name}": frame.to_arrow() for name, frame in frames.items() if name != "skipped"}
    staged["settle_copy"] = pa.Table.from_pylist(copies)
    staged["settle_evidence"] = pa.Table.from_pylist(evidence, schema=evidence_schema)
    for name, table in staged.items():
        con.register(name, table)
    try:
        con.execute("""
            INSERT INTO dim_report BY NAME
            SELECT report_id, agency_id, agency, year, template, source_path, sha256, parser_version,
                   $ingested_at AS ingested_at, status, false AS is_current, report_key, title, layout, encoding,
                   n_errors, n_warnings, n_infos, has_active, has_applications, has_review_litigation
            FROM settle_report""", {"ingested_at": ingested_at})
        for table, (fact, *_) in _FACTS.items():
            name = stage.FACT_TABLES[table][0]
            con.execute(f"INSERT INTO {fact} BY NAME SELECT * FROM settle_{name}")
        con.execute("INSERT INTO parse_issue BY NAME SELECT * FROM settle_issue")
        con.execute("INSERT INTO report_copy BY NAME SELECT * FROM settle_copy")
        con.execute("INSERT INTO cell_evidence BY NAME SELECT * FROM settle_evidence")
    finally:
        for name in staged:
            con.unregister(name)
    return len(fresh)
