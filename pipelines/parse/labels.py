"""Row labels → canonical codes. The vocabulary is `pipelines.spec`; matching is exact phrase
containment on normalised text first, then — for labels no phrase matches — a loose match on
jieba words (with the spec's phrases as its user dictionary), reported as such."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipelines import spec

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\d+[.、]?)")
_PUNCT = re.compile(r"[“”\"'‘’《》:：,，。;；、()（）\[\]【】]")


@dataclass(frozen=True)
class LabelMatch:
    code: str
    start: int  # where in the label text the phrase starts (later = closer to the values)
    length: int  # length of the matched phrase (longer = more specific)
    loose: bool = False


def squash(text: str) -> str:
    """Label text without punctuation, for matching phrases broken by brackets or quotes."""
    return _PUNCT.sub("", text)


@cache
def _phrases(vocabulary_name: str, codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    vocabulary = getattr(spec, vocabulary_name)
    pairs = [(squash(p), code) for code in codes for p in vocabulary[code]]
    return tuple(sorted(pairs, key=lambda pc: -len(pc[0])))


def match_codes(text: str, vocabulary_name: str, codes: tuple[str, ...]) -> list[LabelMatch]:
    """Every code whose phrase occurs in `text`; a phrase inside a longer matched phrase of
    another code at the same place does not count (规范性文件 inside 行政规范性文件)."""
    flat = squash(text)
    matches: list[LabelMatch] = []
    taken: list[tuple[int, int]] = []
    for phrase, code in _phrases(vocabulary_name, codes):
        start = flat.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(s <= start and end <= e for s, e in taken):
                taken.append((start, end))
                if not any(m.code == code for m in matches):
                    matches.append(LabelMatch(code, start, len(phrase)))
                else:
                    matches = [
                        LabelMatch(code, max(m.start, start), max(m.length, len(phrase))) if m.code == code else m
                        for m in matches
                    ]
            start = flat.find(phrase, start + 1)
    return matches


@cache
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    for vocabulary in (
        spec.ACTIVE_LABELS, spec.APPLICATION_LABELS, spec.METRIC_LABELS, spec.APPLICANT_LABELS,
        spec.REVIEW_GROUP_LABELS, spec.REVIEW_OUTCOME_LABELS,
    ):
        for phrases in vocabulary.values():
            for phrase in phrases:
                jieba.add_word(squash(phrase), freq=2000)
    return jieba


@cache
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _jieba().lcut(squash(text)) if len(w) > 1)


def loose_match(text: str, vocabulary_name: str, codes: tuple[str, ...], threshold: float = 0.6) -> LabelMatch | None:
    """The code whose canonical phrase shares the most jieba words with `text`, when they share
    at least `threshold` of the phrase's words. For labels that are reworded, not just reformatted."""
    text_words = _words(text[-40:])
    if not text_words:
        return None
    vocabulary = getattr(spec, vocabulary_name)
    best: tuple[float, str] | None = None
    for code in codes:
        phrase_words = _words(vocabulary[code][0])
        if not phrase_words:
            continue
        score = len(text_words & phrase_words) / len(phrase_words)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, code)
    return LabelMatch(best[1], len(text), 0, loose=True) if best else None
