"""An analyst's decisions on flagged failures, read from a committed CSV (`expectations/adjudications.csv`).

Columns: sha256, agency, year, rule, decision, reason. A row names the report by the sha256 of its
source file, or by agency and year when sha256 is blank; rule is rule1 … rule6, structure, or `*`
for every rule. decision is `confirmed` (the report's own error: it stays failing, marked as known)
or `dismissed` (not an error of the report: the failure no longer counts; a reason is required).
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


def parse_rows(rows: list[dict[str, str]]) -> list[Adjudication]:
    """Adjudications from CSV rows; raises ValueError naming the line of a malformed one."""
    out = []
    for line, row in enumerate(rows, start=2):
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
        return parse_rows(list(csv.DictReader(f)))


def decide(adjudications: list[Adjudication], sha256: str | None, agency: str | None, year: int | None,
           rule: str) -> Adjudication | None:
    """The adjudication that applies to one report's failure of one rule (a rule-specific one first)."""
    hits = [a for a in adjudications if a.matches(sha256, agency, year, rule)]
    hits.sort(key=lambda a: a.rule == "*")
    return hits[0] if hits else None
