"""The README's commands, run as written from a project root: a user who copies them gets what
they promise. A local web site on 127.0.0.1 stands in for agencies' sites (fetch), and a
generated corpus for the reports already in raw/."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipelines.synth.corpus import Options, write_corpus

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    """Every `xxgk …` line of the README's sh blocks, its trailing comment dropped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s{2,}#.*$", "", line).strip()
            if line.startswith("xxgk "):
                commands.append(line)
    return commands


def test_the_readme_shows_the_commands_it_promises():
    names = {c.split()[1] for c in readme_commands()}
    assert {"fetch", "build", "query", "validate", "report"} <= names


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _agency_site(root: Path, corpus: Path) -> None:
    """An agency's annual-report column: a list page linking two report pages of the corpus."""
    pages = sorted(p for p in corpus.glob("*.html"))[:2]
    column = root / "zwgk" / "ndbg"
    links = []
    for i, page in enumerate(pages):
        target = column / "202401" / f"t2024011{i}_{i}.htm"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
        year = 2019 + i
        links.append(f'<li><a href="./202401/{target.name}">示例县{year}年政府信息公开工作年度报告</a>'
                     f"<span>2024-01-1{i}</span></li>")
    (column / "index.html").write_text(f"<html><body><ul>{''.join(links)}</ul></body></html>", encoding="utf-8")


@pytest.mark.slow
def test_every_readme_command_runs_as_written(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 24, Options(seed=3, layouts=("html", "tabs", "pdf", "markdown")))
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in corpus.iterdir():
        if not p.name.endswith(".gold.json"):
            (raw / p.name).write_bytes(p.read_bytes())
    site = tmp_path / "site"
    _agency_site(site, corpus)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (tmp_path / "columns.csv").write_text(f"list_url,agency\n{base}/zwgk/ndbg/,示例县人民政府\n", encoding="utf-8")
    (tmp_path / "reports.csv").write_text(f"url\n{base}/zwgk/ndbg/202401/t20240110_0.htm\n", encoding="utf-8")
    env = {**os.environ, "XXGK_ROOT": str(tmp_path), "XXGK_FETCH_CONTACT": "mailto:test@example.org",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_PROXY": "127.0.0.1"}
    env.pop("XXGK_WAREHOUSE", None)
    env.pop("XXGK_RAW", None)
    try:
        for command in readme_commands():
            done = subprocess.run(shlex.split(command), cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    finally:
        server.shutdown()
        server.server_close()
    assert (tmp_path / "warehouse" / "xxgk.duckdb").is_file()
    assert list((tmp_path / "exports").glob("*.xlsx")) and list((tmp_path / "exports").glob("*.html"))
    assert any(p.suffix in (".htm", ".html") for p in (raw).rglob("*") if "127.0.0.1" in str(p) or p.is_file())
