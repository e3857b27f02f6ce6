"""The one compiled part: the parser's text scans (`pipelines/_textscan.c`). Optional: where it
cannot be built (no C compiler), the install goes on and the parser reads in Python, which gives
the same results, more slowly. Everything else is declared in pyproject.toml."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("pipelines._textscan", ["pipelines/_textscan.c"], optional=True)])
