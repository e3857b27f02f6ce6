"""The parse step's Parquet, kept per partition: `<staging>/<key>/<table>/part-*.parquet`.

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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

from pipelines.warehouse import stage
from pipelines.warehouse.build import raw_files

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
    root = raw_dir.resolve()
    keys = partition_keys()
    out: dict[str, list[Path]] = defaultdict(list)
    for path in raw_files(root):
        out[partition_key(path, root, keys)].append(path)
    return dict(out)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _frames_by_key(parsed_dir: Path, key_of: Mapping[str, str]) -> dict[str, dict[str, pl.DataFrame]]:
    tables = {name: pl.from_arrow(t) for name, t in stage.read_parquet(parsed_dir).items()}
    report = tables["report"].with_columns(
        pl.col("source_path").replace_strict(key_of, default=UNDATED).alias("_key"))
    ids = report.select("report_id", "_key")
    out: dict[str, dict[str, pl.DataFrame]] = defaultdict(dict)
    for name, frame in tables.items():
        keyed = report if name == "report" else frame.join(ids, on="report_id", how="left")
        for (key,), part in keyed.partition_by("_key", as_dict=True).items():
            out[key][name] = part.drop("_key")
    return out


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def publish_partitions(parsed_dir: Path, staging: Path, files: Mapping[str, list[Path]]) -> None:
    """Split one parse run's Parquet by partition and swap each partition folder in.

    `files` maps every partition the run covered to its files; a partition with no files
    loses its folder (its raw files were removed).
    """
    key_of = {str(p): key for key, paths in files.items() for p in paths}
    by_key = _frames_by_key(parsed_dir, key_of)
    staging.mkdir(parents=True, exist_ok=True)
    for key in files:
        target = staging / key
        if key not in by_key:
            shutil.rmtree(target, ignore_errors=True)
            continue
        new = staging / f".{key}.new-{os.getpid()}"
        shutil.rmtree(new, ignore_errors=True)
        # every staging table gets a file, empty or not, so the loader sees the same columns
        frames = {name: by_key[key].get(name, pl.DataFrame(schema=schema))
                  for name, schema in stage.SCHEMAS.items()}
        stage.write_parquet(frames, new, "part-000000")
        _swap_in(new, target)


def partitions_present(staging: Path) -> list[Path]:
    return sorted(p for p in staging.glob("*") if p.is_dir() and not p.name.startswith("."))


def merge_for_load(staging: Path, dest: Path) -> int:
    """Hard-link every partition's Parquet into one folder in the loader's layout; returns files."""
    n = 0
    for part_dir in partitions_present(staging):
        for name in stage.STAGED_TABLES:
            for src in sorted((part_dir / name).glob("*.parquet")):
                target = dest / name / f"{part_dir.name}-{src.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(src, target)
                except OSError:  # another file system: copy instead
                    shutil.copyfile(src, target)
                n += 1
    return n


def staged_files(staging: Path) -> dict[str, str]:
    """source path -> sha256 of every file already parsed into the staging folder."""
    files = [f for d in partitions_present(staging) for f in sorted((d / "report").glob("*.parquet"))]
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
