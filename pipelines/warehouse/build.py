"""Build or refresh the warehouse: parse every raw file in parallel, stage, load, publish.

The steps are separate so the Dagster assets can call them one by one:

    parse_to_parquet(files, staging_dir)       worker processes write Parquet batches
    load_staged(staging_dir, new_path, base=)  one process loads them into a new, unpublished file
    publish(new_path, warehouse_path)          os.replace swaps it in

A build starts from the rows of the current warehouse (attached read-only and copied, by column
name, into a file created from today's DDL) rather than a byte copy of it: schema changes and
comments reach the file at every build, history is kept, and the published file is never opened
read-write. A build that changes nothing (same files, same SQL) publishes nothing.
"""

from __future__ import annotations

import dataclasses
import fcntl
import gc
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from pipelines.parse import parse_bytes, parse_file
from pipelines.parse.report import Issue, Report
from pipelines.warehouse import stage
from pipelines.warehouse.load import LoadSummary, load_staged
from pipelines.warehouse.publish import publish

__all__ = [
    "BuildError", "BuildSummary", "build_warehouse", "load_staged", "parse_to_parquet", "publish",
    "raw_files",
]

Parser = Callable[[str], Report]
Progress = Callable[[int, int], None]  # (files done, files in all)

# Names in a raw folder that are not reports: labels and the folder's own README.
SKIPPED_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = frozenset({"README.md"})


class BuildError(RuntimeError):
    pass


@dataclass
class StageSummary:
    files: int = 0
    batches: int = 0
    seconds: float = 0.0


@dataclass
class BuildSummary:
    warehouse: Path
    published: bool = False
    stage: StageSummary = field(default_factory=StageSummary)
    load: LoadSummary | None = None
    publish_seconds: float = 0.0
    seconds: float = 0.0


def raw_files(raw_dir: str | Path) -> list[Path]:
    """Every report file under `raw_dir`, sorted: hidden files, gold labels and README skipped."""
    root = Path(raw_dir)
    if not root.is_dir():
        raise BuildError(f"raw folder {root} does not exist")
    return sorted(
        p for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not p.name.endswith(SKIPPED_SUFFIXES) and p.name not in SKIPPED_NAMES
    )


