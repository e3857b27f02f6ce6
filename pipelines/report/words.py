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


class _Keep(dict):
    """Fills the labels it knows and leaves any other {name} for the caller's own format()."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _shortest(labels: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {code: min(phrases, key=len) for code, phrases in labels.items()}


@cache
def _labels() -> _Keep:
    """The spec's labels words.toml may name: {new}, {col_total}, {case_pending}, {group_denied} …"""
    out = _Keep(_shortest(spec.APPLICATION_LABELS))
    out.update({f"col_{c}": p for c, p in _shortest(spec.APPLICANT_LABELS).items()})
    out.update({f"case_{c}": p for c, p in _shortest(spec.REVIEW_OUTCOME_LABELS).items()})
    out.update({f"group_{c}": _first(spec.APPLICATION_GROUP_LABELS, c) for c in spec.APPLICATION_GROUP_LABELS})
    out["review_header"] = "、".join(spec.REVIEW_HEADER_WORDS)
    return out


def word(section: str, key: str | None = None) -> Any:
    """words.toml's `section.key` (or a top-level `section`), the labels it names filled in."""
    value = words()[section]
    if key is not None:
        value = value[key]
    return value.format_map(_labels()) if isinstance(value, str) and "{" in value else value


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
        # both kinds of lawsuit sit under the second word of the table's header
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
    """A table 3 row named so it reads alone: total_handled under its group's heading (results),
    the others as printed."""
    label = row_label("applications", code)
    if code == "total_handled":
        return f"{_first(spec.APPLICATION_GROUP_LABELS, 'results')}·{label}"
    return label


def outcome_group(code: str) -> str:
    """The group of a table 3 outcome row, so that both templates compare: granted, partial,
    denied, unable, rejected, other (v2019's one `other` row, v2021's three other_* rows)."""
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
    text = word("rule").get(rule)
    text = text.format_map(_labels()) if text else text
    return f"{rule} {text}" if text else rule


def check_label(check_name: str | None) -> str:
    """A failing check named in printed labels: 'handled/total' → 'handled · ' and the label of the
    total column; 'v2021/applications/new/total' → the table's heading, the row's and the column's
    labels. Unknown names come back as they are."""
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
