"""Readings of one report reconciled cell by cell (pure: Reports in, a Report and its evidence out).

A *reading* is one parsed file. Its cells are *doubtful* where one of its issues in DOUBT_CODES
names them (the cell, its row or its table), *certain* elsewhere. Across the copies of a report:

- every certain reading of a cell agrees → the cell is `confirmed` (one reading alone: `single`);
- a doubtful reading and a certain one: the certain one settles the doubt (`settled_by_copy`) when
  it is a reading the doubtful file allows — for digits that ran together, the certain cells
  written in order give exactly the doubtful file's run of digits (or are one of its recorded
  alternatives) and the doubtful file's own sums break no more than before;
- certain readings that differ, or a certain reading the doubtful file does not allow, are kept
  apart: the value of the better-ranked reading, flagged `copies_disagree`;
- no certain reading: the cell stays `doubtful` — unless the previous year settles it
  (`settled_by_prior_year`, spec CONTINUITY: this year's row against last year's row).

The reconciled Report starts from the *primary* reading (fewest doubtful cells, then fewest
errors and warnings, then most cells, then path), so a report whose copies say nothing new reads
exactly as its primary.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pipelines import spec
from pipelines.parse.checks import rule_issues
from pipelines.parse.report import Cell, Issue, Report

RECONCILE_VERSION = "1"
RECONCILED_LAYOUT = "reconciled"
TABLES = spec.TABLES

# issues that make the cells they name doubtful (a missing table or row: its cells are absent)
DOUBT_CODES = frozenset({
    "digits_ambiguous", "digits_unsplittable", "ocr_uncertain", "cell_unreadable", "row_inferred",
    "cell_count", "row_blank", "row_missing", "table_missing", "stray_value",
})
# doubts about how a run of digits was cut: a settling reading must give the same digits
DIGIT_CODES = frozenset({"digits_ambiguous", "digits_unsplittable"})

EVIDENCE_KINDS = ("confirmed", "single", "settled_by_copy", "settled_by_prior_year", "copies_disagree", "doubtful")
# kinds whose cell no longer carries its reading's doubt
SETTLED_KINDS = frozenset({"confirmed", "single", "settled_by_copy", "settled_by_prior_year"})

_DIGITS = re.compile(r"[^0-9.]")


@dataclass(frozen=True)
class Source:
    """One reading of a cell: which file, where in it, what was printed, the value, and whether
    that reading was certain."""

    path: str
    sha256: str | None
    parser_version: str
    where: str | None
    raw: str | None
    value: Any
    certain: bool
    role: str = "copy"  # copy, or prior_year (the previous year's report that settled it)


@dataclass(frozen=True)
class CellEvidence:
    key: str  # table/row/column
    value: Any
    kind: str  # one of EVIDENCE_KINDS
    sources: tuple[Source, ...]


@dataclass
class Reconciled:
    report: Report
    evidence: dict[str, CellEvidence] = field(default_factory=dict)
    copies: list[Report] = field(default_factory=list)  # primary first
    prior: Report | None = None  # the previous year's report, when it settled a cell

    @property
    def changed(self) -> bool:
        """Whether the reconciled reading says anything its primary alone does not."""
        return len(self.copies) > 1 or self.prior is not None


def number(value: Any) -> Decimal | None:
    """A cell's value for comparison (1, 1.0 and Decimal('1.000000') are one number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def same(a: Any, b: Any) -> bool:
    x, y = number(a), number(b)
    return x == y if x is not None and y is not None else a is None and b is None


def cells(report: Report) -> dict[str, Any]:
    """table/row/column -> value, in the reading's order."""
    return {f"{t}/{r}/{c}": v for t in TABLES for r, cols in (getattr(report, t) or {}).items()
            for c, v in cols.items()}


def _covers(where: str, key: str) -> bool:
    return key == where or key.startswith(where + "/")


