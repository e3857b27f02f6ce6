"""Find the three tables in a token stream by their content, not by section numbers: reports
repeat or renumber their headings, and the prose can mention the same headings."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

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
    ends in the next."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.own: dict[int, int] = {}  # token index -> the length of its own text
        self.text: dict[int, str] = {}  # token index -> its text and the run's next labels (40 characters)
        run: list[int] = []
        for i, tok in enumerate(tokens):
            if tok.kind == "label":
                run.append(i)
            elif run:
                self._add(run)
                run = []
        if run:
            self._add(run)

    def _add(self, run: list[int]) -> None:
        """A run of label tokens, each with the next ones' text."""
        if len(run) == 1:
            j = run[0]
            self.text[j] = own = self.tokens[j].text
            self.own[j] = len(own)
            return
        texts = [self.tokens[j].text for j in run]
        for k, j in enumerate(run):
            own = texts[k]
            self.own[j] = len(own)
            self.text[j] = own + "".join(texts[k + 1:k + 4])[:40]

    def has(self, i: int, markers: re.Pattern[str]) -> bool:
        """Whether a word of `markers` (`_any_of` a list of words) starts in token i (a label)."""
        text = self.text.get(i)
        if text is None:
            return False
        m = markers.search(text)
        return m is not None and m.start() < self.own[i]


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
    t2 = next((i for i in labels.text if _has(i, _ACTIVE_MARKERS)), None)
    # table 3: its first row (new requests) followed by cells; its header just before it
    t3 = next((i for i in labels.text
               if _has(i, _NEW_REQUESTS_WORD) and "申请" in labels.text[i] and _value_follows(tokens, i)), None)
    if t3 is None:
        t3 = next((i for i in labels.text if _has(i, _APPLICATIONS_MARKERS)
                   and _value_follows(tokens, i, 40)), None)
    if t3 is None:
        t3 = _printed_without_values(tokens, labels)
    if t3 is not None:
        t3 = next((i for i in range(max(0, t3 - 40), t3)
                   if _has(i, _APPLICATIONS_HEADER_WORDS)), t3)
    # table 4: its column header after the other tables, with the group header just before it
    base = max(t for t in (t2, t3, 0) if t is not None)
    labelled = list(labels.text)  # the label tokens' indices, in order: only labels can hold a word
    t4 = next((i for i in labelled[bisect_left(labelled, base):] if _has(i, _REVIEW_ONLY_WORDS)), None)
    if t4 is not None:
        t4 = next((i for i in range(max(base, t4 - 6), t4) if _has(i, _REVIEW_GROUP_HEADER)), t4)
        # back over the header's first labels printed before those words (the total or the other
        # outcomes printed first, the group names), past the empty cells that pad them
        for i in range(t4 - 1, max(base, t4 - 40) - 1, -1):
            if tokens[i].kind == "num" or (tokens[i].kind == "label" and not _has(i, _REVIEW_HEADER_START_WORDS)):
                break
            if tokens[i].kind == "label":
                t4 = i

    def end_of(start: int) -> int:
        later = [t for t in (t2, t3, t4) if t is not None and t > start]
        return min(later) if later else next((i for i in range(start, n) if _has(i, _AFTER_TABLES)), n)

    return Regions(
        active=(t2, end_of(t2)) if t2 is not None else None,
        applications=(t3, end_of(t3)) if t3 is not None else None,
        review_litigation=(t4, end_of(t4)) if t4 is not None else None,
    )


def _printed_without_values(tokens: list[Token], labels: _Labels) -> int | None:
    """Table 3 printed with its labels only (no application all year, the empty cells lost with
    a line's trailing whitespace): its header, then label after label through its last row."""
    start = next((i for i in labels.text if labels.has(i, _APPLICATIONS_MARKERS)), None)
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
