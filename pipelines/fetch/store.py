"""Where fetched bytes live under `raw/`, and the record kept beside each.

    raw/<host>/<url path>                 a report page or attachment: its latest bytes
    raw/.fetch/meta/<host>/<url path>.json  its sidecar record (`FetchRecord`, JSON)
    raw/.fetch/lists/<host>/<url path>      a column's list page (kept to re-read its links on a 304)
    raw/.fetch/versions/<host>/<url path>/<fetched>_<sha12><ext>   bytes a newer version replaced
    raw/.fetch/runs/<run id>.jsonl        one line per URL per run, then the run's summary
    raw/.fetch/tmp/                       downloads in progress (emptied at the start of a run)

Everything under `raw/.fetch/` is hidden from the build (it skips hidden paths). A file reaches
its place only whole: it is written to `tmp/` and renamed, so a killed run leaves no partial
file in `raw/`; its sidecar is written (the same way) after it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

FETCH_DIR = ".fetch"
_UNSAFE = re.compile(r'[\x00-\x1f\\:*?"<>|]')
_MAX_SEGMENT = 120  # bytes of one path segment, well under every filesystem's limit


@dataclass
class FetchRecord:
    """What is known of one URL the fetcher requested: where its bytes came from and where
    they are (one JSON sidecar per URL)."""

    url: str
    role: str  # list, page or attachment
    final_url: str | None = None  # after redirects
    path: str | None = None  # the bytes, relative to the raw folder (POSIX separators)
    list_url: str | None = None  # the column list page the link was found on
    link_text: str | None = None  # the link's title there (or the attachment link's text)
    parent_url: str | None = None  # an attachment's report page
    agency: str | None = None  # as the input CSV named it
    year: int | None = None  # reporting year: the input CSV's, else the link title's
    published_at: str | None = None  # ISO date
    published_at_source: str | None = None  # list, meta, page or url
    fetched_at: str | None = None  # when the current bytes were downloaded (ISO, UTC)
    checked_at: str | None = None  # when the URL was last requested
    http_status: int | None = None  # of the last request (304 on an unchanged re-run)
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    encoding: str | None = None  # a page's charset as read
    format: str | None = None  # an attachment's format as its bytes say: pdf, zip, ole
    needs_conversion: bool = False  # a .doc or .wps: kept, but the parser reads PDF and DOCX
    outcome: str | None = None  # of the last request: new, changed, unchanged, failed
    reason: str | None = None  # why it failed
    attempts: int = 0
    versions: list[dict[str, Any]] = field(default_factory=list)  # older bytes: path, sha256, fetched_at

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FetchRecord:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def _segment(s: str) -> str:
    s = _UNSAFE.sub("_", unquote(s)).strip()
    if s in ("", ".", ".."):
        return "_"
    if s.startswith("."):
        s = "_" + s[1:]  # a hidden name would be skipped by the build
    raw = s.encode("utf-8")
    if len(raw) > _MAX_SEGMENT:
        _, dot, ext = s.rpartition(".")
        keep = ext if dot and len(ext) <= 8 else ""
        digest = hashlib.sha256(raw).hexdigest()[:12]
        s = raw[:_MAX_SEGMENT - 24].decode("utf-8", "ignore") + "_" + digest + ("." + keep if keep else "")
    return s


def relpath_for(url: str, default_name: str = "index.html") -> PurePosixPath:
    """The stable place of a URL's bytes under the raw folder: host (with a non-default port),
    then the URL's path, percent-decoded; a folder URL names its `index.html`; a query string
    becomes a short hash in the name (…/show__3f2a9c1d0b.html)."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown-host").lower()
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port and parts.port != default_port:
        host += f"_{parts.port}"
    segments = [s for s in parts.path.split("/") if s]
    if not segments or parts.path.endswith("/"):
        segments.append(default_name)
    name = segments[-1]
    if parts.query:
        stem, dot, ext = name.rpartition(".")
        digest = hashlib.sha256(parts.query.encode()).hexdigest()[:10]
        name = f"{stem}__{digest}.{ext}" if dot and stem else f"{name}__{digest}"
        segments[-1] = name
    return PurePosixPath(_segment(host), *(_segment(s) for s in segments))