def doubts(report: Report, keys: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
    """key -> codes of the doubt issues that name it (only the doubtful keys)."""
    named = [(i.where, i.code) for i in report.issues if i.code in DOUBT_CODES and i.where]
    out: dict[str, set[str]] = {}
    for key in cells(report) if keys is None else keys:
        for where, code in named:
            if _covers(where, key):
                out.setdefault(key, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def digits(text: str | None) -> str:
    return _DIGITS.sub("", text or "")


def _plain(value: Any) -> str:
    n = number(value)
    if n is None:
        return ""
    return str(int(n)) if n == n.to_integral_value() else format(n.normalize(), "f")


def _runs(report: Report, doubtful: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Each doubtful key -> the keys whose digits it was cut from together: consecutive keys of
    one row (or one table, for a doubt named on the table) printed at one place as one text."""
    runs: dict[str, tuple[str, ...]] = {}
    current: list[str] = []
    last: tuple[Any, ...] | None = None
    prov = report.provenance
    order = [k for k in cells(report) if k in doubtful]
    for key in [*order, None]:
        if key is not None:
            cell = prov.get(key)
            table, row, _ = key.split("/", 2)
            scope = table if any(w == table for w in _wheres(report, key)) else f"{table}/{row}"
            sig = (scope, cell.where, cell.raw) if cell and DIGIT_CODES & doubtful[key] else (key,)
        if key is None or sig != last:
            for k in current:
                runs[k] = tuple(current)
            current = []
        if key is not None:
            current.append(key)
            last = sig
    return runs


def _wheres(report: Report, key: str) -> list[str]:
    return [i.where for i in report.issues if i.code in DIGIT_CODES and _covers(i.where, key)]


def _tables(report: Report) -> dict[str, dict[str, dict[str, Any]]]:
    """The reading's tables with Decimal values, as the parser's rule checks take them."""
    return {t: {r: {c: number(v) for c, v in cols.items()} for r, cols in getattr(report, t).items()}
            for t in TABLES if getattr(report, t)}


def _broken(tables: dict[str, dict[str, dict[str, Any]]], template: str | None) -> set[str]:
    if not template or template not in spec.TEMPLATE_DATA:
        return set()
    return {w for code, _, w, _ in rule_issues(tables, template) if code == "rule_broken"}


def _with(tables: dict[str, dict[str, dict[str, Any]]], values: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    out = {t: {r: dict(c) for r, c in rows.items()} for t, rows in tables.items()}
    for key, value in values.items():
        t, r, c = key.split("/", 2)
        out.setdefault(t, {}).setdefault(r, {})[c] = number(value)
    return out


def fits_digits(reading: Report, run: Sequence[str], values: dict[str, Any], raws: dict[str, str | None],
                doubtful: dict[str, frozenset[str]]) -> bool:
    """Whether `values` for the keys of one `run` are a cut the doubtful `reading` allows: of
    run-together digits, one of the row's recorded alternatives, or else one that gives back
    exactly its digits (the other reading's printed texts, else its values, written in order)."""
    if any(k not in values for k in run):
        return False
    if not any(DIGIT_CODES & doubtful.get(k, frozenset()) for k in run):
        return True
    rows = {k.rsplit("/", 1)[0] for k in run}
    recorded = {row: reading.alternatives.get(row) for row in rows}
    if all(recorded.values()):
        for row, readings in recorded.items():
            wanted = {k.rsplit("/", 1)[1]: values[k] for k in run if k.startswith(row + "/")}
            if not any(all(same(alt.get(c), v) for c, v in wanted.items()) for alt in readings):
                return False
        return True
    cell = reading.provenance.get(run[0])
    written = "".join(digits(raws.get(k)) or _plain(values[k]) for k in run)
    return cell is not None and written == digits(cell.raw)


def allowed_runs(reading: Report, runs: Iterable[tuple[str, ...]], values: dict[str, Any],
                 raws: dict[str, str | None], doubtful: dict[str, frozenset[str]]) -> set[tuple[str, ...]]:
    """The runs of the doubtful `reading` that `values` settle: each a cut it allows
    (`fits_digits`), and its own sums breaking no more than they did — with every such run put in
    at once (rows cut together by the column sums change together; its other doubtful cells, which
    prove nothing, taking `values` too), else without those, else run by run."""
    every = list(dict.fromkeys(runs))
    fitting = [run for run in every if fits_digits(reading, run, values, raws, doubtful)]
    if not fitting:
        return set()
    tables = _tables(reading)
    before = _broken(tables, reading.template)
    backdrop = [run for run in every if run not in fitting and all(k in values for k in run)]

    def holds(chosen: Iterable[tuple[str, ...]]) -> bool:
        return _broken(_with(tables, {k: values[k] for run in chosen for k in run}), reading.template) <= before

    if holds(fitting + backdrop) or holds(fitting):
        return set(fitting)
    return {run for run in fitting if holds([run])}


def rank(reports: Sequence[Report]) -> list[Report]:
    """Best reading first: fewest doubtful cells, fewest errors and warnings, most cells, path."""
    def key(r: Report) -> tuple[Any, ...]:
        n = cells(r)
        return (len(doubts(r, n)), sum(i.severity in ("error", "warning") for i in r.issues), -len(n),
                r.path, r.sha256 or "")
    return sorted(reports, key=key)


def _source(r: Report, key: str, value: Any, certain: bool, role: str = "copy") -> Source:
    cell = r.provenance.get(key)
    return Source(r.path, r.sha256, r.parser_version, cell.where if cell else None, cell.raw if cell else None,
                  value, certain, role)


def are_copies(a: Report, b: Report, *, linked: bool = False) -> bool:
    """Whether two readings of one agency and year are copies of one report rather than a revision:
    fetched as a page and its attachment (`linked`), or two files at different paths whose cells
    agree wherever both read them with certainty (at least one such cell). New bytes at a file's
    own path replace it: a revision, however alike."""
    if linked:
        return True
    if a.path == b.path:
        return False
    if a.agency != b.agency or a.year != b.year:
        return False
    ca, cb = cells(a), cells(b)
    da, db = doubts(a, ca), doubts(b, cb)
    shared = [k for k in ca if k in cb and k not in da and k not in db]
    return bool(shared) and all(same(ca[k], cb[k]) for k in shared)


def reconciled_sha256(copies: Iterable[Report], prior: Report | None) -> str:
    """A stable name for the reconciled reading: the same copies (and previous year) give the same."""
    parts = sorted(f"{r.sha256}:{r.parser_version}" for r in copies)
    if prior is not None:
        parts.append(f"prior={prior.sha256}:{prior.parser_version}")
    return hashlib.sha256(f"reconciled/{RECONCILE_VERSION}/{'|'.join(parts)}".encode()).hexdigest()


def reconcile(copies: Sequence[Report], prior: Report | None = None) -> Reconciled:
    """The copies of one report read as one, with the evidence of every cell; `prior` is the
    agency's report of the year before, consulted for the continuity row's doubts only."""
    if not copies:
        raise ValueError("reconcile needs at least one reading")
    ranked = rank(copies)
    primary = ranked[0]
    values = [cells(r) for r in ranked]
    doubt = [doubts(r, v) for r, v in zip(ranked, values, strict=True)]
    runs = [_runs(r, d) for r, d in zip(ranked, doubt, strict=True)]
    order = list(dict.fromkeys(k for v in values for k in v))

    # the one value the certain readings give each key, where they agree
    agreed: dict[str, Any] = {}
    raws: dict[str, str | None] = {}
    for key in order:
        certain = [(r, v[key]) for r, v, d in zip(ranked, values, doubt, strict=True) if key in v and key not in d]
        if certain and all(same(x, certain[0][1]) for _, x in certain):
            agreed[key] = certain[0][1]
            cell = certain[0][0].provenance.get(key)
            raws[key] = cell.raw if cell else None

    # which doubtful runs the certain readings settle, for each reading
    allowed: list[dict[str, bool]] = []
    for r, d, run_of in zip(ranked, doubt, runs, strict=True):
        settled = allowed_runs(r, (run_of.get(k, (k,)) for k in d), agreed, raws, d)
        allowed.append({k: run_of.get(k, (k,)) in settled for k in d})

    evidence: dict[str, CellEvidence] = {}
    for key in order:
        holders = [i for i, v in enumerate(values) if key in v]
        sources = tuple(_source(ranked[i], key, values[i][key], key not in doubt[i]) for i in holders)
        certain = [i for i in holders if key not in doubt[i]]
        first = values[holders[0]][key]
        if not certain:
            kind, value = "doubtful", first
        elif key not in agreed:
            kind, value = "copies_disagree", values[certain[0]][key]
        else:
            # a doubtful reading whose run the certain ones do not settle: they disagree where the
            # run was judged whole or the values differ; else its doubt stands
            unsettled = [i for i in holders if key in doubt[i] and not allowed[i][key]]
            judged = [i for i in unsettled if not same(values[i][key], agreed[key])
                      or all(k in agreed for k in runs[i].get(key, (key,)))]
            if judged:
                kind, value = "copies_disagree", first
            elif unsettled:
                kind, value = "doubtful", first
            elif len(certain) < len(holders):
                kind, value = "settled_by_copy", agreed[key]
            else:
                kind, value = ("confirmed" if len(holders) > 1 else "single"), agreed[key]
        evidence[key] = CellEvidence(key, value, kind, sources)

    used_prior = _settle_by_prior_year(evidence, ranked, doubt, runs, prior)
    report = _reconciled_report(primary, ranked, evidence, used_prior)
    return Reconciled(report, evidence, ranked, used_prior)


def _settle_by_prior_year(evidence: dict[str, CellEvidence], ranked: list[Report],
                          doubt: list[dict[str, frozenset[str]]], runs: list[dict[str, tuple[str, ...]]],
                          prior: Report | None) -> Report | None:
    """The continuity row's cells still doubtful, settled by last year's row where the doubtful
    reading allows it (a recorded alternative, or the same digits, its sums intact)."""
    table, this_row, last_row = spec.CONTINUITY
    if prior is None or prior.agency != ranked[0].agency or prior.year is None or ranked[0].year is None \
            or prior.year != ranked[0].year - 1:
        return None
    last = (getattr(prior, table) or {}).get(last_row) or {}
    prefix = f"{table}/{this_row}/"
    open_keys = [k for k, e in evidence.items() if k.startswith(prefix) and e.kind == "doubtful"]
    if not open_keys or not last:
        return None
    wanted = {f"{prefix}{c}": v for c, v in last.items()}
    # the reading whose value the cell holds now decides what it allows
    for i, r in enumerate(ranked):
        keys = [k for k in open_keys if k in doubt[i]]
        if not keys:
            continue
        done = [k for run in allowed_runs(r, (runs[i].get(k, (k,)) for k in keys), wanted, {}, doubt[i])
                for k in run]
        if not done:
            return None
        for key in done:
            e = evidence.get(key)
            src = _source(prior, f"{table}/{last_row}/{key.rsplit('/', 1)[1]}", wanted[key], True, "prior_year")
            evidence[key] = CellEvidence(key, wanted[key], "settled_by_prior_year",
                                         (e.sources if e else ()) + (src,))
        return prior
    return None


def _reconciled_report(primary: Report, ranked: list[Report], evidence: dict[str, CellEvidence],
                       prior: Report | None) -> Report:
    out = Report(path=primary.path, agency=primary.agency, year=primary.year, template=primary.template,
                 title=primary.title, layout=RECONCILED_LAYOUT, encoding=primary.encoding,
                 sha256=reconciled_sha256(ranked, prior), region=dict(primary.region),
                 parser_version=primary.parser_version)
    for key, e in evidence.items():
        t, r, c = key.split("/", 2)
        getattr(out, t).setdefault(r, {})[c] = e.value
        chosen = next((s for s in e.sources if same(s.value, e.value) and s.role == "copy"), e.sources[0])
        out.provenance[key] = Cell(f"{chosen.path}: {chosen.where}" if chosen.where else chosen.path,
                                   chosen.raw or "")
    # the primary's doubts that every cell they name has shed; its sums judged again on the new cells
    for issue in primary.issues:
        if issue.code == "rule_broken":
            continue
        if issue.code in DOUBT_CODES:
            named = [e for k, e in evidence.items() if _covers(issue.where, k)]
            if named and all(e.kind in SETTLED_KINDS for e in named):
                continue
        out.issues.append(issue)
    out.issues += [Issue(*i) for i in rule_issues(_tables(out), out.template)] if out.template in spec.TEMPLATE_DATA \
        else []
    out.issues += _evidence_issues(evidence, ranked)
    return out


def _fmt(e: CellEvidence, certain: bool | None = None) -> str:
    return "; ".join(f"{s.path} at {s.where or '?'} reads {_plain(s.value) or 'nothing'}"
                     + ("" if s.certain else " (doubtful)")
                     for s in e.sources if certain is None or s.certain == certain)


def _evidence_issues(evidence: dict[str, CellEvidence], ranked: list[Report]) -> list[Issue]:
    """One issue per row for what the other readings settled or contradicted."""
    out: list[Issue] = []
    by_row: dict[tuple[str, str], list[CellEvidence]] = {}
    for key, e in evidence.items():
        if e.kind in ("settled_by_copy", "settled_by_prior_year", "copies_disagree"):
            by_row.setdefault((e.kind, key.rsplit("/", 1)[0]), []).append(e)
    for (kind, row), items in by_row.items():
        cols = ", ".join(f"{e.key.rsplit('/', 1)[1]}={_plain(e.value) or 'blank'}" for e in items)
        if kind == "settled_by_copy":
            others = "; ".join(dict.fromkeys(
                f"{s.path} at {s.where or '?'}" for e in items for s in e.sources if s.certain))
            out.append(Issue(kind, "info", row, f"{cols}: the doubtful reading settled by the certain one of {others}"))
        elif kind == "settled_by_prior_year":
            prior = next(s for s in items[0].sources if s.role == "prior_year")
            out.append(Issue(kind, "info", row,
                             f"{cols}: the doubtful reading settled by the previous year's report {prior.path} "
                             f"at {prior.where or '?'}"))
        else:
            for e in items:
                out.append(Issue(kind, "warning", e.key, f"kept {_plain(e.value) or 'blank'}; {_fmt(e)}"))
    return out
