"""The page in a real browser (Debian's headless Chromium) with the network off: every request the
browser would send out goes to a recording proxy on 127.0.0.1 that answers none, and host names
resolve to nothing. The charts must be in the rendered DOM with their marks drawn, and the page
must have asked for nothing. Chromium calls a few Google services by itself whatever it shows
(network time, sign-in, search preconnect) and no flag silences them all; those hosts are set
apart by name. Skipped where Chromium is not installed (`apt-get install -y chromium`)."""

from __future__ import annotations

import re
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# The browser's own services (not where a page's scripts, styles or fonts come from: those CDNs,
# fonts.googleapis.com, ajax.googleapis.com, *.gstatic.com, are not in this list).
BROWSER_OWN = re.compile(r"^(?:clients\d*|accounts|www|update|safebrowsing|optimizationguide-pa|content-autofill)"
                         r"\.google(?:apis)?\.com$|\.gvt1\.com$")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")


class _Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Refuse)
        self.requests: list[str] = []


class _Refuse(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(4096).decode("latin-1").strip()
        self.server.requests.append(line)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def host(request_line: str) -> str:
    """The host a proxied request goes to: 'CONNECT h:443 …' or 'GET http://h/path …'."""
    target = request_line.split(" ")[1] if " " in request_line else request_line
    return re.sub(r"^\w+://", "", target).split("/")[0].rsplit(":", 1)[0]


def page_requests(recorder: _Recorder) -> list[str]:
    return [r for r in recorder.requests if not BROWSER_OWN.search(host(r))]


def chromium(page: Path, proxy: _Recorder, profile: Path, *extra: str) -> str:
    port = proxy.server_address[1]
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
           "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
           "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
           "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"
           "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
           f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", *extra, page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def drawn_charts(dom: str) -> dict[str, int]:
    """Chart id → marks drawn (paths with a shape inside the SVG's mark groups)."""
    tree = lxml.html.fromstring(dom)
    out = {}
    for figure in tree.xpath('//figure[contains(@class, "chart")]'):
        marks = figure.xpath('.//svg//g[contains(@class, "role-mark")]//path[string-length(@d) > 3]')
        out[figure.get("id")] = len(marks)
    return out


def test_charts_draw_offline_and_nothing_leaves_the_machine(written, tmp_path, recorder):
    s = written("agency")
    dom = chromium(s.page, recorder, tmp_path / "profile", "--dump-dom")
    charts = drawn_charts(dom)
    assert {"chart-outcomes", "chart-denied_share", "chart-review", "chart-coverage"} <= set(charts)
    assert all(n > 0 for n in charts.values()), charts
    assert page_requests(recorder) == []


@pytest.mark.slow
def test_screenshots_and_the_recorder_sees_a_request(written, tmp_path, recorder):
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("agency", "all"):
        s = written(name)
        shot = ARTIFACTS / f"report-{name}.png"
        shot.unlink(missing_ok=True)
        chromium(s.page, recorder, tmp_path / "profile", "--hide-scrollbars", "--window-size=1200,3200",
                 f"--screenshot={shot}")
        assert shot.stat().st_size > 50_000, "a page with its charts drawn, not a blank one"
    assert page_requests(recorder) == []
    # the control: a page that does load something from outside is caught
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png">', encoding="utf-8")
    chromium(leaky, recorder, tmp_path / "profile", "--dump-dom", "--virtual-time-budget=2000")
    assert [host(r) for r in page_requests(recorder)] == ["example.invalid"], recorder.requests
