"""`kill -9` and SIGTERM of a build at each of its steps: the published warehouse and its
validation pages stay byte-identical (or, stopped while publishing, are the new pair, whole), no
process of the build is left after 5 s, and the next build leaves no staging behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from warehouse_fixtures import build, copy_corpus

DRIVER = Path(__file__).with_name("build_driver.py")
REPO = Path(__file__).resolve().parents[2]


def snapshot(root: Path) -> dict[str, bytes]:
    """The warehouse file and every page of its Data Docs, by name."""
    out = {"xxgk.duckdb": (root / "xxgk.duckdb").read_bytes()}
    docs = root / "docs"
    for path in sorted(docs.rglob("*")) if docs.exists() else []:
        if path.is_file():
            out[f"docs/{path.relative_to(docs)}"] = path.read_bytes()
    return out


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (from /proc: the pool's workers, the resource tracker)."""
    out, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += children - out
            out |= children
    return out


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status  # a zombie has exited (only its exit status waits to be read)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """A raw folder and a warehouse published from it with its pages."""
    root = tmp_path_factory.mktemp("kill")
    raw = copy_corpus(root / "raw")
    build(raw, root / "wh" / "xxgk.duckdb", validate=True, docs_dir=root / "wh" / "docs")
    return raw, root / "wh"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
@pytest.mark.parametrize("step", ["parsing", "loading", "validating", "publishing"])
def test_a_build_stopped_at_any_step_leaves_the_published_pair_whole(published, step, sig, tmp_path):
    raw, wh = published
    revised = raw / "v2021_02.md"  # a revision waits in raw/: the build would publish
    revised.write_bytes(revised.read_bytes() + f"\n（修订版 {step} {sig.name}）\n".encode())
    before = snapshot(wh)
    driver = subprocess.Popen([sys.executable, str(DRIVER), str(raw), str(wh / "xxgk.duckdb"), str(wh / "docs")],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # stopped while parsing once the workers are at work (a worker still starting up ends as
        # soon as it has started: it finds its build gone)
        for line in driver.stdout:
            if line.startswith("parsed 1 of") if step == "parsing" else line.strip() == step:
                family = descendants(driver.pid)
                driver.send_signal(sig)
                break
        else:
            pytest.fail(f"the build never reached {step}")
        driver.wait(timeout=30)
    finally:
        driver.kill()
        driver.wait()
    time.sleep(5)
    assert [p for p in family if alive(p)] == []
    after = snapshot(wh)
    if step == "publishing" and after != before:
        # stopped while swapping in: the new warehouse and its new pages, both whole
        assert after["xxgk.duckdb"] != before["xxgk.duckdb"]
        assert {k: v for k, v in after.items() if k.startswith("docs/")} != \
               {k: v for k, v in before.items() if k.startswith("docs/")}
    else:
        assert after == before
    # the next build removes whatever the stopped one left, and leaves nothing itself
    build(raw, wh / "xxgk.duckdb", when=datetime.now().isoformat(), validate=False, docs_dir=wh / "docs")
    leftovers = [p.name for p in wh.iterdir() if p.name.startswith((".staging-", ".xxgk.duckdb.new-", ".docs.new-"))]
    assert leftovers == []
