"""Checks of a parsed report against itself: the cross-sum rules of the format (the report's
own arithmetic, recorded as printed and flagged) and numbers in the prose that contradict the
tables."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pipelines import spec

IssueList = list[tuple[str, str, str, str]]


def rule_issues(tables: dict[str, dict[str, dict[str, Any]]], template: str) -> IssueList:
    """Rules 1–5 on the printed numbers. A rule with an unread cell is not judged."""
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


# Prose statements of the number of new applications: 共受理政府信息公开申请859件, 收到70件申请.
_PROSE_NEW = (
    re.compile(r"(?:新?收到|受理|新收)(?:各类)?(?:政府信息公开|信息公开|依申请公开)?申请(?:共|合计)?(\d+)件"),
    re.compile(r"(?:共|全年)(?:收到|受理|新收)(\d+)件(?:政府信息公开|信息公开)?申请"),
)


def prose_issues(text: str, tables: dict[str, dict[str, dict[str, Any]]]) -> IssueList:
    """A number of new applications stated in the prose that matches neither the table's new
    requests nor new + carried over."""
    new = (tables.get("applications") or {}).get("new", {}).get("total")
    carried = (tables.get("applications") or {}).get("carried_over", {}).get("total") or 0
    if new is None:
        return []
    flat = "".join(text.split())
    if "件" not in flat:
        return []
    for pattern in _PROSE_NEW:
        for m in pattern.finditer(flat):
            stated = Decimal(m.group(1))
            if stated not in (new, new + carried):
                return [(
                    "prose_mismatch", "warning", "applications/new/total",
                    f"the prose says {m.group(0)!r} but table 3 has {_fmt(new)} new requests"
                    f" ({_fmt(new + carried)} with those carried over)",
                )]
    return []


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
