"""`xxgk`: every subcommand is registered, takes its flags, and a reader that stops early (`| head`)
ends the command quietly."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from pipelines.cli import COMMANDS, main

FLAGS = {  # the flags users and scripts rely on
    "parse": ["--json", "--no-provenance"],
    "build": ["--raw", "--warehouse", "--workers", "--fresh", "--from-gold", "--no-validate"],
    "query": ["--list", "--param", "--csv", "--json", "--warehouse"],
    "validate": ["--warehouse", "--docs", "--no-docs", "--adjudications", "--run-id", "--list", "--in-place",
                 "--strict"],
    "synth": ["--agencies", "--years", "--out", "--seed", "--error-rate", "--missing-rate", "--junk-rate",
              "--layouts", "--processes"],
    "text": ["--page"],
}


def test_the_subcommands() -> None:
    assert set(FLAGS) <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_subcommand_takes_its_flags(name: str, capsys) -> None:
    module = importlib.import_module(COMMANDS[name][0])
    assert callable(module.run)
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    options = {o for action in parser._actions for o in action.option_strings}
    assert set(FLAGS.get(name, [])) <= options
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    assert COMMANDS[name][1] in " ".join(capsys.readouterr().out.split())


def test_no_command_prints_the_list(capsys) -> None:
    assert main([]) == 2
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path) -> None:
    raw = tmp_path / "raw"
    # five reports in JSON: more than a pipe holds, so the writer meets the closed pipe
    assert main(["synth", "--agencies", "1", "--years", "2019-2023", "--out", str(raw), "--processes", "1"]) == 0
    xxgk = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "parse", "--json", str(raw)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert xxgk.stdout is not None
    xxgk.stdout.readline()
    xxgk.stdout.close()  # as `| head -1` does
    _, err = xxgk.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert xxgk.returncode == 0
