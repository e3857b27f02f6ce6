"""Row labels → canonical codes. The vocabulary is `pipelines.spec`; matching is exact phrase
containment on normalised text first, then — for labels no phrase matches — a loose match on
jieba words (with the spec's phrases as its user dictionary), reported as such."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from pipelines import spec

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\d+[.、]?)")
_PUNCT = re.compile(r"[“”\"'‘’《》:：,，。;；、()（）\[\]【】]")


class LabelMatch(NamedTuple):
    code: str
    start: int  # where in the label text the phrase starts (later = closer to the values)
    length: int  # length of the matched phrase (longer = more specific)
    loose: bool = False


_new = tuple.__new__  # a NamedTuple made without its (Python) __new__


def squash(text: str) -> str:
    """Label text without punctuation, for matching phrases broken by brackets or quotes."""
    return _PUNCT.sub("", text)


@lru_cache(maxsize=1024)  # keyed by the spec's names only: a handful of sets of codes per template
def _phrases(vocabulary_name: str, codes: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """The codes' phrases as one alternation, longest first, and the code of each phrase. Its
    finditer finds each phrase left to right and not overlapping, at each place the longest that
    is printed there (a phrase inside a longer one at the same place does not count: an item's
    short name inside its full one)."""
    vocabulary = getattr(spec, vocabulary_name)
    code_of: dict[str, str] = {}
    for code in codes:
        for phrase in vocabulary[code]:
            code_of.setdefault(squash(phrase), code)
    phrases = sorted((p for p in code_of if p), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, phrases)) or "(?!)"), code_of


def starts_with_code(text: str, vocabulary_name: str, codes: tuple[str, ...]) -> str | None:
    """The code whose phrase `text` starts with (squashed), if any."""
    pattern, code_of = _phrases(vocabulary_name, codes)
    m = pattern.match(squash(text))
    return code_of[m.group()] if m else None


@lru_cache(maxsize=1024)
def phrase_pairs(vocabulary_name: str, codes: tuple[str, ...]) -> frozenset[str]:
    """Every two neighbouring characters of the codes' phrases (`may_cross` asks of a cut's two
    sides whether they are such a pair)."""
    _, code_of = _phrases(vocabulary_name, codes)
    return frozenset(phrase[i:i + 2] for phrase in code_of for i in range(len(phrase) - 1))


def may_cross(flat: str, after: str, vocabulary_name: str, codes: tuple[str, ...]) -> bool:
    """Whether a phrase of the codes may be printed across the end of `flat` into `after` (both
    squashed): only where the two characters on either side of the cut are neighbours in one."""
    return bool(flat) and bool(after) and flat[-1] + after[0] in phrase_pairs(vocabulary_name, codes)


def match_codes(text: str, vocabulary_name: str, codes: tuple[str, ...]) -> tuple[LabelMatch, ...]:
    """Every code whose phrase occurs in `text`, with the latest place and longest phrase it
    matched at."""
    if len(text) < _shortest(vocabulary_name, codes):
        return ()  # (shorter than every phrase: squashed, it is no longer)
    return match_squashed(squash(text), vocabulary_name, codes)


@lru_cache(maxsize=1024)  # keyed by the spec's names only
def _shortest(vocabulary_name: str, codes: tuple[str, ...]) -> int:
    """The length of the codes' shortest phrase, squashed (no phrase: longer than any text)."""
    return min(map(len, _phrases(vocabulary_name, codes)[1]), default=1 << 62)


def match_squashed(flat: str, vocabulary_name: str, codes: tuple[str, ...]) -> tuple[LabelMatch, ...]:
    """`match_codes` of a label text already squashed."""
    pattern, code_of = _phrases(vocabulary_name, codes)
    found: dict[str, LabelMatch] = {}
    for m in pattern.finditer(flat):
        start, phrase = m.start(), m.group()
        if phrase in spec.END_ONLY_PHRASES and start + len(phrase) != len(flat):
            continue
        code = code_of[phrase]
        previous = found.get(code)
        length = len(phrase)
        if previous is None:
            found[code] = _new(LabelMatch, (code, start, length, False))
        else:
            found[code] = _new(LabelMatch, (code, start, max(previous.length, length), False))
    return tuple(found.values())


