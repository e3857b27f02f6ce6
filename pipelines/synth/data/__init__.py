"""The generator's data files: its prose, the words printed around the template's labels, and
the population it draws agencies from."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


@cache
def load_data(name: str) -> dict[str, Any]:
    """The contents of `<name>.toml` beside this module."""
    with (_HERE / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)
