"""An analyst's decisions on flagged failures, read from a committed CSV (`expectations/adjudications.csv`).

Columns: sha256, agency, year, rule, decision, reason. A row names the report by the sha256 of its
source file, or by agency and year when sha256 is blank; rule is rule1 … rule6, structure, or `*`
for every rule. decision is `confirmed` (the report's own error: it stays failing, marked as known)
or `dismissed` (not an error of the report: the failure no longer counts; a reason is required).
Lines starting with `#` are comments: the committed file holds only the header and commented
examples, so a fresh checkout decides nothing and every decision there is the analyst's own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipelines.paths import EXPECTATIONS_DIR

ADJUDICATIONS_CSV = EXPECTATIONS_DIR / "adjudications.csv"
COLUMNS = ("sha256", "agency", "year", "rule", "decision", "reason")
DECISIONS = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Adjudication:
    sha256: str
    agency: str
    year: int | None
    rule: str
    decision: str
    reason: str

    def matches(self, sha256: str | None, agency: str | None, year: int | None, rule: str) -> bool:
        if self.rule not in ("*", rule):
            return False
        if self.sha256:
            return self.sha256 == sha256
        return self.agency == agency and self.year == year


def parse_rows(rows: list[dict[str, str]], lines: list[int] | None = None) -> list[Adjudication]:
    """Adjudications from CSV rows; raises ValueError naming the line of a malformed one
    (`lines`: each row's line in the file; by default the rows follow the header on line 1)."""
    out = []
    for line, row in zip(lines or range(2, len(rows) + 2), rows, strict=True):
        get = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if get["decision"] not in DECISIONS:
            raise ValueError(f"adjudications line {line}: decision must be one of {DECISIONS}")
        if not get["sha256"] and not (get["agency"] and get["year"]):
            raise ValueError(f"adjudications line {line}: give sha256, or agency and year")
        if get["decision"] == "dismissed" and not get["reason"]:
            raise ValueError(f"adjudications line {line}: a dismissal needs a reason")
        out.append(Adjudication(get["sha256"].lower(), get["agency"], int(get["year"]) if get["year"] else None,
                                get["rule"] or "*", get["decision"], get["reason"]))
    return out


def load(path: Path | None = ADJUDICATIONS_CSV) -> list[Adjudication]:
    if path is None or not Path(path).is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read().splitlines()
    # comments and blank lines left out; each row keeps its line number in the file
    kept = [(n, line) for n, line in enumerate(text, start=1) if line.strip() and not line.lstrip().startswith("#")]
    if not kept:
        return []
    rows = list(csv.DictReader([line for _, line in kept]))
    return parse_rows(rows, [n for n, _ in kept[1:len(rows) + 1]])


def examples(path: Path = ADJUDICATIONS_CSV) -> list[Adjudication]:
    """The commented example rows of an adjudications file (`# ` removed), parsed: they stay valid."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.strip() and not line.lstrip().startswith("#"))
    rows = [line.lstrip()[1:].strip() for line in lines if line.lstrip().startswith("#")]
    rows = [r for r in rows if r.count(",") >= len(COLUMNS) - 1]  # the example rows, not the prose
    return parse_rows(list(csv.DictReader([header, *rows])))


def decide(adjudications: list[Adjudication], sha256: str | None, agency: str | None, year: int | None,
           rule: str) -> Adjudication | None:
    """The adjudication that applies to one report's failure of one rule (a rule-specific one first)."""
    hits = [a for a in adjudications if a.matches(sha256, agency, year, rule)]
    hits.sort(key=lambda a: a.rule == "*")
    return hits[0] if hits else None
