"""The warehouse's building blocks: parse raw files in parallel into staged Parquet, and the lock
that lets one build at a time write a warehouse.

    parse_to_parquet(files, staging_dir)       worker processes write Parquet batches
    build_lock(warehouse, wait=…)              one build per warehouse file at a time

The sequence that uses them — lock, parse, load, validate, publish — is `pipelines.flow`.
"""

from __future__ import annotations

import dataclasses
import fcntl
import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pipelines.parse import parse_bytes, parse_file
from pipelines.parse.report import Issue, Report
from pipelines.warehouse import stage

__all__ = ["BuildError", "StageSummary", "build_lock", "parse_one", "parse_to_parquet"]

Parser = Callable[[str], Report]
Progress = Callable[[int, int], None]  # (files done, files in all)


class BuildError(RuntimeError):
    pass


@dataclass
class StageSummary:
    files: int = 0
    batches: int = 0
    seconds: float = 0.0


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
def build_lock(warehouse: Path, *, wait: float = 0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """One build per warehouse at a time (the nightly run and a manual one must not race).

    With `wait` > 0 the lock is tried every 2 s for up to that many seconds (`on_wait` hears why);
    then, or at once without `wait`, a build that finds it taken raises BuildError.
    """
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    deadline = time.monotonic() + wait
    with open(lock_path, "w") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                message = f"another build of {warehouse} is running ({lock_path})"
                if time.monotonic() >= deadline:
                    raise BuildError(message) from exc
                if on_wait:
                    on_wait(f"waiting: {message}")
                time.sleep(2)
        yield
