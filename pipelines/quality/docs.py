"""The validation pages (GX Data Docs) made to work offline and to name the failing reports.

GX writes pages that load jQuery, Bootstrap, bootstrap-table and Font Awesome from public CDNs;
offline (as in many government offices) they render as unstyled text with no list of
validations. `finish(docs_dir, failures)` copies the same libraries, vendored in
`expectations/gx/plugins/custom_data_docs/vendor/` (MIT / OFL / CC BY licences beside them), into
the docs folder and points every page at them; what is not used on these pages (Vega, the date
picker, the dark theme) is left out, and remote images become the local logo.

It also puts names where GX prints report ids: each report id gets its agency, year and region,
the pairs GX shows for a failing report — `('6.0', '7.0')`, the counts compared — read as
"6 of 7 hold", and each suite's page opens with its failing reports in words (rule, cells as
printed and where, the fix or why none), as does `failures.html`, linked from the index.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import warnings
from collections.abc import Iterable
from pathlib import Path

from pipelines.paths import EXPECTATIONS_DIR
from pipelines.quality.failures import Failure

VENDOR_DIR = EXPECTATIONS_DIR / "gx" / "plugins" / "custom_data_docs" / "vendor"
VENDORED = "static/vendor"  # where the libraries go inside the docs folder
FAILURES_PAGE = "failures.html"
# written into each page once finished: pages of earlier runs left in the folder keep what they showed
FINISHED = "<!-- xxgk: offline, named -->"

# a CDN address (by what it names) -> the vendored file, or None: not needed on these pages
_ASSETS: tuple[tuple[str, str | None], ...] = (
    ("bootstrap-table-filter-control.min.js", "bootstrap-table-filter-control.min.js"),
    ("bootstrap-table-filter-control", "bootstrap-table-filter-control.min.css"),
    ("bootstrap-table.min.js", "bootstrap-table.min.js"),
    ("bootstrap-table.min.css", "bootstrap-table.min.css"),
    ("bootstrap-prefers-dark", None),
    ("bootstrap.min.css", "bootstrap.min.css"),
    ("bootstrap.min.js", "bootstrap.bundle.min.js"),  # the bundle holds Popper too
    ("popper", None),
    ("jquery", "jquery.min.js"),
    ("font-awesome", "fontawesome-all.min.css"),
    ("fontawesome", "fontawesome-all.min.css"),
    ("datepicker", None),
    ("vega", None),
)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"'](https?:)?//[^\"']*[\"'][^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"'](https?:)?//[^\"']*[\"'][^>]*/?>", re.I)
_REMOTE_IMG = re.compile(r"(<img\b[^>]*\bsrc=)[\"'](?:https?:)?//[^\"']*[\"']", re.I)
_URL = re.compile(r"(?:src|href)=[\"']([^\"']+)[\"']", re.I)
_PAIR = re.compile(r"(<div class=\"show-scrollbars\">)\('(-?[\d.]+)', '(-?[\d.]+)'\)(</div>)")
_CELL_TEXT = re.compile(r"(<div class=\"show-scrollbars\">)([^<>]+)(</div>)")


class OfflineWarning(UserWarning):
    """A page loads a script or stylesheet from the network that has no vendored copy (a new GX?)."""


_UNKNOWN = "?"


def _vendored(url: str) -> str | None:
    for marker, name in _ASSETS:
        if marker in url:
            return name
    # kept as it is (the page still works online) and named, never a failed validation
    warnings.warn(f"no vendored copy of {url}: add it to {VENDOR_DIR} and pipelines/quality/docs.py",
                  OfflineWarning, stacklevel=2)
    return _UNKNOWN


def _localise(page: str, prefix: str, logo: str) -> str:
    """A page's CDN scripts and stylesheets → the vendored copies (prefix: the page's way to them)."""
    seen: set[str] = set()

    def swap(m: re.Match[str], tag: str) -> str:
        name = _vendored(_URL.search(m.group(0)).group(1))
        if name == _UNKNOWN:
            return m.group(0)
        if name is None or name in seen:  # not used here, or already loaded (the bundle)
            return ""
        seen.add(name)
        href = html.escape(f"{prefix}{VENDORED}/{name}")
        return (f'<script src="{href}"></script>' if tag == "script"
                else f'<link rel="stylesheet" href="{href}">')

    page = _REMOTE_SCRIPT.sub(lambda m: swap(m, "script"), page)
    page = _REMOTE_LINK.sub(lambda m: swap(m, "link") if "stylesheet" in m.group(0) else "", page)
    return _REMOTE_IMG.sub(lambda m: f'{m.group(1)}"{html.escape(prefix + logo)}"', page)


def _name_reports(page: str, names: dict[str, str]) -> str:
    def name(m: re.Match[str]) -> str:
        rid = m.group(2)
        who = names.get(html.unescape(rid))
        return m.group(0) if who is None else f"{m.group(1)}<b>{html.escape(who)}</b><br>{rid}{m.group(3)}"

    def pair(m: re.Match[str]) -> str:
        # GX prints the pair in no fixed order; what holds is never more than what there is
        lo, hi = sorted(float(x) for x in (m.group(2), m.group(3)))
        return f"{m.group(1)}{lo:g} of {hi:g} hold{m.group(4)}"

    return _PAIR.sub(pair, _CELL_TEXT.sub(name, page))


def failures_table(found: Iterable[Failure]) -> str:
    """The failures as an HTML table (every text escaped: names and printed cells come from reports)."""
    head = ("agency", "year", "region", "rule", "what fails", "cells (printed, place)", "fix or why none", "report")
    rows = []
    for f in found:
        cells = (f.agency or "", "" if f.year is None else str(f.year), f.region, f"{f.rule}: {f.rule_text}",
                 f.checks_text(), f.cells_text(), f.action, f.report_id)
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    if not rows:
        return "<p>No failing report.</p>"
    return ('<table class="table table-sm table-bordered"><thead><tr>'
            + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _section(title: str, found: list[Failure], link: str | None) -> str:
    more = f' <a href="{html.escape(link)}">All failing reports, by name</a>' if link else ""
    return (f'<div class="container-fluid mt-3 mb-3" id="xxgk-failures"><h3>{html.escape(title)}</h3>{more}'
            f"{failures_table(found)}</div>")


def _insert_after_body(page: str, block: str) -> str:
    m = re.search(r"<body\b[^>]*>", page, re.I)
    return page[:m.end()] + block + page[m.end():] if m else block + page


def _page(title: str, body: str, prefix: str = "") -> str:
    return ("<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            f'<link rel="stylesheet" href="{prefix}{VENDORED}/bootstrap.min.css"></head>'
            f"<body>{body}</body></html>")


def finish(docs_dir: str | Path, found: list[Failure] | None, names: dict[str, str] | None = None) -> Path | None:
    """Make the Data Docs at docs_dir self-contained and named; returns the failures page.

    found None: the failures are not known here (pages built from the GX project): the pages are
    made offline only, and no failures page is written."""
    known = found is not None
    found = found or []
    docs = Path(docs_dir)
    target = docs / VENDORED
    shutil.copytree(VENDOR_DIR, target, dirs_exist_ok=True)
    names = dict(names or {})
    for f in found:
        names.setdefault(f.report_id, " ".join(x for x in (f.who, f.region) if x))
    by_suite: dict[str, list[Failure]] = {}
    for f in found:
        by_suite.setdefault(f.suite, []).append(f)
    for path in docs.rglob("*.html"):
        if path.name == FAILURES_PAGE and path.parent == docs:
            continue
        prefix = os.path.relpath(docs, path.parent).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        page = path.read_text(encoding="utf-8")
        if FINISHED in page:
            continue
        page = _name_reports(_localise(page, prefix, "static/images/logo-long.png"), names)
        rel = path.relative_to(docs).parts
        if not known:
            pass
        elif path == docs / "index.html":
            page = _insert_after_body(page, _section(f"{len(found)} failing (report, rule) pairs", found[:10],
                                                     FAILURES_PAGE))
        elif rel[0] == "validations" and len(rel) > 1 and rel[1] in by_suite:
            page = _insert_after_body(page, _section(f"Failing reports of {rel[1]}", by_suite[rel[1]],
                                                     prefix + FAILURES_PAGE))
        path.write_text(page + FINISHED + "\n", encoding="utf-8")
    if not known:
        return None
    out = docs / FAILURES_PAGE
    body = "".join(_section(f"Failing reports of {suite}", fs, None) for suite, fs in sorted(by_suite.items()))
    out.write_text(_page("Failing reports", '<div class="container-fluid"><h1>Failing reports</h1>'
                         '<p><a href="index.html">Validation results (Data Docs)</a></p></div>'
                         + (body or _section("Failing reports", [], None))), encoding="utf-8")
    return out


def remote_assets(page: str) -> list[str]:
    """The scripts and stylesheets a page would fetch from the network (none, once finished)."""
    tags = re.findall(r"<script\b[^>]*>|<link\b[^>]*>", page, re.I)
    return [t for t in tags if re.search(r"(?:src|href)=[\"'](?:https?:)?//", t, re.I)
            and (t.lower().startswith("<script") or "stylesheet" in t.lower())]


if __name__ == "__main__":  # make a Data Docs folder built elsewhere (e.g. from the GX project) offline
    import sys

    for folder in sys.argv[1:] or ["warehouse/docs"]:
        finish(folder, None)
        print(f"{folder}: scripts and styles served from {Path(folder) / VENDORED}")
