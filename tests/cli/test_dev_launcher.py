"""The `make dev` launcher (pipelines/cli/dev.py) on stand-in processes: a command that starts a
grandchild, as `dagster dev` starts its webserver, daemon and code servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads process groups from /proc")

# the stand-in for `dagster dev`: a grandchild, both pids written down, then a long sleep
STAND_IN = textwrap.dedent("""
    import signal, subprocess, sys, time
    from pathlib import Path
    stubborn = sys.argv[2] == "stubborn"
    grandchild = subprocess.Popen([sys.executable, "-c", (
        "import signal, time\\n"
        + ("signal.signal(signal.SIGINT, signal.SIG_IGN); signal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
           if stubborn else "")
        + "time.sleep(600)")])
    time.sleep(0.5)  # the grandchild has set its signals
    Path(sys.argv[1]).write_text(f"{grandchild.pid} {signal.getsignal(signal.SIGINT) is signal.SIG_IGN}")
    if sys.argv[3] != "stay":
        sys.exit(int(sys.argv[3]))
    time.sleep(600)
""")


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _as_a_background_job() -> None:
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell without job control does for `cmd &`


def _launch(tmp_path: Path, mode: str, then: str) -> tuple[subprocess.Popen, Path]:
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    pids = tmp_path / "pids"
    code = ("import sys; from pipelines.cli.dev import run; "
            f"sys.exit(run([sys.executable, {str(script)!r}, {str(pids)!r}, {mode!r}, {then!r}], grace=2, "
            "after_sigterm=2))")
    launcher = subprocess.Popen([sys.executable, "-c", code], preexec_fn=_as_a_background_job,
                                stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (pids.is_file() and pids.read_text()):
        assert launcher.poll() is None or then != "stay", launcher.stderr.read()
        assert time.monotonic() < deadline, "the stand-in never started"
        time.sleep(0.1)
    return launcher, pids


def _wait_gone(pid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _alive(pid)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def test_sigterm_to_the_group_stops_child_and_grandchild_cleanly(tmp_path: Path) -> None:
    launcher, pids = _launch(tmp_path, "plain", "stay")
    grandchild, child_ignores_sigint = pids.read_text().split()
    try:
        # started in the background with SIGINT ignored, the command still gets SIGINT at its default
        assert child_ignores_sigint == "False"
        os.killpg(launcher.pid, signal.SIGTERM)
        assert launcher.wait(timeout=30) == 0, launcher.stderr.read()
        assert _wait_gone(int(grandchild))
    finally:
        _kill(int(grandchild))
        launcher.kill()


def test_a_process_that_ignores_sigint_and_sigterm_is_killed(tmp_path: Path) -> None:
    launcher, pids = _launch(tmp_path, "stubborn", "stay")
    grandchild = int(pids.read_text().split()[0])
    try:
        os.killpg(launcher.pid, signal.SIGTERM)
        assert launcher.wait(timeout=30) == 1  # SIGKILL was needed
        assert "still running" in launcher.stderr.read()
        assert _wait_gone(grandchild)
    finally:
        _kill(grandchild)
        launcher.kill()


def test_a_command_that_ends_by_itself_gives_its_code_and_leaves_nothing(tmp_path: Path) -> None:
    launcher, pids = _launch(tmp_path, "plain", "3")
    grandchild = int(pids.read_text().split()[0])
    try:
        assert launcher.wait(timeout=30) == 3
        assert _wait_gone(grandchild)
    finally:
        _kill(grandchild)
        launcher.kill()
