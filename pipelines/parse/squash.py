"""Text without whitespace, as label matching and the prose check compare it: in C where the
parser's extension is built (`_scan.c`), otherwise as str.split gives it (the same result)."""

from __future__ import annotations


def python_squash(text: str) -> str:
    return "".join(text.split())


try:
    from ._scan import squash
except ImportError:  # pragma: no cover - an install without a C compiler
    squash = python_squash
