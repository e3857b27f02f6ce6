"""The parse step's Parquet, kept per partition: `<staging>/<key>/<table>/part-*.parquet`.

This is the staging the Dagster job keeps between runs (`xxgk build` parses into a temporary
folder instead): the `parsed_reports` asset re-parses the partitions it is asked for, the sensor
and the schedule ask for the partitions whose raw files changed.

A partition is a reporting-year *hint* read from the file's path (a folder named after the year,
or a year in the file name: `000024_2020.txt`), because the true year is known only after
parsing; files without a hint go to `undated`. The warehouse is keyed by the parsed year, so a
wrong hint only decides which partition re-parses the file, never where its numbers land.

One parser pool serves every partition of a run (starting a pool costs seconds), and its output
is then split by partition; each partition folder is swapped in whole, so re-running one year
replaces exactly that year's files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.ingest.files import path_text, raw_listing, scan
from pipelines.warehouse import stage
from pipelines.warehouse.build import Parser, Progress, StageSummary, parse_to_parquet

UNDATED = "undated"
FIRST_YEAR = 2008  # the disclosure regulation took effect in 2008: no earlier annual reports
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def partition_keys(today: dt.date | None = None) -> list[str]:
    """Every year a report can be for, oldest first, then `undated`."""
    last = (today or dt.date.today()).year
    return [str(y) for y in range(FIRST_YEAR, last + 1)] + [UNDATED]


def partition_key(path: Path, root: Path, keys: Iterable[str] | None = None) -> str:
    """The year hint of a raw file: a folder named after a year, else a year in the file name."""
    known = set(keys or partition_keys())
    rel = path.relative_to(root)
    for part in rel.parts[:-1]:
        if part in known and part != UNDATED:
            return part
    for year in _YEAR.findall(rel.name):
        if year in known:
            return year
    return UNDATED


def files_by_partition(raw_dir: Path) -> dict[str, list[Path]]:
    """The raw report files (absolute paths) under raw_dir, grouped by partition key."""
    return entries_by_partition(raw_dir)[0]


def entries_by_partition(raw_dir: Path) -> tuple[dict[str, list[Path]], dict[str, list[tuple[Path, str]]]]:
    """The raw report files (absolute paths) under raw_dir, and the entries skipped with their
    reasons, each grouped by partition key."""
    root = raw_dir.resolve()
    keys = partition_keys()
    listing = raw_listing(root)
    files: dict[str, list[Path]] = defaultdict(list)
    skipped: dict[str, list[tuple[Path, str]]] = defaultdict(list)
    for path in listing.files:
        files[partition_key(path, root, keys)].append(path)
    for path, reason in listing.skipped:
        skipped[partition_key(path, root, keys)].append((path, reason))
    return dict(files), dict(skipped)


def _parts(parsed_dir: Path) -> list[str]:
    """The batches of a parse run: the names of its Parquet files, over every staging table."""
    return sorted({f.stem for name in stage.STAGED_TABLES for f in (parsed_dir / name).glob("*.parquet")})


def _frames_by_key(parsed_dir: Path, part: str, key_of: Mapping[str, str]) -> dict[str, dict[str, pl.DataFrame]]:
    """One batch's frames split by partition key (a report's rows go where its file does)."""
    tables = {name: pl.read_parquet(f) for name in stage.STAGED_TABLES
              if (f := parsed_dir / name / f"{part}.parquet").exists()}
    report = tables.get("report", pl.DataFrame(schema=stage.SCHEMAS["report"])).with_columns(
        pl.col("source_path").replace_strict(key_of, default=UNDATED).alias("_key"))
    ids = report.select("report_id", "_key")
    out: dict[str, dict[str, pl.DataFrame]] = defaultdict(dict)
    for name, frame in tables.items():
        if name == "skipped":  # no report: keyed by its own path
            keyed = frame.with_columns(pl.col("source_path").replace_strict(key_of, default=UNDATED).alias("_key"))
        else:
            keyed = report if name == "report" else frame.join(ids, on="report_id", how="left")
        for (key,), piece in keyed.partition_by("_key", as_dict=True).items():
            out[key][name] = piece.drop("_key")
    return out


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def publish_partitions(parsed_dir: Path, staging: Path, files: Mapping[str, list[Path]],
                       skipped: Mapping[str, list[tuple[Path, str]]] | None = None) -> None:
    """Split one parse run's Parquet by partition and swap each partition folder in.

    `files` maps every partition the run covered to its files (`skipped` to the entries passed
    over); a partition with no files loses its folder (its raw files were removed).
    """
    skipped = skipped or {}
    key_of = {path_text(p): key for key, paths in files.items() for p in paths}
    key_of.update({path_text(p): key for key, entries in skipped.items() for p, _ in entries})
    staging.mkdir(parents=True, exist_ok=True)
    new = {key: staging / f".{key}.new-{os.getpid()}" for key in files}
    for folder in new.values():
        shutil.rmtree(folder, ignore_errors=True)
    # batch by batch (a run's staging never whole in memory): each batch's rows of a partition
    # become that partition's file of the same name
    written: dict[str, set[str]] = defaultdict(set)
    for part in _parts(parsed_dir):
        for key, frames in _frames_by_key(parsed_dir, part, key_of).items():
            if key in new:
                stage.write_parquet(frames, new[key], part)
                written[key].update(frames)
    for key in files:
        target = staging / key
        if not written[key] or not files[key]:  # (entries skipped there alone keep no folder)
            shutil.rmtree(new[key], ignore_errors=True)
            shutil.rmtree(target, ignore_errors=True)
            continue
        # every staging table gets a file, empty or not, so the loader sees the same columns
        empty = {name: pl.DataFrame(schema=schema) for name, schema in stage.SCHEMAS.items()
                 if name not in written[key]}
        if empty:
            stage.write_parquet(empty, new[key], "empty")
        _swap_in(new[key], target)


@dataclass(frozen=True)
class RawOverview:
    files: int
    size: int  # bytes in all
    version: str  # changes when any file is added, changed or removed (a hash over paths and sha256s)
    per_partition: dict[str, int]  # files per partition, in partition order


def raw_overview(raw_dir: Path) -> RawOverview:
    """What the raw folder holds: every file hashed (the Dagster source asset's observation)."""
    files = scan(raw_dir)
    digest = hashlib.sha256("".join(f"{p}\0{v[2]}\n" for p, v in sorted(files.items())).encode())
    keys = partition_keys()
    root = raw_dir.resolve()
    counts = Counter(partition_key(Path(p), root, keys) for p in files)
    return RawOverview(files=len(files), size=sum(v[1] for v in files.values()), version=digest.hexdigest()[:16],
                       per_partition={k: counts[k] for k in keys if counts[k]})


def stage_partitions(
    raw_dir: Path,
    staging: Path,
    keys: Iterable[str],
    *,
    workers: int | None = None,
    parser: Parser | None = None,
    progress: Progress | None = None,
) -> tuple[StageSummary, dict[str, list[Path]]]:
    """Parse the raw files of the partitions `keys` (one parser pool for them all) and swap each
    partition's folder in; returns the parse summary and the files of each partition."""
    found, passed_over = entries_by_partition(raw_dir)
    keys = list(keys)
    files = {key: found.get(key, []) for key in keys}
    skipped = {key: passed_over.get(key, []) for key in keys}
    todo = [p for paths in files.values() for p in paths]
    staging.mkdir(parents=True, exist_ok=True)
    remove_leftovers(staging)
    with tempfile.TemporaryDirectory(prefix=f".parse-{os.getpid()}-", dir=staging) as tmp:
        summary = parse_to_parquet(todo, tmp, workers=workers, parser=parser, progress=progress)
        entries = [(path_text(p), reason) for rows in skipped.values() for p, reason in rows]
        stage.write_parquet({"skipped": stage.skipped_frame(entries)}, tmp, "skipped")
        publish_partitions(Path(tmp), staging, files, skipped)
    summary.skipped = sum(len(v) for v in skipped.values())
    return summary, files


_WORK = re.compile(r"^\.(?:parse-(\d+)-.*|.+\.(?:new|old)-(\d+))$")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(staging: Path) -> list[Path]:
    """Remove the work folders (`.parse-<pid>-…`, `.<key>.new-<pid>`, `.<key>.old-<pid>`) of runs
    whose process is gone (killed mid-run); a running process's are left alone."""
    removed = []
    for path in staging.glob(".*"):
        m = _WORK.match(path.name)
        if m and path.is_dir() and not _running(int(m.group(1) or m.group(2))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def partition_dirs(staging: Path) -> list[Path]:
    """Every partition folder of a staging folder (hidden work folders aside), for the loader."""
    return sorted(p for p in staging.glob("*") if p.is_dir() and not p.name.startswith("."))


def staged_files(staging: Path) -> dict[str, str]:
    """source path -> sha256 of every file already parsed into the staging folder."""
    files = [f for d in partition_dirs(staging) for f in sorted((d / "report").glob("*.parquet"))]
    if not files:
        return {}
    frame = pl.concat([pl.read_parquet(f, columns=["source_path", "sha256"]) for f in files])
    return dict(zip(frame["source_path"].to_list(), frame["sha256"].to_list(), strict=True))


def partition_report_frame(staging: Path, key: str) -> pl.DataFrame:
    folder = staging / key / "report"
    files = sorted(folder.glob("*.parquet"))
    return pl.concat([pl.read_parquet(f) for f in files]) if files else pl.DataFrame(schema=stage.SCHEMAS["report"])


def partition_issue_frame(staging: Path, key: str) -> pl.DataFrame:
    files = sorted((staging / key / "issue").glob("*.parquet"))
    return pl.concat([pl.read_parquet(f) for f in files]) if files else pl.DataFrame(schema=stage.SCHEMAS["issue"])


def changed_partitions(raw_dir: Path, current: Mapping[str, str], known: Mapping[str, str]) -> list[str]:
    """Partitions holding a file that is new, changed or gone, comparing path -> sha256 maps."""
    root = raw_dir.resolve()
    keys = partition_keys()
    changed = {p for p in current.keys() | known.keys() if current.get(p) != known.get(p)}
    out = set()
    for p in changed:
        try:
            out.add(partition_key(Path(p), root, keys))
        except ValueError:  # a staged file from another raw folder: nothing of this folder to re-parse
            continue
    return sorted(out, key=keys.index)


def run_key(prefix: str, keys: Sequence[str], fingerprint: str) -> str:
    """A run's key over a range of partitions and what was seen (equal keys: Dagster runs it once)."""
    return f"{prefix}:{keys[0]}..{keys[-1]}:{hashlib.sha256(fingerprint.encode()).hexdigest()[:12]}"
