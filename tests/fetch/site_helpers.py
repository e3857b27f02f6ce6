"""A small web site on 127.0.0.1 for the fetcher's tests: static pages with ETag and
Last-Modified (and 304s), plus handlers for the faults a real site shows — slow answers, 5xx,
429 with Retry-After, redirects, truncated bodies. Every request is recorded."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    started: float
    ended: float = 0.0
    status: int = 0


@dataclass
class Site:
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path → (body, content type)
    handlers: dict[str, Handler] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    active: int = 0  # requests between arrival and the start of their answer
    max_active: int = 0
    hold: float = 0.0  # seconds a static page waits before it is answered
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> None:
        self.files[path] = (body.encode("utf-8") if isinstance(body, str) else body, content_type)

    def add_tree(self, root: Path, prefix: str = "/") -> None:
        for p in sorted(root.rglob("*")):
            if p.is_file():
                rel = p.relative_to(root).as_posix()
                ctype = "text/html" if p.suffix in (".htm", ".html") else "application/octet-stream"
                self.files[prefix + rel] = (p.read_bytes(), ctype)
                if p.name == "index.html":
                    self.files[prefix + rel[: -len("index.html")]] = (p.read_bytes(), ctype)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            req = Request(path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
            with site.lock:
                site.requests.append(req)
                site.active += 1
                site.max_active = max(site.max_active, site.active)
            answering = False

            def answer() -> None:
                # A request counts as active until its answer starts: the client cannot send its
                # next request before it has read this one's answer, so an overlap seen here is
                # two requests in flight at once, never a handler thread slow to finish.
                nonlocal answering
                if not answering:
                    answering = True
                    with site.lock:
                        site.active -= 1

            try:
                if path in site.handlers:
                    answer()
                    site.handlers[path](self)
                elif path in site.files:
                    if site.hold:
                        time.sleep(site.hold)
                    answer()
                    body, ctype = site.files[path]
                    tag = _etag(body)
                    if req.headers.get("if-none-match") == tag:
                        self.send_response(304)
                        self.send_header("ETag", tag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        req.status = 304
                        return
                    send(self, 200, body, ctype, {"ETag": tag, "Last-Modified": LAST_MODIFIED})
                    req.status = 200
                else:
                    answer()
                    send(self, 404, b"<html><body>not found</body></html>", "text/html")
                    req.status = 404
            finally:
                answer()
                req.ended = time.monotonic()

    return H


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html",
         headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def serve(site: Site) -> tuple[ThreadingHTTPServer, threading.Thread]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    return server, thread
