"""Find the three tables in a token stream by their content, not by section numbers: reports
repeat or renumber their headings, and the prose can mention the same headings."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import itemgetter

from pipelines import spec

from .numbers import Token


@dataclass(frozen=True)
class Regions:
    """Token index ranges [start, end) of each table; None where a table was not found."""

    active: tuple[int, int] | None
    applications: tuple[int, int] | None
    review_litigation: tuple[int, int] | None


class _Labels:
    """The label tokens, each with the labels printed right after it (a run of labels without a
    value between them): a label broken over lines or cells (one cell to a line, a PDF's lines
    break table 3's first row's label after its first words) holds a word that starts in it and
    ends in the next. A label's text with the run's next labels is joined when a word is looked
    for in it."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        # every token's text as one line: a label's next labels printed after it, as in `text`
        # (a word found in it starts in a token that may hold it: `first`)
        pieces = list(map(itemgetter(1), tokens))
        self.line = "".join(pieces)
        self.starts = [0, *accumulate(map(len, pieces))]  # token index -> where its text starts in `line`
        self.joined: dict[int, str] = {}  # token index -> its text and the run's next labels (40 characters)

    def first(self, markers: re.Pattern[str], start: int = 0, stop: int | None = None,
              also: Callable[[int], bool] | None = None) -> int | None:
        """The first label from token `start` on (before token `stop`) that `has` a word of `markers`
        (and for which `also` holds): among the labels a word of them starts in, in the line of all labels."""
        starts, has, search, line = self.starts, self.has, markers.search, self.line
        at = starts[start] if start < len(starts) else len(line)
        while (m := search(line, at)) is not None:  # each place a word starts (words may overlap)
            i = bisect_right(starts, m.start()) - 1
            if stop is not None and i >= stop:
                return None
            if has(i, markers) and (also is None or also(i)):
                return i
            at = starts[i + 1]  # (the label's next words are in the text `has` looked at)
        return None

    def text(self, i: int) -> str:
        """Token i's text (a label) and the next three labels' of its run, those 40 characters at most."""
        joined = self.joined.get(i)
        if joined is None:
            tokens = self.tokens
            own = tokens[i].text
            following = []
            for tok in tokens[i + 1:i + 4]:
                if tok.kind != "label":
                    break
                following.append(tok.text)
            joined = self.joined[i] = own + "".join(following)[:40] if following else own
        return joined

    def has(self, i: int, markers: re.Pattern[str]) -> bool:
        """Whether a word of `markers` (`_any_of` a list of words) starts in token i (a label)."""
        tok = self.tokens[i]
        if tok.kind != "label":
            return False
        m = markers.search(self.text(i))
        return m is not None and m.start() < len(tok.text)


