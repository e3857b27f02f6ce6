"""`make dev` stops, all of it, on SIGTERM to its process group.

Started as a script or a service manager starts a background job (a session of its own, SIGINT
ignored, as a shell without job control leaves it): the way that once left make, `dagster dev`, its
webserver, daemon and code servers all running. Slow: the webserver must come up first.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STOP_WITHIN = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processes() -> dict[int, tuple[int, int, str]]:
    """pid → (parent pid, process group, command line) of every process that is not a zombie."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone between the listing and the read
            continue
        # the command name is in parentheses and may hold spaces: fields count from the last ")"
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] not in ("Z", "X"):
            found[int(entry.name)] = (int(fields[1]), int(fields[2]), cmdline.strip())
    return found


def _family(pgid: int) -> dict[int, tuple[int, int, str]]:
    """The processes of a group and all their descendants, whatever group they moved to."""
    every = _processes()
    family = {pid: p for pid, p in every.items() if p[1] == pgid}
    grew = True
    while grew:
        children = {pid: p for pid, p in every.items() if p[0] in family and pid not in family}
        family.update(children)
        grew = bool(children)
    return family


def _alive(pids) -> dict[int, str]:
    every = _processes()
    return {pid: every[pid][2] for pid in pids if pid in every}


def _as_a_background_job() -> None:
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads process groups from /proc")
def test_make_dev_stops_on_sigterm_to_its_group(tmp_path: Path) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port = _free_port()
    env = {**os.environ, "XXGK_RAW": str(tmp_path / "raw"), "XXGK_WAREHOUSE": str(tmp_path / "wh" / "xxgk.duckdb"),
           "GX_ANALYTICS_ENABLED": "false"}
    env.pop("MAKEFLAGS", None)
    # -o: the environment is the one running this test; a newer pyproject.toml must not reinstall it
    command = ["make", "-o", ".venv/.installed", "dev", f"DAGSTER_HOME={home}", f"DEV_ARGS=-h 127.0.0.1 -p {port}"]
    log = (tmp_path / "make-dev.log").open("wb")
    make = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=_as_a_background_job)
    pgid = make.pid
    started: dict[int, tuple[int, int, str]] = {}
    try:
        deadline = time.monotonic() + 180
        while True:
            assert make.poll() is None, f"make dev exited with {make.returncode} before the UI answered"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, "the UI never answered"
            time.sleep(1)
        started = _family(pgid)  # make, dagster dev, its webserver, daemon and code servers
        assert any("dagster_webserver" in cmd for _, _, cmd in started.values()), started

        os.killpg(pgid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WITHIN
        while _alive(started) and time.monotonic() < deadline:
            make.poll()  # reap make, the one process here whose parent is this test
            time.sleep(0.5)
        left = _alive(started)
        assert not left, f"still running {STOP_WITHIN:.0f} s after SIGTERM to the group of make dev: {left}"
    finally:
        for group in {pgid} | {g for _, g, _ in (started | _family(pgid)).values()}:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
        make.wait()
        log.close()
