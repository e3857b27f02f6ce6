"""Polite HTTP for the fetcher: robots.txt, one request per host at a time with a delay between
them, retries with backoff, Retry-After, conditional GET, timeouts and a size cap.

Built on httpx (a maintained, typed HTTP client with separate connect/read timeouts, streaming
bodies and a thread-safe connection pool) and protego (the robots.txt parser Scrapy uses, with
wildcards, Allow/Disallow precedence and Crawl-delay). Redirects are followed here, hop by hop,
so that robots.txt and the per-host delay apply to every hop and a loop is named as one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

PROJECT = "xxgk-warehouse"
DEFAULT_CONTACT = "https://github.com/xxgk-warehouse (set --contact or XXGK_FETCH_CONTACT)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def project_version() -> str:
    try:
        from importlib.metadata import version

        return version(PROJECT)
    except Exception:  # not installed as a distribution: the version is unknown, not an error
        return "0"


def user_agent(contact: str | None = None) -> str:
    """`xxgk-warehouse/0.1.0 (+contact)`: the project and whom to write to."""
    contact = contact or os.environ.get("XXGK_FETCH_CONTACT") or DEFAULT_CONTACT
    return f"{PROJECT}/{project_version()} (+{contact})"


@dataclass
class FetchOptions:
    """How politely and how long the fetcher tries. Times in seconds."""

    contact: str | None = None  # a URL or mailto: for the User-Agent
    delay: float = 2.0  # between two requests to the same host (robots.txt Crawl-delay wins if longer)
    max_crawl_delay: float = 60.0  # a longer Crawl-delay is capped here
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # between two reads of a response
    total_timeout: float = 300.0  # one whole response (a server dripping bytes is cut off)
    retries: int = 3  # further attempts after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 2.0  # the first retry waits this long, each further one twice the last
    max_retry_after: float = 600.0  # a longer Retry-After fails the URL rather than stall the run
    max_bytes: int = 50 * 1024 * 1024  # a larger file is stopped and reported, never saved
    max_redirects: int = 5
    max_list_pages: int = 10  # of one column
    max_attachments: int = 10  # of one report page
    recheck_after: float = 7 * 86400.0  # a saved report or attachment is requested again after this
    workers: int = 4  # hosts fetched side by side (each host one request at a time)
    respect_robots: bool = True
    trust_env: bool = True  # proxies from the environment
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)


class HostGate:
    """One request per host at a time, and at least `delay` seconds from the end of one to the
    start of the next; a host can be told to hold off longer (Retry-After, backoff)."""

    def __init__(self, sleep: Callable[[float], None], clock: Callable[[], float]):
        self._sleep, self._clock = sleep, clock
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._guard = threading.Lock()

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def hold_off(self, host: str, seconds: float) -> None:
        with self._guard:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)

    @contextlib.contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        with self._lock(host):
            wait = self._next.get(host, 0.0) - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self.hold_off(host, delay)


@dataclass
class Download:
    """The outcome of one GET (after redirects and retries)."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    temp: Path | None = None  # the whole body, when status is 200
    sha256: str | None = None
    size: int = 0
    attempts: int = 0
    error: str | None = None  # why nothing was downloaded
    not_modified: bool = False

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None, status: int | None = None):
        super().__init__(reason)
        self.reason, self.wait, self.status = reason, wait, status


