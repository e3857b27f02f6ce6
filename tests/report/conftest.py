"""Fixtures of the report tests; they and the helpers live in report_fixtures.py (every test
folder's conftest is imported as 'conftest')."""

from report_fixtures import sample, written  # noqa: F401