def match_each(flats: list[str], vocabulary_name: str, codes: tuple[str, ...]) -> list[tuple[LabelMatch, ...]]:
    """`match_squashed` of each of several squashed label texts, in one scan of them joined by a
    character no phrase holds (no phrase is found across two texts, and each text's scan starts
    afresh at its first character, as alone)."""
    joined = "\x00".join(flats)
    if joined.count("\x00") != len(flats) - 1:  # (a text holding the joining character: each alone)
        return [match_squashed(flat, vocabulary_name, codes) for flat in flats]
    pattern, code_of = _phrases(vocabulary_name, codes)
    out: list[tuple[LabelMatch, ...]] = []
    found: dict[str, LabelMatch] = {}
    ends = spec.END_ONLY_PHRASES
    text_start, text_end = 0, len(flats[0]) if flats else 0
    for m in pattern.finditer(joined):
        start, phrase = m.start(), m.group()
        while start > text_end:  # the match is in a later text: the texts before it are done
            out.append(tuple(found.values()))
            found = {}
            text_start = text_end + 1
            text_end = text_start + len(flats[len(out)])
        if phrase in ends and start + len(phrase) != text_end:
            continue
        code = code_of[phrase]
        previous = found.get(code)
        length = len(phrase)
        if previous is not None and previous.length > length:
            length = previous.length
        found[code] = _new(LabelMatch, (code, start - text_start, length, False))
    out.append(tuple(found.values()))
    out.extend(() for _ in range(len(flats) - len(out)))
    return out


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


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _jieba().lcut(squash(text)) if len(w) > 1)


@cache
def _canonical_words(vocabulary_name: str, code: str) -> frozenset[str]:
    """The jieba words of a code's canonical phrase (the spec's first), segmented once."""
    return _words(getattr(spec, vocabulary_name)[code][0])


def loose_match(text: str, vocabulary_name: str, codes: tuple[str, ...], threshold: float = 0.6) -> LabelMatch | None:
    """The code whose canonical phrase shares the most jieba words with `text`, when they share
    at least `threshold` of the phrase's words. For labels that are reworded, not just reformatted."""
    if not _could_match(squash(text[-40:]), vocabulary_name, codes, threshold):
        return None
    text_words = _words(text[-40:])
    if not text_words:
        return None
    best: tuple[float, str] | None = None
    for code in codes:
        phrase_words = _canonical_words(vocabulary_name, code)
        if not phrase_words:
            continue
        score = len(text_words & phrase_words) / len(phrase_words)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, code)
    return LabelMatch(best[1], len(text), 0, loose=True) if best else None


def _could_match(flat: str, vocabulary_name: str, codes: tuple[str, ...], threshold: float) -> bool:
    """Whether some code's canonical words occur in `flat` often enough to reach `threshold`: the
    words jieba cuts `flat` into are pieces of it, so a phrase word that is no substring of it
    is no shared word. Where none could reach the threshold, segmenting is not needed."""
    words, needs = _needed_words(vocabulary_name, codes, threshold)
    present = {w for w in words if w in flat}
    return any(len(present.intersection(phrase_words)) >= need for phrase_words, need in needs)


@lru_cache(maxsize=1024)  # keyed by the spec's names only
def _needed_words(vocabulary_name: str, codes: tuple[str, ...], threshold: float
                  ) -> tuple[tuple[str, ...], tuple[tuple[frozenset[str], float], ...]]:
    """The canonical words of the codes (each once), and per code that has any, its words and how
    many of them `threshold` needs."""
    needs = tuple((words, threshold * len(words))
                  for words in (_canonical_words(vocabulary_name, code) for code in codes) if words)
    return tuple(dict.fromkeys(w for words, _ in needs for w in sorted(words))), needs
