"""Checks of a parsed report against itself: the cross-sum rules of the format (the report's
own arithmetic, recorded as printed and flagged), a table printed twice, the year. The prose's
numbers are weighed in `prose.py`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from pipelines import spec

IssueList = list[tuple[str, str, str, str]]


def rule_issues(tables: dict[str, dict[str, dict[str, Any]]], template: str,
                whole: dict[str, dict[str, dict[str, int | None]]] | None = None, counts: bool = False) -> IssueList:
    """Rules 1–5 on the printed numbers. A rule with an unread cell is not judged.

    `whole`: tables given again with their values as ints, where every value of the table is a
    whole number (or unread): their rules are checked in ints. `counts`: every value is a count
    (a whole number, not negative, or unread), so that rule 5 holds."""
    glance = {**tables, **whole} if whole else tables
    # the usual case, every rule holding, is settled without walking the rule data
    issues = [] if _rules_hold(template)(glance) else _sums_broken(tables, template)
    if not counts and not _counts_plain(glance):
        issues += _not_counts(tables)
    return issues


def _sums_broken(tables: dict[str, dict[str, dict[str, Any]]], template: str) -> IssueList:
    """Rules 1–4, one by one."""
    issues: IssueList = []
    for rule in spec.sum_rules(template):
        table = tables.get(rule.table)
        if not table:
            continue
        try:
            left = sum(table[r][c] for r, c in rule.left)
            right = sum(table[r][c] for r, c in rule.right)
        except (KeyError, TypeError):  # a missing row or an unread cell
            continue
        if left != right:
            issues.append((
                "rule_broken", "warning", f"{rule.table}/{rule.name}",
                f"{rule.rule} ({spec.RULE_TEXT[rule.rule]}): {_fmt(left)} != {_fmt(right)}",
            ))
    return issues


def _not_counts(tables: dict[str, dict[str, dict[str, Any]]]) -> IssueList:
    """Rule 5, cell by cell: a count is whole and not negative (money may have decimals, a change
    may be negative)."""
    issues: IssueList = []
    for table_name, table in tables.items():
        for row, cols in table.items():
            for col, value in cols.items():
                if value is None or col in spec.SIGNED_METRICS:
                    continue
                if value < 0 or (col not in spec.MONEY_METRICS and value != value.to_integral_value()):
                    issues.append((
                        "rule_broken", "warning", f"{table_name}/{row}/{col}",
                        f"rule5 ({spec.RULE_TEXT['rule5']}): {_fmt(value)}",
                    ))
    return issues


@cache
def _rules_hold(template: str) -> Callable[[dict[str, dict[str, dict[str, Any]]]], bool]:
    """Rules 1–4 compiled to one expression over the tables: True when every rule holds. Any
    doubt (a table, row or cell missing or unread) answers False, and the rules are walked one by one."""
    by_table: dict[str, list[spec.SumRule]] = {}
    for rule in spec.sum_rules(template):
        by_table.setdefault(rule.table, []).append(rule)
    checks = {table: _compiled(rules) for table, rules in by_table.items()}

    def hold(tables: dict[str, dict[str, dict[str, Any]]]) -> bool:
        try:
            return all(check(tables[table]) for table, check in checks.items() if tables.get(table))
        except (KeyError, TypeError):
            return False

    return hold


def _compiled(rules: list[spec.SumRule]) -> Callable[[dict[str, dict[str, Any]]], bool]:
    """One table's rules as one function of the table: each row and cell it names taken once,
    then every rule's two sums compared."""
    rows = list(dict.fromkeys(r for rule in rules for r, _ in (*rule.left, *rule.right)))
    cells = list(dict.fromkeys(cell for rule in rules for cell in (*rule.left, *rule.right)))
    name = {cell: f"c{i}" for i, cell in enumerate(cells)}
    body = [f"r{i} = t[{row!r}]" for i, row in enumerate(rows)]
    body += [f"{name[r, c]} = r{rows.index(r)}[{c!r}]" for r, c in cells]
    def total(side: tuple[tuple[str, str], ...]) -> str:
        return " + ".join(name[cell] for cell in side) or "0"

    sums = [f"({total(rule.left)}) == ({total(rule.right)})" for rule in rules]
    body.append(f"return {' and '.join(sums)}")
    namespace: dict[str, Any] = {}
    # the function is built from the spec's rule data only
    exec("def check(t):\n" + "".join(f"    {line}\n" for line in body), namespace)
    return namespace["check"]


def _counts_plain(tables: dict[str, dict[str, dict[str, Any]]]) -> bool:
    """Rule 5 holds at a glance: no value (signed columns aside) is negative or has a fraction.
    Checked on the distinct values, which are few."""
    values = {v for rows in tables.values() for cols in rows.values()
              for c, v in cols.items() if c not in spec.SIGNED_METRICS}
    values.discard(None)
    return all(v >= 0 and v == int(v) for v in values)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


# words printed once in a report's tables and nowhere else: the first column of table 2's first
# header (of each template, newest first), table 3's header note (its cross-sum rule), table 4's
# first litigation group
_ONCE_A_REPORT = (
    *dict.fromkeys(spec.METRIC_LABELS[next(iter(items.values()))[0]][0]
                   for items in reversed(spec.ACTIVE_ITEMS.values())),
    "勾稽关系", spec.REVIEW_GROUP_LABELS[spec.REVIEW_GROUPS[1]][0])
_REPEATED_OVER_PAGES = "勾稽关系"  # table 3 is long: a PDF may print its header again on each page


def repeated_table_issues(text: str) -> IssueList:
    """A table printed a second time after the report's tables: a second report in the same file
    (a county's reports bound in one PDF), or a table repeated. Only the first was read: said so.
    Table 3's header printed again before table 4 begins is its header repeated over a page break."""
    table_4 = text.find(_ONCE_A_REPORT[-1])
    for word in _ONCE_A_REPORT:
        first = text.find(word)
        after = max(first + 1, table_4) if word == _REPEATED_OVER_PAGES else first + 1
        second = text.find(word, after) if first >= 0 else -1
        if second >= 0:
            line = text.count("\n", 0, second) + 1
            return [(
                "tables_repeated", "warning", f"line {line}",
                f"{word!r} is printed again at line {line}: a table printed twice, or a second report in "
                f"the file; only the first tables were read",
            )]
    return []


FIRST_YEAR = 2019  # the tables' format (both templates) is that of the 2019 revision of the Regulations


def year_issues(year: int | None, template: str | None) -> IssueList:
    """A year before the tables' format existed: the title's year is misprinted, or the tables are."""
    if year is None or template is None or year >= FIRST_YEAR:
        return []
    return [("year_conflict", "warning", "metadata",
             f"the tables are in the format used since {FIRST_YEAR}, the title's year is {year}: a misprint?")]
