"""The words of the workbook and the page (words.toml), and the spec's labels of every code.

A code's label is the first phrase the spec lists for it: the words the template prints.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from pipelines import spec


@cache
def words() -> dict[str, Any]:
    return tomllib.loads(files("pipelines.report").joinpath("words.toml").read_text("utf-8"))


def word(section: str, key: str | None = None) -> str:
    """words.toml's `section.key` (or a top-level `section`)."""
    value = words()[section]
    return value if key is None else value[key]


def _first(labels: dict[str, tuple[str, ...]], code: str) -> str:
    phrases = labels.get(code)
    return phrases[0] if phrases else code


def row_label(table: str, code: str) -> str:
    """The printed label of a row code of a table (a group of table 4 is its row)."""
    if table == "active":
        return _first(spec.ACTIVE_LABELS, code)
    if table == "applications":
        return _first(spec.APPLICATION_LABELS, code)
    if table == "review_litigation":
        label = _first(spec.REVIEW_GROUP_LABELS, code)
        # both kinds of lawsuit sit under the header's second word (行政诉讼)
        return f"{spec.REVIEW_HEADER_WORDS[-1]}·{label}" if code.startswith("litigation") else label
    return code


def col_label(table: str, code: str) -> str:
    """The printed label of a column code of a table."""
    if table == "active":
        return _first(spec.METRIC_LABELS, code)
    if table == "applications":
        return _first(spec.APPLICANT_LABELS, code)
    if table == "review_litigation":
        return _first(spec.REVIEW_OUTCOME_LABELS, code)
    return code


def total_label(code: str) -> str:
    """A table 3 row named so it reads alone: （七）总计 as 本年度办理结果·总计, others as printed."""
    label = row_label("applications", code)
    if code == "total_handled":
        return f"{_first(spec.APPLICATION_GROUP_LABELS, 'results')}·{label}"
    return label


def outcome_group(code: str) -> str:
    """The group of a table 3 outcome row, so that both templates compare: granted, partial,
    denied, unable, rejected, other (v2019's one 其他处理 row, v2021's three)."""
    if code in ("granted", "partial"):
        return code
    return code.split("_", 1)[0]


OUTCOME_GROUPS = ("granted", "partial", "denied", "unable", "rejected", "other")


def outcome_group_label(group: str) -> str:
    if group in ("granted", "partial"):
        return _first(spec.APPLICATION_LABELS, group)
    return _first(spec.APPLICATION_GROUP_LABELS, group)


def table_label(table: str) -> str:
    """The heading the report prints over a table (its section's title)."""
    return _first(spec.SECTION_LABELS, table)


def rule_label(rule: str | None) -> str:
    """A rule in the analyst's words, with its number: 'rule2 办理结果：…'."""
    if not rule:
        return ""
    text = words()["rule"].get(rule)
    return f"{rule} {text}" if text else rule


def check_label(check_name: str | None) -> str:
    """A failing check named in printed labels: 'handled/total' → '办理结果 · 总计',
    'v2021/applications/new/total' → '表三 本年新收… · 总计'. Unknown names come back as they are."""
    if not check_name:
        return ""
    parts = check_name.split("/")
    kind = parts[0]
    if len(parts) == 2:
        code = parts[1]
        if kind in ("balance", "handled", "continuity"):
            return f"{kind} · {col_label('applications', code)}"
        if kind == "applicants":
            return f"{kind} · {row_label('applications', code)}"
        if kind == "review":
            return f"{kind} · {row_label('review_litigation', code)}"
        if kind == "rows":
            return f"{kind} · {table_label(code) if code in spec.TABLES else code}"
    if len(parts) == 4 and parts[1] in spec.TABLES:
        table, row, col = parts[1], parts[2], parts[3]
        return f"{table_label(table)} · {row_label(table, row)} · {col_label(table, col)}"
    return check_name
