"""The warehouse's building blocks: parse raw files in parallel into staged Parquet, and the lock
that lets one build at a time write a warehouse.

    parse_to_parquet(files, staging_dir)       worker processes write Parquet batches
    build_lock(warehouse, wait=…)              one build per warehouse file at a time

Every file is read and parsed under a guard (`parse_one`): whatever goes wrong with one file —
its name, its bytes, the parser, a limit (`FileLimits`: wall time, memory) — quarantines that
file with the reason, and the batch goes on. Worker processes die with the build that started
them (a `kill -9` of the build leaves none behind) and are stopped when the build is interrupted.

The sequence that uses them — lock, parse, load, validate, publish — is `pipelines.flow`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import fcntl
import hashlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pipelines.ingest.files import path_text
from pipelines.parse import collector_paused, parse_bytes, parse_file, prepare
from pipelines.parse.report import Issue, Report
from pipelines.warehouse import stage

__all__ = ["BuildError", "BuildInterrupted", "FileLimits", "StageSummary", "batch_names", "build_lock", "parse_one",
           "parse_to_parquet"]

Parser = Callable[[str], Report]
Progress = Callable[[int, int], None]  # (files done, files in all)


class BuildError(RuntimeError):
    pass


class BuildInterrupted(BaseException):
    """SIGTERM or SIGINT reached the build: it stops its workers, removes its staging and leaves
    the published warehouse as it was. (A BaseException, as KeyboardInterrupt is, so that no
    per-file guard takes it for a bad file.)"""


class FileLimitExceeded(Exception):
    """One file took longer than its limit to read and parse."""


@dataclass(frozen=True)
class FileLimits:
    """What one file may cost. `seconds` is the wall time to read and parse it (a per-file alarm,
    in the process that parses); `memory_bytes` the address space of a parser process (set in the
    pool's worker processes only: the build's own process holds DuckDB). 0 turns a limit off.
    The inflated size and longest text run of a .docx are checked by `pipelines.ingest.word`
    before it is converted; HTML nesting has no limit (the reader takes any depth)."""

    seconds: float = 600.0
    memory_bytes: int = 6 << 30

    @classmethod
    def from_env(cls) -> FileLimits:
        """XXGK_FILE_SECONDS and XXGK_FILE_MEMORY_MB where set, else the defaults."""
        seconds = os.environ.get("XXGK_FILE_SECONDS")
        memory = os.environ.get("XXGK_FILE_MEMORY_MB")
        return cls(seconds=float(seconds) if seconds else cls.seconds,
                   memory_bytes=int(memory) << 20 if memory else cls.memory_bytes)


# what a parse worker's CPU time goes to, per batch: reading the files, parsing them (hashing
# included), the staging rows and frames, and writing the batch's Parquet
COST_STEPS = ("read", "parse", "stage", "write")


@dataclass
class StageSummary:
    files: int = 0
    batches: int = 0
    seconds: float = 0.0
    skipped: int = 0  # entries of the raw folder passed over (see `pipelines.ingest.files.raw_listing`)
    # CPU seconds the workers spent on each of COST_STEPS, summed over the batches (a batch read
    # again after its worker died, in processes of its own, is not counted)
    worker_cpu: dict[str, float] = dataclasses.field(default_factory=lambda: dict.fromkeys(COST_STEPS, 0.0))

    def add_cost(self, cost: dict[str, float]) -> None:
        for step, seconds in cost.items():
            self.worker_cpu[step] = self.worker_cpu.get(step, 0.0) + seconds


def parse_one(path: Path, parser: Parser, limits: FileLimits | None = None) -> Report:
    """Parse one file, never raising: a failure becomes a quarantined Report saying why. The
    report's path is the file's `path_text` (a name that is not UTF-8 is escaped, not fatal)."""
    return _parse_checked(path, parser, limits)[0]


def _parse_checked(path: Path, parser: Parser, limits: FileLimits | None,
                   cost: dict[str, float] | None = None) -> tuple[Report, dict | None]:
    """`parse_one`, with the report's staging row (`stage.report_row`) where it was worked out:
    the row is the check that what staging needs of the report is there, and is staged as it is.
    `cost`, where given, gathers the CPU seconds of the read and of the row (the caller counts the
    rest as the parse's: a file that fails costs what it cost before it failed)."""
    name = path_text(path)
    data: bytes | None = None
    seconds = (limits or FileLimits()).seconds
    alarm = _Alarm(seconds)
    clock = time.process_time
    try:
        with alarm:
            t = clock()
            data = path.read_bytes()
            if cost is not None:
                cost["read"] += clock() - t
            # the parser's own read would open the file a second time: the bytes in hand are parsed
            report = parse_bytes(data, name) if parser is parse_file else parser(str(path))
            # the parser hashes the bytes it read; a parser that does not (gold files) gets them hashed here
            if report.path != name or not report.sha256:
                report = dataclasses.replace(report, path=name,
                                             sha256=report.sha256 or hashlib.sha256(data).hexdigest())
            t = clock()
            row = stage.report_row(report)  # checked here, per file
            if cost is not None:
                cost["stage"] += clock() - t
            return report, row
    except OSError as exc:
        if data is None:
            return _quarantined(name, f"cannot read the file: {exc.strerror or exc}"), None
        return _quarantined(name, f"the parser failed: {type(exc).__name__}: {exc}", data), None
    except FileLimitExceeded as exc:
        return _quarantined(name, f"over a limit: {exc}", data), None
    except MemoryError:
        limit = (limits or FileLimits()).memory_bytes
        return _quarantined(name, f"over a limit: reading it needed more memory than the parser's "
                                  f"{limit >> 20} MiB", data), None
    except Exception as exc:  # a parser bug must not stop the nightly build; the file is kept aside
        return _quarantined(name, f"the parser failed: {type(exc).__name__}: {_safe(exc)}", data), None


def _safe(exc: BaseException) -> str:
    """An exception's text as valid UTF-8 (it may quote a file name that is not)."""
    return str(exc).encode("utf-8", errors="backslashreplace").decode("utf-8")


def _expire(signum: int, frame: object) -> None:
    raise FileLimitExceeded(f"reading and parsing it took longer than {_Alarm.seconds:g} s")


class _Alarm:
    """Raise FileLimitExceeded in this thread after `seconds` of wall time (a real-time alarm;
    only the main thread of a process can take one: elsewhere, and for 0, no limit). The handler
    is installed for the time of the alarm, unless `alarm_handler` holds it installed already
    (a batch's files share one)."""

    seconds: float = 0.0  # the limit of the alarm running, for the handler's message

    def __init__(self, seconds: float) -> None:
        self.limit = seconds
        self.previous: object = None
        self.installed = self.armed = False

    def __enter__(self) -> None:
        if not self.limit or threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGALRM) is not _expire:
            self.previous = signal.signal(signal.SIGALRM, _expire)
            self.installed = True
        _Alarm.seconds = self.limit
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.limit)

    def __exit__(self, *exc: object) -> None:
        if not self.armed:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        if self.installed:
            signal.signal(signal.SIGALRM, self.previous)


