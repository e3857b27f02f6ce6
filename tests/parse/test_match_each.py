"""The table readers scan a table's row labels for phrases together (`labels.match_each`) and
squash them together: each text must read exactly as alone (`match_squashed`, `squash`), whatever
its neighbours print — a phrase across two texts, a phrase only at a text's end, an empty text, the
joining character inside a text."""

from __future__ import annotations

import random

import pytest

from pipelines import spec
from pipelines.parse.labels import _could_match, _phrases, match_each, match_squashed, squash
from pipelines.parse.tables import _squash_each


@pytest.mark.parametrize("vocabulary", ["APPLICATION_LABELS", "ACTIVE_LABELS", "METRIC_LABELS"])
def test_each_text_matched_as_alone(vocabulary: str) -> None:
    rnd = random.Random(21)
    codes = tuple(getattr(spec, vocabulary))
    _, code_of = _phrases(vocabulary, codes)
    pieces = [*code_of, *spec.END_ONLY_PHRASES, "（", "）", "、", "\x00", "", "1"]
    for _ in range(2000):
        texts = ["".join(rnd.choice(pieces)[:rnd.randint(0, 12)] for _ in range(rnd.randint(0, 5)))
                 for _ in range(rnd.randint(0, 6))]
        flats = _squash_each(texts)
        assert flats == [squash(t) for t in texts]
        assert match_each(flats, vocabulary, codes) == [match_squashed(f, vocabulary, codes) for f in flats]


def test_loose_precheck_as_per_code() -> None:
    """`_could_match` tests each canonical word once: the same answer as counting per code."""
    from pipelines.parse.labels import _canonical_words

    rnd = random.Random(7)
    codes = spec.APPLICATION_ROWS[spec.TEMPLATES[-1]]
    words = sorted({w for c in codes for w in _canonical_words("APPLICATION_LABELS", c)})
    for _ in range(500):
        flat = "".join(rnd.choice(words) for _ in range(rnd.randint(0, 4)))
        for threshold in (0.6, 0.3, 1.0):
            expected = any(
                (ws := _canonical_words("APPLICATION_LABELS", c)) and sum(w in flat for w in ws) >= threshold * len(ws)
                for c in codes)
            assert _could_match(flat, "APPLICATION_LABELS", codes, threshold) == expected
