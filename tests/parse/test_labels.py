"""Label matching (`pipelines.parse.labels`): the phrases found in a label are those a regex
alternation of them, longest first, finds (the first way it was written, kept here as the
reference)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipelines import spec
from pipelines.parse.labels import LabelMatch, match_codes, squash

VOCABULARIES = ("ACTIVE_LABELS", "APPLICATION_LABELS", "METRIC_LABELS", "APPLICANT_LABELS",
                "REVIEW_GROUP_LABELS", "REVIEW_OUTCOME_LABELS")


def matched_by_regex(text: str, vocabulary_name: str, codes: tuple[str, ...]) -> tuple[LabelMatch, ...]:
    vocabulary = getattr(spec, vocabulary_name)
    code_of: dict[str, str] = {}
    for code in codes:
        for phrase in vocabulary[code]:
            code_of.setdefault(squash(phrase), code)
    pattern = re.compile("|".join(re.escape(p) for p in sorted(code_of, key=len, reverse=True)))
    found: dict[str, LabelMatch] = {}
    flat = squash(text)
    for m in pattern.finditer(flat):
        if m.group() in spec.END_ONLY_PHRASES and m.end() != len(flat):
            continue
        code = code_of[m.group()]
        previous = found.get(code)
        found[code] = LabelMatch(code, m.start(), len(m.group()) if previous is None
                                 else max(previous.length, len(m.group())))
    return tuple(found.values())


@st.composite
def labels(draw: st.DrawFn) -> tuple[str, str, tuple[str, ...]]:
    """A vocabulary, some of its codes, and a label made of pieces of its phrases and numbering."""
    name = draw(st.sampled_from(VOCABULARIES))
    vocabulary = getattr(spec, name)
    codes = tuple(draw(st.lists(st.sampled_from(sorted(vocabulary)), min_size=1, unique=True)))
    phrases = [p for ps in vocabulary.values() for p in ps]
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(phrases),
        st.sampled_from(phrases).flatmap(lambda p: st.integers(0, len(p)).map(lambda k: p[:k] if k % 2 else p[k:])),
        st.sampled_from(["三、", "（一）", "1.", "其他", "总计", "x", " "]),
    ), max_size=5))
    return "".join(pieces), name, codes


@given(labels())
def test_phrases_are_found_as_a_regex_alternation_longest_first_finds_them(label):
    text, name, codes = label
    assert match_codes(text, name, codes) == matched_by_regex(text, name, codes)


def test_a_phrase_inside_a_longer_one_at_the_same_place_does_not_count():
    found = match_codes("行政规范性文件", "ACTIVE_LABELS", ("rules", "normative_docs"))
    assert [(m.code, m.start, m.length) for m in found] == [("normative_docs", 0, 7)]