class _Fail(Exception):
    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.reason, self.status = reason, status


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class Client:
    """The fetcher's HTTP client (thread-safe; one per run)."""

    def __init__(self, options: FetchOptions, temp_dir: Path):
        self.options = options
        self.temp_dir = temp_dir
        self.user_agent = user_agent(options.contact)
        self.gate = HostGate(options.sleep, options.clock)
        self._robots: dict[str, tuple[Protego | None, str | None]] = {}
        self._robots_lock = threading.Lock()
        self._host_delays: dict[str, float] = {}
        self.requests = 0
        self.conditional_requests = 0
        self._count_lock = threading.Lock()
        timeout = httpx.Timeout(connect=options.connect_timeout, read=options.read_timeout,
                                write=options.read_timeout, pool=None)
        self.http = httpx.Client(headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                                 timeout=timeout, follow_redirects=False, trust_env=options.trust_env)

    def close(self) -> None:
        self.http.close()

    # ------------------------------------------------------------ robots.txt

    def _robots_for(self, url: str) -> tuple[Protego | None, str | None]:
        """(rules, None), or (None, why the site is treated as closed). RFC 9309: a robots.txt
        that is missing (4xx) allows everything; one that cannot be read (5xx, unreachable) is
        taken as disallowing everything."""
        key = host_key(url)
        with self._robots_lock:
            if key in self._robots:
                return self._robots[key]
        dl = self._get(key + "/robots.txt", {}, check_robots=False, max_bytes=512 * 1024)
        result: tuple[Protego | None, str | None]
        if dl.status == 200 and dl.temp is not None:
            text = dl.temp.read_bytes().decode("utf-8", "replace")
            dl.temp.unlink(missing_ok=True)
            rules = Protego.parse(text)
            result = (rules, None)
            delay = rules.crawl_delay(self.user_agent)
            if delay:
                self._host_delays[key] = min(float(delay), self.options.max_crawl_delay)
        elif dl.status is not None and 400 <= dl.status < 500:
            result = (Protego.parse(""), None)
        else:
            why = f"HTTP {dl.status}" if dl.status else (dl.error or "no answer")
            result = (None, f"robots.txt could not be read ({why}): the site is treated as closed (RFC 9309)")
        with self._robots_lock:
            self._robots[key] = result
        return result

    def robots_refusal(self, url: str) -> str | None:
        if not self.options.respect_robots:
            return None
        rules, why = self._robots_for(url)
        if rules is None:
            return why
        if not rules.can_fetch(url, self.user_agent):
            return "robots.txt disallows it"
        return None

    def delay_for(self, url: str) -> float:
        return max(self.options.delay, self._host_delays.get(host_key(url), 0.0))

    # ------------------------------------------------------------ GET

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Download:
        """GET a URL politely (see the module's docstring); a 200 body is in `temp`."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, check_robots=True, max_bytes=max_bytes or self.options.max_bytes)

    def _get(self, url: str, headers: dict[str, str], *, check_robots: bool, max_bytes: int) -> Download:
        o = self.options
        dl = Download(url=url, final_url=url)
        for attempt in range(1, o.retries + 2):
            dl.attempts = attempt
            try:
                self._follow(dl, headers, check_robots, max_bytes)
                return dl
            except _Fail as exc:
                dl.error, dl.status = exc.reason, exc.status if exc.status is not None else dl.status
                return dl
            except _Retry as exc:
                dl.status = exc.status
                if exc.wait is not None and exc.wait > o.max_retry_after:
                    dl.error = f"{exc.reason}: Retry-After {exc.wait:.0f} s is beyond the {o.max_retry_after:.0f} s cap"
                    return dl
                if attempt > o.retries:
                    dl.error = f"{exc.reason} (gave up after {attempt} attempts)"
                    return dl
                wait = max(o.backoff * 2 ** (attempt - 1), exc.wait or 0.0)
                self.gate.hold_off(host_key(dl.final_url), wait)
        return dl  # not reached: the loop returns

    def _follow(self, dl: Download, headers: dict[str, str], check_robots: bool, max_bytes: int) -> None:
        url, seen = dl.url, [dl.url]
        for _ in range(self.options.max_redirects + 1):
            dl.final_url = url
            if check_robots and (why := self.robots_refusal(url)):
                raise _Fail(why if url == dl.url else f"redirected to {url}: {why}")
            location = self._exchange(dl, url, headers, max_bytes)
            if location is None:
                return
            nxt = urljoin(url, location)
            if nxt in seen:
                raise _Fail(f"redirect loop ({' → '.join([*seen, nxt][-4:])})", dl.status)
            seen.append(nxt)
            url = nxt
        raise _Fail(f"too many redirects (more than {self.options.max_redirects})", dl.status)

    def _exchange(self, dl: Download, url: str, headers: dict[str, str], max_bytes: int) -> str | None:
        """One request and response through the host's gate; returns a redirect's Location."""
        o = self.options
        key = host_key(url)
        with self.gate.slot(key, self.delay_for(url)):
            with self._count_lock:
                self.requests += 1
                if headers:
                    self.conditional_requests += 1
            started = o.clock()
            try:
                with self.http.stream("GET", url, headers=headers) as r:
                    dl.status = r.status_code
                    dl.headers = {k.lower(): v for k, v in r.headers.items()}
                    if r.status_code in REDIRECT_STATUSES:
                        location = r.headers.get("location")
                        if not location:
                            raise _Fail(f"HTTP {r.status_code} redirect without a Location", r.status_code)
                        return location
                    if r.status_code == 304:
                        dl.not_modified = True
                        return None
                    if r.status_code in RETRY_STATUSES:
                        wait = retry_after_seconds(r.headers.get("retry-after")) \
                            if r.status_code in (429, 503) else None
                        raise _Retry(f"HTTP {r.status_code}", wait, r.status_code)
                    if r.status_code != 200:
                        raise _Fail(_status_reason(r.status_code), r.status_code)
                    self._body(dl, r, max_bytes, started)
                    return None
            except httpx.TimeoutException as exc:
                kind = "connect" if isinstance(exc, httpx.ConnectTimeout) else "read"
                raise _Retry(f"timed out ({kind})") from exc
            except httpx.TransportError as exc:
                raise _Retry(_transport_reason(exc)) from exc

    def _body(self, dl: Download, r: httpx.Response, max_bytes: int, started: float) -> None:
        o = self.options
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise _Fail(f"too large: {int(declared):,} bytes declared, the cap is {max_bytes:,}", 200)
        fd, name = _temp(self.temp_dir)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise _Fail(f"too large: stopped after {max_bytes:,} bytes (the cap)", 200)
                    if o.clock() - started > o.total_timeout:
                        raise _Retry(f"timed out (the whole response took over {o.total_timeout:g} s)")
                    digest.update(chunk)
                    fh.write(chunk)
            if declared and declared.isdigit() and "content-encoding" not in r.headers and size != int(declared):
                raise _Retry(f"truncated: {size:,} of {int(declared):,} bytes")
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        dl.temp, dl.sha256, dl.size = Path(name), digest.hexdigest(), size


def _temp(folder: Path) -> tuple[int, str]:
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(dir=folder, suffix=".part")


def _status_reason(status: int) -> str:
    names = {404: "not found", 410: "gone", 403: "forbidden", 401: "needs a login", 400: "bad request"}
    return f"HTTP {status}" + (f" {names[status]}" if status in names else "")


def _transport_reason(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.RemoteProtocolError) and ("incomplete" in text.lower() or "peer closed" in text.lower()):
        return f"truncated: the connection closed mid-response ({text})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text})"
    return f"connection failed ({type(exc).__name__}: {text})"