@contextmanager
def alarm_handler() -> Iterator[None]:
    """Hold the per-file limit's SIGALRM handler installed (main thread only), so that the files
    parsed inside share it instead of each installing and removing it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _quarantined(name: str, message: str, data: bytes | None = None) -> Report:
    """A file that could not be parsed, quarantined with the reason; hashed by its bytes, or by
    its path where there are none to hash (the path keeps the row unique)."""
    sha = hashlib.sha256(data if data is not None else f"unreadable:{name}".encode()).hexdigest()
    return Report(path=name, sha256=sha, issues=[Issue("file_unreadable", "error", name, message)])


_PR_SET_PDEATHSIG = 1


def _worker_init(memory_bytes: int, prepare_parser: bool = False) -> None:
    """A parser process: killed by the kernel when the build that started it dies (even by
    `kill -9`), deaf to Ctrl-C (the build stops it), and held to its memory limit (an allocation
    past it raises MemoryError, which quarantines the file being read). With `prepare_parser`
    it loads what the parser loads once (`pipelines.parse.prepare`: the word segmenter's
    dictionary, the gazetteer), kept out of the garbage collector's sight, before its first batch."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    except (OSError, AttributeError):  # not Linux: workers end when the pool's pipe closes
        pass
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os._exit(1)  # the build died while this process was starting: nobody to work for
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_bytes:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    if prepare_parser:
        try:
            prepare()
        except Exception:  # what failed to load is loaded by the first report that needs it
            pass


