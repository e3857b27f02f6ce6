"""Fixtures for the fetcher's tests: a local site on 127.0.0.1 and fast, recorded options."""

from __future__ import annotations

import pytest
from site_helpers import Site, serve

from pipelines.fetch import FetchOptions


@pytest.fixture
def site():
    s = Site()
    server, _ = serve(s)
    yield s
    server.shutdown()
    server.server_close()


class Sleeps(list):
    """A stand-in for time.sleep that records how long the fetcher asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def opts(sleeps) -> FetchOptions:
    return FetchOptions(delay=0.0, backoff=1.0, retries=2, connect_timeout=2.0, read_timeout=2.0,
                        recheck_after=0.0, trust_env=False, contact="mailto:test@example.org", sleep=sleeps)
