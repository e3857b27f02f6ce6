"""The parser never raises, whatever is done to a real report (a bounded run in the suite; the
long run is `python tests/fuzz/run_fuzz.py`). A file it cannot read is a report with an issue."""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate, sources

from pipelines.parse import parse_bytes

SOURCES = sources()
EXAMPLES = int(os.environ.get("XXGK_FUZZ_EXAMPLES", "40"))


@pytest.mark.skipif(not SOURCES, reason="the shared reports are not available")
@settings(max_examples=EXAMPLES, deadline=None, derandomize="XXGK_FUZZ_SEED" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(min_value=0, max_value=10**6), seed=st.integers(min_value=0, max_value=2**32),
       steps=st.integers(min_value=1, max_value=6))
def test_a_mutated_report_never_raises(which, seed, steps):
    source = SOURCES[which % len(SOURCES)]
    data = mutate(source.read_bytes(), random.Random(seed), steps)
    report = parse_bytes(data, source.name)
    assert report.status in ("ok", "issues", "quarantined")