def _pool(workers: int, limits: FileLimits, parser: Parser | None = None) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold DuckDB or Dagster threads that fork would copy
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=_worker_init, initargs=(limits.memory_bytes, parser is parse_file))


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: queued batches cancelled, running workers killed and reaped."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(5)


def _parse_batch(part: str, paths: Sequence[str], out_dir: str, parser: Parser,
                 limits: FileLimits | None = None) -> int:
    """Parse a batch of files and write its Parquet; returns the files read."""
    return _parse_batch_costed(part, paths, out_dir, parser, limits)[0]


def _parse_batch_costed(part: str, paths: Sequence[str], out_dir: str, parser: Parser,
                        limits: FileLimits | None = None) -> tuple[int, dict[str, float]]:
    """`_parse_batch`, with the CPU seconds of each of COST_STEPS (a few floats: what the worker
    sends back is small whatever the batch)."""
    cost = dict.fromkeys(COST_STEPS, 0.0)
    with collector_paused():  # a batch's reports live until staged; reading makes no cycles
        t = time.process_time()
        read_ahead(paths)
        cost["read"] += time.process_time() - t
        read, staged = cost["read"], cost["stage"]
        t = time.process_time()
        with alarm_handler():
            parsed = [_parse_checked(Path(os.fsdecode(p)), parser, limits, cost) for p in paths]
        cost["parse"] += time.process_time() - t - (cost["read"] - read) - (cost["stage"] - staged)
        t = time.process_time()
        frames = _frames([r for r, _ in parsed], [row for _, row in parsed])
        t1 = time.process_time()
        stage.write_parquet(frames, out_dir, part)
        cost["stage"] += t1 - t
        cost["write"] += time.process_time() - t1
        files = len(parsed)
        # the batch's reports freed while the collector is paused: left alive past it, they would
        # all be scanned by the first collection after it, though none is kept
        del parsed, frames
    return files, cost


def _frames(reports: list[Report], rows: list[dict | None] | None = None) -> dict:
    """The batch's staging frames (`rows`: the reports' staging rows where already worked out);
    should one report not fit them, it alone is quarantined."""
    try:
        return stage.frames(reports, rows)
    except Exception:
        kept = []
        for report in reports:
            try:
                stage.frames([report])
                kept.append(report)
            except Exception as exc:
                kept.append(_quarantined(report.path, f"its parsed form cannot be staged: "
                                                      f"{type(exc).__name__}: {_safe(exc)}"))
        return stage.frames(kept)


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


def _batches(files: Sequence[Path], size: int) -> Iterator[tuple[str, list[bytes]]]:
    # paths as bytes: a name that is not UTF-8 crosses to the worker processes as it is
    for n, start in enumerate(range(0, len(files), size)):
        yield _part(n), [os.fsencode(p) for p in files[start:start + size]]


def _part(n: int) -> str:
    return f"part-{n:06d}"