class Store:
    """The raw folder as the fetcher writes it (see the module's docstring)."""

    def __init__(self, raw_dir: str | Path):
        self.root = Path(raw_dir)
        self.hidden = self.root / FETCH_DIR
        self.tmp = self.hidden / "tmp"

    def prepare(self) -> None:
        """Create the folders; drop downloads a killed run left half done."""
        for sub in ("meta", "lists", "versions", "runs"):
            (self.hidden / sub).mkdir(parents=True, exist_ok=True)
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir(parents=True)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One fetch run per raw folder at a time."""
        self.hidden.mkdir(parents=True, exist_ok=True)
        with open(self.hidden / "lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise RuntimeError(f"{self.root}: another fetch run is writing this raw folder") from exc
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def file_path(self, rel: PurePosixPath, role: str) -> Path:
        return (self.hidden / "lists" / rel) if role == "list" else self.root / rel

    def meta_path(self, rel: PurePosixPath) -> Path:
        return self.hidden / "meta" / rel.parent / (rel.name + ".json")

    def read_record(self, rel: PurePosixPath) -> FetchRecord | None:
        path = self.meta_path(rel)
        try:
            return FetchRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def write_record(self, rel: PurePosixPath, record: FetchRecord) -> None:
        write_atomic(self.meta_path(rel), record.to_json().encode("utf-8"), self.tmp)

    def temp_file(self) -> tuple[int, Path]:
        fd, name = tempfile.mkstemp(dir=self.tmp, suffix=".part")
        return fd, Path(name)

    def commit(self, temp: Path, rel: PurePosixPath, role: str, old: FetchRecord | None,
               sha256: str, stamp: str) -> tuple[str, list[dict[str, Any]]]:
        """Move a finished download into place. Returns (outcome, versions): `unchanged` when the
        bytes equal those in place (the download is dropped), else `new` or `changed` — the
        bytes they replace are first moved to `versions/`, never overwritten (a column's list page,
        read only for its links, is simply replaced)."""
        target = self.file_path(rel, role)
        versions = list(old.versions) if old else []
        if target.exists() and role == "list":  # a list page is read for its links, not kept
            os.replace(temp, target)
            return ("unchanged" if old and old.sha256 == sha256 else "changed"), versions
        if target.exists():
            current_sha = old.sha256 if old and old.sha256 else sha256_of(target)
            if current_sha == sha256 or sha256_of(target) == sha256:
                temp.unlink(missing_ok=True)
                return "unchanged", versions
            suffix = "".join(PurePosixPath(rel.name).suffixes[-1:])
            kept_at = (old.fetched_at if old and old.fetched_at else stamp)
            name = f"{re.sub(r'[^0-9T]', '', kept_at)[:15]}_{current_sha[:12]}{suffix}"
            archive = self.hidden / "versions" / rel / name
            archive.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, archive)
            versions.append({"path": archive.relative_to(self.root).as_posix(), "sha256": current_sha,
                             "fetched_at": kept_at})
            outcome = "changed"
        else:
            outcome = "new"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, target)
        return outcome, versions

    def run_log(self, run_id: str) -> Path:
        return self.hidden / "runs" / f"{run_id}.jsonl"


def write_atomic(path: Path, data: bytes, tmp_dir: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_records(raw_dir: str | Path, roles: tuple[str, ...] = ("page", "attachment"),
                 saved_only: bool = False) -> list[FetchRecord]:
    """Every sidecar record under a raw folder (reports and attachments by default; with
    `saved_only`, those whose bytes are saved), sorted by URL: what the warehouse reads to give
    each raw file its source URL and dates, and to know which links failed."""
    meta = Path(raw_dir) / FETCH_DIR / "meta"
    out = []
    for path in sorted(meta.rglob("*.json")) if meta.is_dir() else []:
        try:
            record = FetchRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue
        if record.role in roles and (record.path or not saved_only):
            out.append(record)
    return sorted(out, key=lambda r: r.url)