def parse_one(path: Path, parser: Parser) -> Report:
    """Parse one file, never raising: a failure becomes a quarantined Report saying why."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _quarantined(path, f"cannot read the file: {exc}")
    try:
        # the parser's own read would open the file a second time (system time is a tenth of a
        # worker's CPU at scale): the bytes in hand are parsed
        report = parse_bytes(data, str(path)) if parser is parse_file else parser(str(path))
    except Exception as exc:  # a parser bug must not stop the nightly build; the file is kept aside
        return _quarantined(path, f"the parser failed: {type(exc).__name__}: {exc}", data)
    # the parser hashes the bytes it read; a parser that does not (gold files) gets them hashed here
    sha = report.sha256 or hashlib.sha256(data).hexdigest()
    return dataclasses.replace(report, path=str(path), sha256=sha)


def _quarantined(path: Path, message: str, data: bytes | None = None) -> Report:
    """A file that could not be parsed, quarantined with the reason; hashed by its bytes, or by
    its path where there are none to hash (the path keeps the row unique)."""
    sha = hashlib.sha256(data if data is not None else f"unreadable:{path}".encode()).hexdigest()
    return Report(path=str(path), sha256=sha, issues=[Issue("file_unreadable", "error", str(path), message)])


def _parse_batch(part: str, paths: Sequence[str], out_dir: str, parser: Parser) -> int:
    # A batch's reports stay alive until they are staged, and the cyclic garbage collector would
    # scan them again and again (a tenth of a worker's CPU) though parsing makes no cycles worth
    # collecting mid-batch: it is paused for the batch and runs as usual afterwards.
    enabled = gc.isenabled()
    gc.disable()
    try:
        read_ahead(paths)
        reports = [parse_one(Path(p), parser) for p in paths]
        stage.write_parquet(stage.frames(reports), out_dir, part)
    finally:
        if enabled:
            gc.enable()
    return len(reports)


def read_ahead(paths: Sequence[str]) -> None:
    """Ask the kernel to read a batch's files into the page cache now, in the background: a file
    not cached (a corpus larger than the cache) is then read while the ones before it parse,
    instead of the worker waiting on the disk for each. A cached file costs an open and a close."""
    if not hasattr(os, "posix_fadvise"):  # not on every platform (macOS)
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # parse_one says why it cannot be read
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(fd)


def _batches(files: Sequence[Path], size: int) -> Iterator[tuple[str, list[str]]]:
    for n, start in enumerate(range(0, len(files), size)):
        yield f"part-{n:06d}", [str(p) for p in files[start:start + size]]


def parse_to_parquet(
    files: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    batch_size: int | None = None,
) -> StageSummary:
    """Parse files with a process pool; each batch is written as Parquet under `out_dir`.

    `parser` must be a module-level function (it is sent to the worker processes).
    """
    started = time.perf_counter()
    files = [Path(f) for f in files]
    parser = parser or parse_file
    workers = workers or os.cpu_count() or 1
    # small batches keep the progress bar moving, large ones keep the Parquet files few
    size = batch_size or max(1, min(500, len(files) // (workers * 8) or 1))
    batches = list(_batches(files, size))
    done = 0
    if progress:
        progress(0, len(files))
    if workers == 1 or len(batches) <= 1:
        for part, paths in batches:
            done += _parse_batch(part, paths, str(out_dir), parser)
            if progress:
                progress(done, len(files))
    else:
        # spawn, not fork: the parent may hold DuckDB or Dagster threads that fork would copy
        broken: list[tuple[str, list[str]]] = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_parse_batch, part, paths, str(out_dir), parser): (part, paths)
                       for part, paths in batches}
            for future in as_completed(futures):
                try:
                    done += future.result()
                except BrokenProcessPool:  # a worker died: every batch not done yet is read again
                    broken.append(futures[future])
                    continue
                if progress:
                    progress(done, len(files))
        for part, paths in broken:
            done += _parse_isolated(part, paths, str(out_dir), parser)
            if progress:
                progress(done, len(files))
    return StageSummary(files=len(files), batches=len(batches), seconds=time.perf_counter() - started)


def _parse_isolated(part: str, paths: list[str], out_dir: str, parser: Parser) -> int:
    """A batch whose worker process died — a crash in native code, PDFium on a malformed PDF
    say — parsed again in a process of its own, halved until the file that kills its process is
    alone: that file is staged as quarantined with the reason, the others as usual."""
    for table in stage.STAGED_TABLES:  # whatever the dead worker wrote of this batch
        (Path(out_dir) / table / f"{part}.parquet").unlink(missing_ok=True)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            return pool.submit(_parse_batch, part, paths, out_dir, parser).result()
    except BrokenProcessPool:
        if len(paths) > 1:
            half = len(paths) // 2
            return (_parse_isolated(f"{part}-a", paths[:half], out_dir, parser)
                    + _parse_isolated(f"{part}-b", paths[half:], out_dir, parser))
    path = Path(paths[0])
    try:
        data: bytes | None = path.read_bytes()
    except OSError:
        data = None
    crashed = _quarantined(path, "the parser's process died reading this file (a crash in native code: "
                                 "a malformed PDF?); the other files were read", data)
    stage.write_parquet(stage.frames([crashed]), out_dir, part)
    return 1


@contextmanager
def build_lock(warehouse: Path) -> Iterator[None]:
    """One build per warehouse at a time (the nightly run and a manual one must not race)."""
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildError(f"another build of {warehouse} is running ({lock_path})") from exc
        yield


def build_warehouse(
    raw_dir: str | Path,
    warehouse_path: str | Path,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    fresh: bool = False,
    ingested_at: datetime | None = None,
    before_publish: Callable[[Path], None] | None = None,
) -> BuildSummary:
    """Parse every raw file under `raw_dir` and publish a warehouse holding them.

    `fresh` starts from an empty warehouse instead of the current one (history is then lost).
    `before_publish(new_path)` runs on the loaded, unpublished file (e.g. the quality checks
    writing check_result); if it raises, nothing is published.
    """
    started = time.perf_counter()
    warehouse = Path(warehouse_path).resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    summary = BuildSummary(warehouse=warehouse)
    files = raw_files(raw_dir)
    with build_lock(warehouse):
        for stale in warehouse.parent.glob(f".{warehouse.name}.new-*"):
            stale.unlink()  # left by a build that crashed; we hold the lock, so nobody else's
        new_path = warehouse.with_name(f".{warehouse.name}.new-{os.getpid()}")
        try:
            with tempfile.TemporaryDirectory(prefix=".staging-", dir=warehouse.parent) as staging:
                summary.stage = parse_to_parquet(files, staging, workers=workers, progress=progress,
                                                 parser=parser)
                summary.load = load_staged(staging, new_path, base=None if fresh else warehouse,
                                           ingested_at=ingested_at)
            if summary.load.changed or fresh or not warehouse.exists():
                if before_publish:
                    before_publish(new_path)
                t = time.perf_counter()
                publish(new_path, warehouse)
                summary.publish_seconds = time.perf_counter() - t
                summary.published = True
        finally:
            for leftover in (new_path, new_path.with_name(new_path.name + ".wal")):
                leftover.unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - started
    return summary
