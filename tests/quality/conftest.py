"""Fixtures of the quality tests; they and the helpers live in quality_fixtures.py, a module name
of its own (every test folder's conftest is imported as 'conftest')."""

from quality_fixtures import clone, corpus_reports, rng_report, seed_reports  # noqa: F401
