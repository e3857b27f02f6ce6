"""`make dev`: `dagster dev` in a process group of its own, stopped as a whole on SIGTERM or SIGINT.

`python -m pipelines.cli.dev [dagster dev options]`, e.g. `-h 127.0.0.1 -p 3001`.

Why a launcher: a shell that starts a command in the background without job control (a script's
`cmd &`, `setsid make dev`, many service managers and CI steps) starts it with SIGINT ignored, and
an ignored signal stays ignored across exec. Dagster's processes give SIGTERM whatever SIGINT does
(`dagster._utils.interrupts.setup_interrupt_handlers`), so started that way the webserver, the
daemon, the code servers and `dagster dev` itself all ignored SIGTERM, and `kill -TERM -<pgid>`
left every one of them running. Here `dagster dev` starts with both signals at their defaults, in a
session of its own, and a stop request reaches its whole group as SIGINT (what Ctrl-C in a terminal
sends, the stop `dagster dev` is built for), then SIGTERM, then SIGKILL for whatever still runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

STOP_REQUESTS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# `dagster dev` waits up to 60 s for each of its webserver and daemon before killing them itself
DEFAULT_GRACE = 75.0
AFTER_SIGTERM = 10.0
POLL = 0.2


def group_members(pgid: int) -> list[int]:
    """The live (not zombie) processes of a process group, read from /proc; where there is no
    /proc, the group counts as one member while it can still be signalled."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone between the listing and the read
            continue
        # the command name is in parentheses and may hold spaces: fields count from the last ")"
        fields = stat[stat.rindex(")") + 2:].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except ProcessLookupError:
        pass


def wait_until_empty(pgid: int, child: subprocess.Popen, timeout: float) -> bool:
    """Reap the child as it exits and wait for its whole group to go; whether it went in time."""
    deadline = time.monotonic() + timeout
    while True:
        child.poll()
        if not group_members(pgid):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL)


def stop(pgid: int, child: subprocess.Popen, grace: float, after_sigterm: float,
         say: Callable[[str], None]) -> bool:
    """SIGINT to the group, then SIGTERM, then SIGKILL; whether it stopped before SIGKILL."""
    for signum, timeout in ((signal.SIGINT, grace), (signal.SIGTERM, after_sigterm)):
        signal_group(pgid, signum)
        if wait_until_empty(pgid, child, timeout):
            return True
        say(f"dagster dev: processes {group_members(pgid)} still running {timeout:.0f} s after "
            f"{signal.Signals(signum).name}")
    signal_group(pgid, signal.SIGKILL)
    wait_until_empty(pgid, child, after_sigterm)
    child.wait()
    return False


def run(command: list[str], grace: float = DEFAULT_GRACE, after_sigterm: float = AFTER_SIGTERM) -> int:
    """Start a command (`dagster dev …`) in a session of its own, wait for it or for a stop request,
    then stop its whole group; the exit code is 0 for a requested stop that ended cleanly, 1 where
    SIGKILL was needed, and the command's own where it ended by itself."""
    requests: list[int] = []

    def request_stop(signum: int, _frame) -> None:
        requests.append(signum)

    # handlers installed before the child starts: a handled signal is reset to its default in the
    # child, where an inherited "ignore" would have stayed
    for signum in STOP_REQUESTS:
        signal.signal(signum, request_stop)
    child = subprocess.Popen(command, start_new_session=True)
    pgid = child.pid
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    while not requests and child.poll() is None:
        time.sleep(POLL)
    if not requests:  # dagster dev ended by itself: nothing of its group may outlive it
        stop(pgid, child, after_sigterm, after_sigterm, say)
        return child.returncode
    say(f"dagster dev: stopping on {signal.Signals(requests[0]).name}")
    clean = stop(pgid, child, grace, after_sigterm, say)
    return 0 if clean else 1


def main(argv: list[str] | None = None) -> int:
    # no -h for help: dagster dev's -h is the webserver's host, and every option not ours goes to it
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.cli.dev", add_help=False,
        description="run `dagster dev` and stop all of it (webserver, daemon, code servers) on SIGTERM "
                    "or SIGINT; other options go to `dagster dev`",
    )
    parser.add_argument("--help", action="help", help="show this help and exit")
    parser.add_argument("--grace", type=float, default=DEFAULT_GRACE,
                        help="seconds to wait after SIGINT before SIGTERM, then SIGKILL (default %(default)s)")
    args, dagster_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    dagster = Path(sys.executable).with_name("dagster")
    return run([str(dagster), "dev", *dagster_args], args.grace)


if __name__ == "__main__":
    sys.exit(main())
