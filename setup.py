"""The one compiled part: the fast path's scan (`pipelines/parse/_scan.c`). Optional: where it
cannot be built (no C compiler), the install goes on and the parser reads in Python, which gives
the same results, more slowly. Everything else is declared in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("pipelines.parse._scan", ["pipelines/parse/_scan.c"], optional=True)])
