"""Build or refresh the warehouse: lock → parse → load → validate → publish.

Two entry points share one sequence and one publishing rule:

    build(raw_dir, warehouse)            `xxgk build`: parse every raw file into a temporary
                                         staging folder, then load, validate and publish
    load_and_publish(staged, warehouse)  the Dagster job's warehouse step: the parse step is the
                                         `parsed_reports` asset, which keeps staging per partition

A build starts from the rows of the current warehouse (attached read-only and copied into a file
created from today's DDL), so history is kept and the published file is never opened read-write.
Validation runs on the new file before it is published, so what analysts see always carries the
check results of its own data; its pages (Data Docs) are written aside and swapped in right after
the warehouse, the pair under blocked SIGTERM/SIGINT, never before it. A build that changes nothing
publishes nothing (`should_publish`).

What can fail late is checked first, with a one-line error (`BuildError`): the warehouse is a
DuckDB file or absent, and no other process holds it open for writing. On SIGTERM or SIGINT the
build stops its workers, removes its staging and raises `BuildInterrupted`; staging left by a
build that was killed outright is removed by the next build of the same warehouse.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines import paths
from pipelines.ingest.files import path_text, raw_listing
from pipelines.quality import validate as validation
from pipelines.quality.validate import ValidationSummary, validate_warehouse
from pipelines.warehouse import stage as staging_tables
from pipelines.warehouse.build import (
    BuildError,
    BuildInterrupted,
    FileLimits,
    Parser,
    Progress,
    StageSummary,
    batch_names,
    build_lock,
    parse_to_parquet,
)
from pipelines.warehouse.load import LOAD_THREADS, FactLoad, LoadSummary, connect, load_staged
from pipelines.warehouse.publish import publish

__all__ = ["BuildError", "BuildInterrupted", "BuildResult", "build", "check_warehouse", "load_and_publish",
           "should_publish"]

# the first bytes of a DuckDB database file: a block checksum, then the magic
_DUCKDB_MAGIC, _DUCKDB_MAGIC_AT = b"DUCK", 8

Log = Callable[[str], None]  # hears each step as it starts ("loading", "validating" …) and lock waits


@dataclass
class BuildResult:
    warehouse: Path
    load: LoadSummary
    published: bool
    reason: str  # why the build published, or why not
    stage: StageSummary | None = None  # the parse step, when this call ran it
    validation: ValidationSummary | None = None  # None when nothing was published or checks were off
    publish_seconds: float = 0.0
    seconds: float = 0.0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # raw entries not read: (path, reason)


def check_warehouse(warehouse: Path) -> None:
    """Raise BuildError, in one line, when the build could only fail late on this warehouse: it
    is not a DuckDB file (nor absent), or another process holds it open for writing."""
    if not warehouse.exists():
        if warehouse.is_symlink():
            raise BuildError(f"--warehouse {path_text(warehouse)} is a broken symbolic link")
        return
    if not warehouse.is_file():
        raise BuildError(f"--warehouse {path_text(warehouse)} is not a file (a folder?)")
    try:
        with open(warehouse, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BuildError(f"--warehouse {path_text(warehouse)} cannot be read: {exc.strerror or exc}") from exc
    if head[_DUCKDB_MAGIC_AT:_DUCKDB_MAGIC_AT + len(_DUCKDB_MAGIC)] != _DUCKDB_MAGIC:
        kind = "a SQLite database" if head.startswith(b"SQLite format 3") else "not a DuckDB file"
        raise BuildError(f"--warehouse {path_text(warehouse)} is {kind}: name a DuckDB file, or a new path")
    try:
        connect(warehouse, read_only=True).close()
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "lock" in first.lower():
            raise BuildError(f"{path_text(warehouse)} is open for writing in another process (an analyst's "
                             f"read-write session?): close it, or open it read-only, and build again") from exc
        raise BuildError(f"{path_text(warehouse)} cannot be opened as a DuckDB file: {first}") from exc


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM raises BuildInterrupted (SIGINT raises KeyboardInterrupt as always), so that the
    build unwinds: workers stopped, staging removed. Only the main thread can take signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise BuildInterrupted(f"stopped by {signal.Signals(signum).name}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT held back (delivered on leaving) while the warehouse and its pages are
    swapped in: a build stopped then has published both or neither."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGTERM, signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _staging_prefix(warehouse: Path) -> str:
    return f".staging-{warehouse.name}-"


def remove_leftovers(warehouse: Path) -> list[Path]:
    """Remove what builds of `warehouse` killed outright left beside it: staging folders and an
    unpublished file. Only under the build lock (nobody else's then)."""
    removed = []
    folder = warehouse.parent
    for pattern in (f"{_staging_prefix(warehouse)}*", f".{warehouse.name}.new-*"):
        for leftover in folder.glob(pattern):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def should_publish(load: LoadSummary, *, fresh: bool, exists: bool) -> tuple[bool, str]:
    """Whether a loaded build replaces the published warehouse, and why: only when analysts would
    see something new — a new or superseded report, other DDL or views, a fresh start, or no
    warehouse yet. Same files and same SQL publish nothing (and are not validated again)."""
    if not exists:
        return True, "no warehouse yet"
    if fresh:
        return True, "a fresh build, history dropped"
    if load.reports_new or load.superseded:
        return True, f"{load.reports_new} new reports, {load.superseded} versions superseded"
    if load.schema_changed:
        return True, "the warehouse's SQL (DDL or views) changed"
    return False, "nothing changed, the warehouse is as it was"


def build(
    raw_dir: str | Path,
    warehouse: str | Path,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    fresh: bool = False,
    validate: bool = True,
    docs_dir: str | Path | None = None,
    run_id: str | None = None,
    ingested_at: datetime | None = None,
    lock_wait: float = 0,
    log: Log | None = None,
    roster_csv: str | Path | None = None,
    limits: FileLimits | None = None,
    docs: bool = True,
) -> BuildResult:
    """Parse every raw file under `raw_dir` and publish a warehouse holding them (`xxgk build`).

    `fresh` starts from an empty warehouse instead of the current one (history is then lost);
    `validate=False` publishes without the GX checks (check_result stays empty); `docs=False`
    validates without writing Data Docs; `roster_csv` adds an analyst's roster of agencies to the
    gazetteer's (`pipelines.warehouse.roster`).
    """
    started = time.perf_counter()
    raw_dir = Path(raw_dir).resolve()
    warehouse = Path(warehouse).resolve()
    docs_dir = Path(docs_dir).resolve() if docs_dir is not None else None
    roster_csv = Path(roster_csv).resolve() if roster_csv is not None else None
    listing = raw_listing(raw_dir)
    skipped = [(path_text(p), reason) for p, reason in listing.skipped]
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with _stopped_by_signals(), build_lock(warehouse, wait=lock_wait, on_wait=log):
        check_warehouse(warehouse)
        remove_leftovers(warehouse)
        with tempfile.TemporaryDirectory(prefix=_staging_prefix(warehouse), dir=warehouse.parent) as staging:
            _say(log, "parsing")
            # what validating imports is imported meanwhile, by the build's own process (which
            # otherwise only waits on the workers)
            importing = threading.Thread(target=_prepare_validation, name="xxgk-import-gx", daemon=True)
            if validate:
                importing.start()
            # the new file is opened and given each batch's cells while the next batches parse
            new_path = _new_path(warehouse)
            facts = FactLoad(new_path, base=None if fresh else warehouse)
            loader = _BatchLoader(facts, Path(staging), batch_names(len(listing.files), workers=workers))
            try:
                loader.start()
                stage = parse_to_parquet(listing.files, staging, workers=workers, progress=progress, parser=parser,
                                         limits=limits, on_batch=loader.ready)
                loader.join()
                if validate:
                    importing.join()
                stage.skipped = len(skipped)
                staging_tables.write_parquet({"skipped": staging_tables.skipped_frame(skipped)}, staging, "skipped")
                result = _load_validate_publish([Path(staging)], warehouse, fresh=fresh, validate=validate,
                                                docs_dir=docs_dir, run_id=run_id, ingested_at=ingested_at, log=log,
                                                raw_dir=raw_dir, roster_csv=roster_csv, docs=docs, facts=facts)
            finally:
                loader.stop()
                _remove_new(new_path)
    result.stage = stage
    result.skipped = skipped
    result.seconds = time.perf_counter() - started
    return result


def load_and_publish(
    staged: Sequence[str | Path],
    warehouse: str | Path,
    *,
    fresh: bool = False,
    validate: bool = True,
    docs_dir: str | Path | None = None,
    run_id: str | None = None,
    ingested_at: datetime | None = None,
    lock_wait: float = 0,
    log: Log | None = None,
    raw_dir: str | Path | None = None,
    roster_csv: str | Path | None = None,
) -> BuildResult:
    """The build's steps after parsing, on staging folders already written (the Dagster job's
    partitions): lock → load → validate → publish, by the same rule as `build`. `raw_dir` is
    where the fetch records are read from (`pipelines.warehouse.roster`)."""
    started = time.perf_counter()
    warehouse = Path(warehouse).resolve()
    docs_dir = Path(docs_dir).resolve() if docs_dir is not None else None
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with _stopped_by_signals(), build_lock(warehouse, wait=lock_wait, on_wait=log):
        check_warehouse(warehouse)
        remove_leftovers(warehouse)
        result = _load_validate_publish([Path(s).resolve() for s in staged], warehouse, fresh=fresh,
                                        validate=validate, docs_dir=docs_dir, run_id=run_id,
                                        ingested_at=ingested_at, log=log,
                                        raw_dir=Path(raw_dir).resolve() if raw_dir is not None else None,
                                        roster_csv=Path(roster_csv).resolve() if roster_csv is not None else None)
    result.seconds = time.perf_counter() - started
    return result


def _prepare_validation() -> None:
    try:
        validation.prepare()
    except Exception:  # validating imports it again and says what is wrong
        pass


def _say(log: Log | None, step: str) -> None:
    if log:
        log(step)


def _load_validate_publish(
    staged: list[Path],
    warehouse: Path,
    *,
    fresh: bool,
    validate: bool,
    docs_dir: str | Path | None,
    run_id: str | None,
    ingested_at: datetime | None,
    log: Log | None,
    raw_dir: Path | None = None,
    roster_csv: Path | None = None,
    docs: bool = True,
    facts: FactLoad | None = None,
) -> BuildResult:
    """Load, validate and publish, the lock held by the caller (leftovers of killed builds removed).
    `facts`: the new file, opened and given the staged batches' cells already (`FactLoad`)."""
    new_path = facts.db_path if facts is not None else _new_path(warehouse)
    with_docs, docs = docs, docs_dir if docs_dir is not None else paths.docs_dir(warehouse)
    new_docs = docs.with_name(f".{docs.name}.new-{os.getpid()}")
    for stale in docs.parent.glob(f".{docs.name}.new-*"):  # a killed build's pages, never published
        shutil.rmtree(stale, ignore_errors=True)
    try:
        _say(log, "loading")
        load = load_staged(staged, new_path, base=None if fresh else warehouse, ingested_at=ingested_at,
                           raw_dir=raw_dir, roster_csv=roster_csv, facts=facts)
        publishing, reason = should_publish(load, fresh=fresh, exists=warehouse.exists())
        result = BuildResult(warehouse=warehouse, load=load, published=publishing, reason=reason)
        if not publishing:
            return result
        if validate:
            _say(log, "validating")
            result.validation = validate_warehouse(new_path, docs_dir=new_docs if with_docs else None, run_id=run_id)
        _say(log, "publishing")
        t = time.perf_counter()
        with _signals_held():
            publish(new_path, warehouse)
            if result.validation is not None and result.validation.docs_index:
                publish_docs(new_docs, docs)
                result.validation.docs_index = str(docs / "index.html")
        result.publish_seconds = time.perf_counter() - t
        return result
    finally:
        _remove_new(new_path)
        if new_docs.exists():
            shutil.rmtree(new_docs, ignore_errors=True)


def _new_path(warehouse: Path) -> Path:
    """Where a build writes its new file, beside the warehouse it will replace."""
    return warehouse.with_name(f".{warehouse.name}.new-{os.getpid()}")


def _remove_new(new_path: Path) -> None:
    for leftover in (new_path, new_path.with_name(new_path.name + ".wal")):
        leftover.unlink(missing_ok=True)


class _BatchLoader:
    """`FactLoad` in a thread of the build's process, which otherwise only waits on its workers:
    the new file is opened (its DDL, the current warehouse carried over) and each batch's cells
    inserted as the workers write them, in the order the batches were cut (so the tables' rows
    lie in the order the load SQL would give them). A batch its worker did not live through is
    never `ready`: the thread stops before it, and the load adds it and those after it."""

    def __init__(self, facts: FactLoad, folder: Path, parts: list[str]) -> None:
        self.facts, self.folder, self.parts = facts, folder, parts
        self.written: set[str] = set()
        self.no_more = False  # the parse is over: no batch is coming that is not written yet
        self.error: BaseException | None = None
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._run, name="xxgk-load-batches", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def ready(self, part: str) -> None:
        with self.changed:
            self.written.add(part)
            self.changed.notify()

    def _next(self, part: str) -> bool:
        with self.changed:
            while part not in self.written and not self.no_more:
                self.changed.wait()
            return part in self.written

    def _run(self) -> None:
        try:
            self.facts.open()
            con = self.facts.con
            con.execute("SET threads = 1")  # beside the workers, which take every core
            for part in self.parts:
                if not self._next(part):
                    break
                self.facts.add_batch(self.folder, part)
            con.execute(f"SET threads = {LOAD_THREADS}")
        except BaseException as exc:  # raised again in the build's thread, by `join`
            self.error = exc

    def join(self) -> None:
        """The parse is over: wait for the batches written, then raise what went wrong, if anything."""
        with self.changed:
            self.no_more = True
            self.changed.notify()
        self.thread.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Stop at once (the build failed or was interrupted) and close the file; idempotent."""
        if self.thread.is_alive():
            with self.changed:
                self.no_more = True
                self.changed.notify()
            self.facts.interrupt()
            self.thread.join()
        self.facts.close()


def publish_docs(new_docs: Path, docs: Path) -> None:
    """Swap a run's Data Docs in as `docs`. `docs` is a symbolic link to a folder beside it
    (`.docs-<stamp>`), replaced in one rename; a `docs` that is a plain folder (older builds) is
    moved aside first. The folders it no longer points to are removed."""
    docs.parent.mkdir(parents=True, exist_ok=True)
    target = docs.with_name(f".{docs.name}-{time.time_ns()}")
    new_docs.rename(target)
    if docs.exists() and not docs.is_symlink():
        docs.rename(docs.with_name(f".{docs.name}-{time.time_ns()}-old"))
    link = docs.with_name(f".{docs.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(target.name)
    os.replace(link, docs)
    for old in docs.parent.glob(f".{docs.name}-*"):
        if old != target and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
