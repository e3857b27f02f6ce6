"""The raw folder as files: which files are reports to read, what each one's bytes are, and why
every other entry is passed over.

`raw_listing` is the one listing every caller shares (`xxgk parse DIR`, the build, the Dagster
sensor and schedule): the report files, and each entry skipped with its reason (hidden, a gold
label, not a regular file, a broken link, a linked folder, unreadable), so that every entry under
raw/ is accounted for. `scan` records each file's mtime, size and sha256 so a caller can tell new,
changed and removed files from the ones it has seen, and `settled_scan` only those written in
full (a file still being copied waits).

A file name is bytes on Linux and need not be UTF-8 (`unzip` of an archive made on Chinese Windows
gives GBK names): `path_text` is the one text form of a path used wherever a path is stored or
shown, readable and lossless (`text_path` reverses it).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Names in a raw folder that are not reports: labels and the folder's own README.
SKIPPED_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = frozenset({"README.md"})

# a file whose size and mtime have not changed for this long is written in full (a copy in
# progress keeps moving its mtime); `xxgk fetch` writes a temporary file and renames it
SETTLE_SECONDS = 60.0


class RawFolderError(RuntimeError):
    """The raw folder cannot be listed (it does not exist, or is not a folder)."""


def path_text(path: str | Path) -> str:
    """A path as text: itself when its name is UTF-8; otherwise each byte that is not UTF-8 as
    `\\xNN` and each backslash doubled, so that the text is valid UTF-8 (storable in Parquet and
    DuckDB, printable) and `text_path` gives back the very bytes."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
        return raw.replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")



def text_path(text: str) -> Path:
    """The path `path_text` gave `text` for (a text with no `\\xNN` is a path as it is)."""
    if "\\x" not in text:
        return Path(text)
    raw = text.encode("utf-8")
    out = re.sub(rb"\\\\|\\x([0-9a-f]{2})",
                 lambda m: b"\\" if m.group(1) is None else bytes([int(m.group(1), 16)]), raw)
    return Path(os.fsdecode(out))


@dataclass
class RawListing:
    """The raw folder's entries: report files to read, and the others with why they are skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _entry(path: Path, is_dir_hint: bool) -> tuple[str, str | None]:
    """('file' | 'dir' | 'skip', reason) of one entry that is not hidden."""
    try:
        lst = path.lstat()
    except OSError as exc:
        return "skip", f"cannot be looked at: {exc.strerror or exc}"
    if stat.S_ISLNK(lst.st_mode):
        try:
            st = path.stat()
        except OSError:
            return "skip", "a broken symbolic link"
        if stat.S_ISDIR(st.st_mode):
            return "skip", "a symbolic link to a folder (not followed: it could loop or leave raw/)"
        mode = st.st_mode
    else:
        mode = lst.st_mode
    if stat.S_ISDIR(mode):
        return "dir", None
    if not stat.S_ISREG(mode):
        return "skip", f"not a regular file ({_kind(mode)})"
    if path.name.endswith(SKIPPED_SUFFIXES):
        return "skip", "a gold label, not a report"
    if path.name in SKIPPED_NAMES:
        return "skip", "the folder's README, not a report"
    if not os.access(path, os.R_OK):
        return "skip", "unreadable (permission denied)"
    return "file", None


def raw_listing(raw_dir: str | Path) -> RawListing:
    """Every entry under `raw_dir`, sorted: report files to read, the rest skipped with a reason.
    Hidden entries (a name starting with a dot: editors' and copies' temporary files) are skipped,
    a hidden folder as one entry."""
    root = Path(raw_dir)
    if not root.is_dir():
        raise RawFolderError(f"raw folder {path_text(root)} does not exist")
    out = RawListing()

    def walk(folder: Path) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            out.skipped.append((folder, f"a folder that cannot be listed: {exc.strerror or exc}"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                out.skipped.append((path, "hidden (a name starting with a dot)"))
                continue
            kind, reason = _entry(path, entry.is_dir(follow_symlinks=False))
            if kind == "dir":
                walk(path)
            elif kind == "file":
                out.files.append(path)
            else:
                out.skipped.append((path, reason or "skipped"))

    walk(root)
    out.files.sort(key=os.fsencode)
    out.skipped.sort(key=lambda s: os.fsencode(s[0]))
    return out


def raw_files(raw_dir: str | Path) -> list[Path]:
    """Every report file under `raw_dir`, sorted (`raw_listing` says why the other entries are not)."""
    return raw_listing(raw_dir).files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(raw_dir: Path, previous: Mapping[str, list] | None = None) -> dict[str, list]:
    """path -> [mtime_ns, size, sha256] of every raw file (paths as `path_text`); a file whose
    mtime and size match `previous` keeps its recorded sha256 instead of being read again. A file
    that vanishes or cannot be read between the listing and the hashing is left out."""
    previous = previous or {}
    out = {}
    for path in raw_files(raw_dir.resolve()):
        try:
            st = path.stat()
            key = path_text(path)
            seen = previous.get(key)
            same = seen is not None and seen[0] == st.st_mtime_ns and seen[1] == st.st_size
            out[key] = [st.st_mtime_ns, st.st_size, seen[2] if same else file_sha256(path)]
        except OSError:
            continue
    return out


def settled_scan(raw_dir: Path, previous: Mapping[str, list] | None = None, *, pause: float = 1.0,
                 settle: float = SETTLE_SECONDS, sleep: Callable[[float], None] = time.sleep,
                 now: float | None = None) -> tuple[dict[str, list], list[str]]:
    """`scan` of the files written in full, and the paths of those still being written.

    A file is written in full when its size and mtime are unchanged across two looks: the look
    recorded in `previous` (the last tick), else a second look `pause` seconds later; or when it
    has not been modified for `settle` seconds (a file renamed into place after being written,
    as `xxgk fetch` does, is settled at its second look). A file being copied moves at every
    look and waits. Only settled files are hashed."""
    previous = previous or {}
    root = raw_dir.resolve()
    now = time.time() if now is None else now

    def look() -> dict[str, tuple[Path, int, int]]:
        out = {}
        for path in raw_files(root):
            try:
                st = path.stat()
            except OSError:
                continue
            out[path_text(path)] = (path, st.st_mtime_ns, st.st_size)
        return out

    first = look()
    ready = {k for k, (_, mtime, size) in first.items()
             if (k in previous and previous[k][0] == mtime and previous[k][1] == size)
             or now - mtime / 1e9 >= settle}
    unsure = [k for k in first if k not in ready]
    if unsure:
        sleep(pause)
        second = look()
        ready |= {k for k in unsure if k in second and second[k][1:] == first[k][1:]}
    out: dict[str, list] = {}
    for key in sorted(ready):
        path, mtime, size = first[key]
        seen = previous.get(key)
        try:
            sha = seen[2] if seen is not None and seen[0] == mtime and seen[1] == size else file_sha256(path)
        except OSError:
            continue
        out[key] = [mtime, size, sha]
    return out, sorted(k for k in first if k not in out)