def _workers(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def _batch_size(files: int, workers: int, batch_size: int | None) -> int:
    # small batches keep the progress bar moving, large ones keep the Parquet files few
    return batch_size or max(1, min(500, files // (workers * 8) or 1))


def batch_names(files: int, *, workers: int | None = None, batch_size: int | None = None) -> list[str]:
    """The names `parse_to_parquet` gives the batches of `files` files, in the order they are cut."""
    size = _batch_size(files, _workers(workers), batch_size)
    return [_part(n) for n in range(-(-files // size))]


def parse_to_parquet(
    files: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    batch_size: int | None = None,
    limits: FileLimits | None = None,
    on_batch: Callable[[str], None] | None = None,
) -> StageSummary:
    """Parse files with a process pool; each batch is written as Parquet under `out_dir`.

    `parser` must be a module-level function (it is sent to the worker processes). `on_batch`
    hears the name of each batch written by a worker that lived through it (a batch read again
    after its worker died is not named: it is written under other names). Interrupted
    (BuildInterrupted, KeyboardInterrupt), the pool's workers are killed before it re-raises.
    """
    limits = limits or FileLimits.from_env()
    started = time.perf_counter()
    files = [Path(f) for f in files]
    parser = parser or parse_file
    workers = _workers(workers)
    size = _batch_size(len(files), workers, batch_size)
    batches = list(_batches(files, size))
    summary = StageSummary(files=len(files), batches=len(batches))
    done = 0
    if progress:
        progress(0, len(files))
    if workers == 1 or len(batches) <= 1:
        for part, paths in batches:
            n, cost = _parse_batch_costed(part, paths, str(out_dir), parser, limits)
            done += n
            summary.add_cost(cost)
            if on_batch:
                on_batch(part)
            if progress:
                progress(done, len(files))
    else:
        broken: list[tuple[str, list[bytes]]] = []
        pool = _pool(workers, limits, parser)
        try:
            futures = {pool.submit(_parse_batch_costed, part, paths, str(out_dir), parser, limits): (part, paths)
                       for part, paths in batches}
            for future in as_completed(futures):
                try:
                    n, cost = future.result()
                except BrokenProcessPool:  # a worker died: every batch not done yet is read again
                    broken.append(futures[future])
                    continue
                done += n
                summary.add_cost(cost)
                if on_batch:
                    on_batch(futures[future][0])
                if progress:
                    progress(done, len(files))
        except BaseException:
            _stop_pool(pool)
            raise
        pool.shutdown()
        # the batches the dead worker took down with it, read again side by side, each in a
        # process of its own (one at a time would double the build's time)
        recovery = ThreadPoolExecutor(max_workers=workers)
        try:
            redone = [recovery.submit(_parse_isolated, part, paths, str(out_dir), parser, limits)
                      for part, paths in broken]
            for future in as_completed(redone):
                done += future.result()
                if progress:
                    progress(done, len(files))
        finally:
            recovery.shutdown(wait=False, cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _parse_isolated(part: str, paths: list[bytes], out_dir: str, parser: Parser, limits: FileLimits) -> int:
    """A batch whose worker process died — a crash in native code, PDFium on a malformed PDF
    say — parsed again in a process of its own, halved until the file that kills its process is
    alone: that file is staged as quarantined with the reason, the others as usual."""
    for table in stage.STAGED_TABLES:  # whatever the dead worker wrote of this batch
        (Path(out_dir) / table / f"{part}.parquet").unlink(missing_ok=True)
    pool = _pool(1, limits, parser)
    try:
        return pool.submit(_parse_batch, part, paths, out_dir, parser, limits).result()
    except BrokenProcessPool:
        if len(paths) > 1:
            half = len(paths) // 2
            return (_parse_isolated(f"{part}-a", paths[:half], out_dir, parser, limits)
                    + _parse_isolated(f"{part}-b", paths[half:], out_dir, parser, limits))
    except BaseException:
        _stop_pool(pool)
        raise
    finally:
        pool.shutdown(wait=False)
    path = Path(os.fsdecode(paths[0]))
    try:
        data: bytes | None = path.read_bytes()
    except OSError:
        data = None
    crashed = _quarantined(path_text(path), "the parser's process died reading this file (a crash in native "
                                            "code: a malformed PDF?); the other files were read", data)
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