@cache
def _any_of(markers: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern finding any of the words (the spec's and this module's word lists)."""
    return re.compile("|".join(map(re.escape, markers)))


def _value_follows(tokens: list[Token], i: int, within: int = 4) -> bool:
    return any(t.kind != "label" for t in tokens[i + 1:i + 1 + within])


def _words(vocabulary: dict[str, tuple[str, ...]], codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for code in codes for w in vocabulary[code])


# words of table 4's column header that no other table prints: its outcomes but 其他 and the
# total, and its litigation groups
REVIEW_HEADER_WORDS = (*_words(spec.REVIEW_OUTCOME_LABELS, ("upheld", "corrected", "pending")),
                       *_words(spec.REVIEW_GROUP_LABELS, spec.REVIEW_GROUPS[1:]))
# what table 4's header may begin with: its groups' headings and any of its column labels
_REVIEW_HEADER_START = (*spec.REVIEW_HEADER_WORDS, *_words(spec.REVIEW_OUTCOME_LABELS, spec.REVIEW_OUTCOMES))
# table 3: its first row's shortest label, its header's words (header, first column, rule note)
_NEW_REQUESTS = min(spec.APPLICATION_LABELS[spec.APPLICATION_ROWS[spec.TEMPLATES[-1]][0]], key=len)
_APPLICATIONS_HEADER = (*dict.fromkeys(h for t in spec.TEMPLATE_DATA.values() for h in t.applications["header"]),
                        *spec.APPLICANT_LABELS[spec.APPLICANTS[0]], "勾稽关系")
_LAST_APPLICATION_ROW = min(spec.APPLICATION_LABELS[spec.APPLICATION_ROWS[spec.TEMPLATES[-1]][-1]], key=len)


# the word lists above as patterns, each compiled once
_ACTIVE_MARKERS = _any_of(spec.TABLE_MARKERS["active"])
_APPLICATIONS_MARKERS = _any_of(spec.TABLE_MARKERS["applications"])
_NEW_REQUESTS_WORD = _any_of((_NEW_REQUESTS,))
_APPLICATIONS_HEADER_WORDS = _any_of(_APPLICATIONS_HEADER)
_LAST_APPLICATION_ROW_WORD = _any_of((_LAST_APPLICATION_ROW,))
_REVIEW_ONLY_WORDS = _any_of(REVIEW_HEADER_WORDS)
_REVIEW_GROUP_HEADER = _any_of(spec.REVIEW_HEADER_WORDS)
_REVIEW_HEADER_START_WORDS = _any_of(_REVIEW_HEADER_START)
_AFTER_TABLES = _any_of(spec.AFTER_TABLES)


def locate_tables(tokens: list[Token]) -> Regions:
    n = len(tokens)
    labels = _Labels(tokens)
    _has = labels.has
    # table 2: its first caption or header
    t2 = labels.first(_ACTIVE_MARKERS)
    # table 3: its first row (new requests) followed by cells; its header just before it
    t3 = labels.first(_NEW_REQUESTS_WORD, also=lambda i: "申请" in labels.text(i) and _value_follows(tokens, i))
    if t3 is None:
        t3 = labels.first(_APPLICATIONS_MARKERS, also=lambda i: _value_follows(tokens, i, 40))
    if t3 is None:
        t3 = _printed_without_values(tokens, labels)
    if t3 is not None:
        header = labels.first(_APPLICATIONS_HEADER_WORDS, max(0, t3 - 40), t3)
        t3 = t3 if header is None else header
    # table 4: its column header after the other tables, with the group header just before it
    base = max(t for t in (t2, t3, 0) if t is not None)
    t4 = labels.first(_REVIEW_ONLY_WORDS, base)
    if t4 is not None:
        header = labels.first(_REVIEW_GROUP_HEADER, max(base, t4 - 6), t4)
        t4 = t4 if header is None else header
        # back over the header's first labels printed before those words (the total or the other
        # outcomes printed first, the group names), past the empty cells that pad them
        for i in range(t4 - 1, max(base, t4 - 40) - 1, -1):
            if tokens[i].kind == "num" or (tokens[i].kind == "label" and not _has(i, _REVIEW_HEADER_START_WORDS)):
                break
            if tokens[i].kind == "label":
                t4 = i

    def end_of(start: int) -> int:
        later = [t for t in (t2, t3, t4) if t is not None and t > start]
        if later:
            return min(later)
        after = labels.first(_AFTER_TABLES, start)
        return n if after is None else after

    return Regions(
        active=(t2, end_of(t2)) if t2 is not None else None,
        applications=(t3, end_of(t3)) if t3 is not None else None,
        review_litigation=(t4, end_of(t4)) if t4 is not None else None,
    )


def _printed_without_values(tokens: list[Token], labels: _Labels) -> int | None:
    """Table 3 printed with its labels only (no application all year, the empty cells lost with
    a line's trailing whitespace): its header, then label after label through its last row."""
    start = labels.first(_APPLICATIONS_MARKERS)
    if start is None:
        return None
    for i in range(start, min(start + 80, len(tokens))):
        if tokens[i].kind == "num":
            return None
        if labels.has(i, _LAST_APPLICATION_ROW_WORD):
            return start
    return None


def detect_template(tokens: list[Token], year: int | None) -> tuple[str, bool]:
    """The template by its distinctive labels; the year decides only when labels are silent.
    Returns (template, sure)."""
    # (joined as printed: a marker broken over two labels is still one)
    labels = "".join(tok.text for tok in tokens if tok.kind == "label")
    counts = {template: sum(labels.count(m) for m in markers) for template, markers in spec.TEMPLATE_MARKERS.items()}
    most = max(counts.values())
    leaders = [template for template, count in counts.items() if count == most]
    if len(leaders) == 1:
        return leaders[0], True
    return spec.template_by_year(year), False
