"""`fetch`: report pages and their attachments from agency sites into `raw/`, politely and
resumably, with a record of where each file came from.

Inputs (either or both):
- a CSV of report URLs — `url`, optional `agency`, `year`;
- a CSV of column list pages — `list_url`, optional `agency` (further columns, such as the
  roster's `region`, are ignored) — whose report links are found by their titles, following the
  column's pages up to `max_list_pages`.

A re-run requests list pages again (conditionally: an unchanged page answers 304) and a saved
report or attachment only once `recheck_after` has passed since it was last checked, so a run
killed half way resumes by fetching only what it had not saved. Nothing already saved is lost:
a changed file's old bytes move to `raw/.fetch/versions/` (see `store`).
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from pipelines.fetch import pages
from pipelines.fetch.client import Client, Download, FetchOptions, host_key
from pipelines.fetch.store import FetchRecord, Store, relpath_for

Progress = Callable[[int, int, str], None]  # (tasks done, tasks known, what is being fetched)


class FetchInputError(ValueError):
    """An input CSV that cannot be used at all: the message names the file and the problem."""


@dataclass(frozen=True)
class ReportTask:
    url: str
    agency: str | None = None
    year: int | None = None
    list_url: str | None = None
    link_text: str | None = None
    listed_date: str | None = None  # the publication date printed beside the link


@dataclass(frozen=True)
class ColumnTask:
    list_url: str
    agency: str | None = None


@dataclass
class Failure:
    url: str
    role: str
    reason: str
    agency: str | None = None
    year: int | None = None


@dataclass
class FetchSummary:
    """What a run did. `pages` and `attachments` count the report pages and attachments it
    handled; each of them is new, changed, unchanged (304 or the same bytes), kept (saved
    recently: not requested) or failed."""

    run_id: str
    raw_dir: str
    started_at: str
    seconds: float = 0.0
    columns: int = 0
    list_pages: int = 0
    pages: int = 0
    attachments: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    kept: int = 0
    failed: int = 0
    requests: int = 0
    conditional_requests: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not failures: a column's guessed last page …
    needs_conversion: list[str] = field(default_factory=list)  # raw paths of .doc/.wps files
    found: list[dict] = field(default_factory=list)  # report links found on list pages

    @property
    def saved(self) -> int:
        return self.new + self.changed

    def lines(self) -> list[str]:
        out = [
            f"fetch {self.run_id}: {self.columns} column(s), {self.list_pages} list page(s), "
            f"{self.pages} report page(s), {self.attachments} attachment(s) in {self.seconds:.1f} s",
            f"  new {self.new} · changed {self.changed} · unchanged {self.unchanged} · "
            f"kept (checked recently, not requested) {self.kept} · failed {self.failed}",
            f"  requests {self.requests} (conditional {self.conditional_requests})",
        ]
        for path in self.needs_conversion:
            out.append(f"  needs conversion (.doc/.wps; the parser reads PDF and DOCX): {path}")
        for f in self.failures:
            who = " ".join(str(x) for x in (f.agency, f.year) if x)
            out.append(f"  FAILED {f.role} {f.url}{' (' + who + ')' if who else ''}: {f.reason}")
        for note in self.notes:
            out.append(f"  note: {note}")
        return out

    def to_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ input CSVs

def _read_csv(path: str | Path) -> list[dict[str, str]]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise FetchInputError(f"{p}: cannot be read: {exc.strerror or exc}") from exc
    for enc in ("utf-8-sig", "gb18030"):  # spreadsheets save Chinese CSVs in GBK
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FetchInputError(f"{p}: neither UTF-8 nor GB18030 text")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise FetchInputError(f"{p}: empty (no header row)")
    rows = []
    for row in reader:
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None})
    return rows


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not an http(s) URL"
    return None


def read_url_csv(path: str | Path) -> tuple[list[ReportTask], list[Failure]]:
    """Report URLs from a CSV (`url`, optional `agency`, `year`); bad rows come back as
    failures naming the file and line, the good ones are fetched."""
    rows = _read_csv(path)
    if rows and "url" not in rows[0]:
        raise FetchInputError(f"{path}: no 'url' column (columns: {', '.join(rows[0])})")
    tasks, bad = [], []
    for n, row in enumerate(rows, start=2):
        url, year_text = row.get("url", ""), row.get("year", "")
        why = _check_url(url)
        year = None
        if year_text:
            year = int(year_text) if year_text.isdigit() and 1990 <= int(year_text) <= 2100 else None
            if year is None:
                why = why or f"year {year_text!r} is not a reporting year"
        if why:
            bad.append(Failure(url or "(empty)", "input", f"{path} line {n}: {why}", row.get("agency") or None))
            continue
        tasks.append(ReportTask(url, row.get("agency") or None, year))
    return tasks, bad


def read_list_csv(path: str | Path) -> tuple[list[ColumnTask], list[Failure]]:
    """Column list pages from a CSV (`list_url`, optional `agency`)."""
    rows = _read_csv(path)
    if rows and "list_url" not in rows[0]:
        raise FetchInputError(f"{path}: no 'list_url' column (columns: {', '.join(rows[0])})")
    tasks, bad = [], []
    for n, row in enumerate(rows, start=2):
        url = row.get("list_url", "")
        if not url:
            continue  # a roster row without a column: nothing to fetch
        if why := _check_url(url):
            bad.append(Failure(url, "input", f"{path} line {n}: {why}", row.get("agency") or None))
            continue
        tasks.append(ColumnTask(url, row.get("agency") or None))
    return tasks, bad


# ------------------------------------------------------------------ the run

def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _age_seconds(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        then = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return (datetime.now(UTC) - then).total_seconds()


class _Run:
    def __init__(self, store: Store, client: Client, options: FetchOptions, summary: FetchSummary,
                 progress: Progress | None):
        self.store, self.client, self.options, self.summary = store, client, options, summary
        self.progress = progress
        self.lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.log = open(store.run_log(summary.run_id), "a", encoding="utf-8")  # closed by finish()
        self.seen: set[str] = set()  # URLs handled in this run (a report linked twice is fetched once)

    # -------------------------------------------------------------- bookkeeping

    def _log(self, record: FetchRecord) -> None:
        line = json.dumps({k: v for k, v in asdict(record).items() if k != "versions"}, ensure_ascii=False)
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()

    def _count(self, record: FetchRecord, agency: str | None = None, year: int | None = None) -> None:
        with self.lock:
            s = self.summary
            if record.role == "page":
                s.pages += 1
            elif record.role == "attachment":
                s.attachments += 1
            else:
                s.list_pages += 1
            if record.outcome == "failed":
                s.failed += 1
                s.failures.append(Failure(record.url, record.role, record.reason or "failed",
                                          agency or record.agency, year or record.year))
            elif record.role != "list":
                setattr(s, record.outcome or "unchanged", getattr(s, record.outcome or "unchanged") + 1)
                if record.needs_conversion and record.path and record.path not in s.needs_conversion:
                    s.needs_conversion.append(record.path)

    def _tick(self, what: str, n: int = 1) -> None:
        with self.lock:
            self.done += n
            done, total = self.done, self.total
        if self.progress:
            self.progress(done, total, what)

    def _add_tasks(self, n: int) -> None:
        with self.lock:
            self.total += n

    def _claim(self, url: str) -> bool:
        with self.lock:
            if url in self.seen:
                return False
            self.seen.add(url)
            return True

    # -------------------------------------------------------------- one URL

    def resource(self, url: str, role: str, hints: dict, validate: Callable[[Download], str | None] | None = None,
                 extension: str | None = None) -> tuple[FetchRecord, bytes | None]:
        """Request one URL (conditionally when its bytes are saved) and save what changed.
        Returns its record and, for a list or report page, its bytes (downloaded or saved)."""
        rel = relpath_for(url)
        if extension and not rel.name.lower().endswith(pages.ATTACHMENT_EXTENSIONS):
            rel = rel.with_name(rel.name + extension)
        old = self.store.read_record(rel)
        target = self.store.file_path(rel, role)
        have = (old is not None and old.sha256 is not None and target.is_file()
                and old.bytes == target.stat().st_size)
        if have and role != "list":
            age = _age_seconds(old.checked_at)
            if age is not None and age < self.options.recheck_after:
                record = FetchRecord.from_dict({**asdict(old), "outcome": "kept", "reason": None})
                _merge_hints(record, hints)
                return record, target.read_bytes() if role == "page" else None
        dl = self.client.get(url, etag=old.etag if have else None,
                             last_modified=old.last_modified if have else None)
        now = _now()
        if dl.error is None and not dl.not_modified and validate is not None:
            problem = validate(dl)
            if problem:
                dl.temp.unlink(missing_ok=True)
                dl.temp, dl.error = None, problem
        if dl.error is not None:
            record = FetchRecord.from_dict(asdict(old)) if old else FetchRecord(url=url, role=role)
            record.role = role
            record.outcome, record.reason, record.checked_at = "failed", dl.error, now
            record.http_status, record.attempts, record.final_url = dl.status, dl.attempts, dl.final_url
            _merge_hints(record, hints)
            self.store.write_record(rel, record)
            return record, None
        if dl.not_modified:
            record = FetchRecord.from_dict(asdict(old))
            record.outcome, record.reason, record.checked_at = "unchanged", None, now
            record.http_status, record.attempts = 304, dl.attempts
            _merge_hints(record, hints)
            self.store.write_record(rel, record)
            return record, target.read_bytes() if role in ("page", "list") else None
        data = dl.temp.read_bytes() if role in ("page", "list") else None
        outcome, versions = self.store.commit(dl.temp, rel, role, old if have else None, dl.sha256, now)
        record = FetchRecord(
            url=url, role=role, final_url=dl.final_url, path=None if role == "list" else rel.as_posix(),
            fetched_at=old.fetched_at if outcome == "unchanged" and old else now, checked_at=now,
            http_status=dl.status, content_type=dl.content_type, etag=dl.headers.get("etag"),
            last_modified=dl.headers.get("last-modified"), sha256=dl.sha256, bytes=dl.size,
            outcome=outcome, attempts=dl.attempts, versions=versions,
        )
        if old:
            for key in ("list_url", "link_text", "parent_url", "agency", "year", "published_at",
                        "published_at_source"):
                setattr(record, key, getattr(old, key))
        _merge_hints(record, hints)
        self.store.write_record(rel, record)
        return record, data

    # -------------------------------------------------------------- a column

    def column(self, task: ColumnTask) -> list[ReportTask]:
        """The report links of a column, following its list pages."""
        queue = [pages.ListPage(task.list_url)]
        seen_pages = {task.list_url}
        links: dict[str, pages.ReportLink] = {}
        page_no = 0
        while queue and page_no < self.options.max_list_pages:
            lp = queue.pop(0)
            record, data = self.resource(lp.url, "list", {"agency": task.agency})
            if data is None:
                if lp.guessed and record.http_status == 404:
                    with self.lock:
                        self.summary.list_pages += 1
                        self.summary.notes.append(f"{lp.url}: HTTP 404 — taken as the end of the column "
                                                  f"(a page no next-page link named)")
                else:
                    self._count(record, task.agency)
                self._log(record)
                break
            self._count(record, task.agency)
            self._log(record)
            html, _ = pages.decode_html(data, record.content_type)
            new = [link for link in pages.find_report_links(html, lp.url) if link.url not in links]
            for link in new:
                links[link.url] = link
            if page_no > 0 and not new:
                break
            for nxt in pages.next_list_pages(html, lp.url, task.list_url, page_no):
                if nxt.url not in seen_pages:
                    seen_pages.add(nxt.url)
                    queue.append(nxt)
            page_no += 1
        if queue and page_no >= self.options.max_list_pages:
            with self.lock:
                self.summary.notes.append(f"{task.list_url}: stopped after {page_no} list pages (the limit)")
        out = []
        for link in links.values():
            out.append(ReportTask(link.url, task.agency, link.year, task.list_url, link.title,
                                  link.published_at.isoformat() if link.published_at else None))
            with self.lock:
                self.summary.found.append({"list_url": task.list_url, "agency": task.agency, "year": link.year,
                                           "url": link.url, "title": link.title,
                                           "published_at": link.published_at.isoformat()
                                           if link.published_at else None})
        return out

    # -------------------------------------------------------------- a report

    def report(self, task: ReportTask) -> None:
        if not self._claim(task.url):
            return
        hints = {"agency": task.agency, "year": task.year, "list_url": task.list_url, "link_text": task.link_text,
                 "published_at": task.listed_date, "published_at_source": "list" if task.listed_date else None}
        direct = pages.sniff_extension(task.url)
        if direct:  # the URL is the document itself (a PDF or Word file)
            record, _ = self.resource(task.url, "attachment", hints, _document_check(direct), direct)
            if task.listed_date and record.outcome not in ("failed", "kept"):
                record.published_at, record.published_at_source = task.listed_date, "list"
                self.store.write_record(_rel(task.url, direct), record)
            self._finish_attachment(record, direct, task)
            return
        record, data = self.resource(task.url, "page", hints, _page_check)
        if data is None:
            self._count(record, task.agency, task.year)
            self._log(record)
            return
        if pages.sniff_format(data[:1024]) in ("pdf", "zip", "ole"):  # a document under a page-like URL
            record.format = pages.sniff_format(data[:1024])
            if record.outcome != "kept":
                self.store.write_record(relpath_for(task.url), record)
            self._count(record, task.agency, task.year)
            self._log(record)
            return
        html, encoding = pages.decode_html(data, record.content_type)
        if task.listed_date:
            record.published_at, record.published_at_source = task.listed_date, "list"
        elif record.published_at_source in (None, "meta", "page", "url"):
            when, source = pages.published_date(html, record.final_url or task.url)
            record.published_at = when.isoformat() if when else None
            record.published_at_source = source
        if record.year is None:
            record.year = pages.title_year(task.link_text or pages.page_title(html) or "")
        record.encoding = encoding
        if record.outcome != "kept":
            self.store.write_record(relpath_for(task.url), record)
        self._count(record, task.agency, task.year)
        self._log(record)
        for att in pages.find_attachments(html, record.final_url or task.url)[: self.options.max_attachments]:
            if not self._claim(att.url):
                continue
            a_hints = {**hints, "parent_url": task.url, "link_text": att.text or task.link_text,
                       "published_at": record.published_at, "published_at_source": record.published_at_source}
            a_record, _ = self.resource(att.url, "attachment", a_hints, _document_check(att.extension), att.extension)
            self._finish_attachment(a_record, att.extension, task)

    def _finish_attachment(self, record: FetchRecord, extension: str, task: ReportTask) -> None:
        if record.outcome not in ("failed", "kept") and record.path:
            path = self.store.root / record.path
            head = _head(path)
            record.format = pages.sniff_format(head)
            record.needs_conversion = extension in pages.NEEDS_CONVERSION or record.format == "ole"
            self.store.write_record(_rel(record.url, extension), record)
        self._count(record, task.agency, task.year)
        self._log(record)

    def finish(self) -> None:
        self.log.write(json.dumps({"summary": self.summary.to_dict()}, ensure_ascii=False) + "\n")
        self.log.close()


def _rel(url: str, extension: str | None) -> PurePosixPath:
    rel = relpath_for(url)
    if extension and not rel.name.lower().endswith(pages.ATTACHMENT_EXTENSIONS):
        rel = rel.with_name(rel.name + extension)
    return rel


def _merge_hints(record: FetchRecord, hints: dict) -> None:
    """Fill what the input or the list page said about a URL; what it said this time wins."""
    for key, value in hints.items():
        if value is not None:
            setattr(record, key, value)


def _head(path: Path, n: int = 1024) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def _tail(path: Path, n: int = 1024) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - n))
        return fh.read()


def _page_check(dl: Download) -> str | None:
    """A report page must be HTML with a report in it (or a link to one)."""
    data = dl.temp.read_bytes()
    kind = pages.sniff_format(data[:1024])
    if kind in ("pdf", "zip", "ole"):
        return None  # a report served as a document under a page-like URL: kept as it is
    html, _ = pages.decode_html(data, dl.content_type)
    return pages.page_problem(html, bool(pages.find_attachments(html, dl.final_url)))


def _document_check(extension: str) -> Callable[[Download], str | None]:
    def check(dl: Download) -> str | None:
        return pages.attachment_problem(_head(dl.temp), _tail(dl.temp), extension)
    return check


def fetch(
    urls_csv: str | Path | None = None,
    lists_csv: str | Path | None = None,
    raw_dir: str | Path = "raw",
    options: FetchOptions | None = None,
    *,
    urls: Iterable[ReportTask] = (),
    columns: Iterable[ColumnTask] = (),
    progress: Progress | None = None,
) -> FetchSummary:
    """Fetch the reports the inputs name into `raw_dir` (see the module's docstring). Raises
    `FetchInputError` for an input that cannot be used at all, and RuntimeError when another
    run holds the raw folder; every problem with a single URL is a line of the summary."""
    options = options or FetchOptions()
    report_tasks, column_tasks, bad = list(urls), list(columns), []
    if urls_csv:
        t, b = read_url_csv(urls_csv)
        report_tasks += t
        bad += b
    if lists_csv:
        t, b = read_list_csv(lists_csv)
        column_tasks += t
        bad += b
    store = Store(raw_dir)
    started = datetime.now(UTC)
    summary = FetchSummary(run_id=started.strftime("%Y%m%dT%H%M%S%fZ"), raw_dir=str(raw_dir),
                           started_at=started.isoformat(timespec="seconds"))
    summary.failures += bad
    summary.failed += len(bad)
    summary.columns = len(column_tasks)
    with store.locked():
        store.prepare()
        client = Client(options, store.tmp)
        run = _Run(store, client, options, summary, progress)
        try:
            _work(run, report_tasks, column_tasks)
        finally:
            summary.requests, summary.conditional_requests = client.requests, client.conditional_requests
            summary.seconds = (datetime.now(UTC) - started).total_seconds()
            run.finish()
            client.close()
    return summary


def _work(run: _Run, report_tasks: list[ReportTask], column_tasks: list[ColumnTask]) -> None:
    """Each host's work in one thread (its requests one at a time anyway); hosts side by side."""
    by_host: dict[str, list[ReportTask | ColumnTask]] = {}
    for task in [*column_tasks, *report_tasks]:
        url = task.list_url if isinstance(task, ColumnTask) else task.url
        by_host.setdefault(host_key(url), []).append(task)
    run._add_tasks(len(column_tasks) + len(report_tasks))

    def host_work(tasks: list[ReportTask | ColumnTask]) -> None:
        for task in tasks:
            if isinstance(task, ColumnTask):
                found = run.column(task)
                run._add_tasks(len(found))
                run._tick(task.list_url)
                for report in found:
                    run.report(report)
                    run._tick(report.url)
            else:
                run.report(task)
                run._tick(task.url)

    workers = max(1, min(run.options.workers, len(by_host)))
    if workers == 1:
        for tasks in by_host.values():
            host_work(tasks)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
        for future in [pool.submit(host_work, tasks) for tasks in by_host.values()]:
            future.result()
