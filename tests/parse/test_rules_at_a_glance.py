"""The rules checked at a glance (`checks.rule_issues` given the tables in ints, or told every
value is a count) say exactly what the rules walked one by one on the printed numbers say."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from printed import TABS

from pipelines import spec
from pipelines.parse import parse_bytes
from pipelines.parse.checks import _not_counts, _sums_broken, rule_issues


def _plain(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    whole = int(value)
    return whole if whole == value else float(value)


def _perturbed(tables: dict[str, dict[str, dict[str, Decimal | None]]], rng: random.Random
               ) -> dict[str, dict[str, dict[str, Decimal | None]]]:
    """The tables, perhaps with a cell changed, unread, negative or with decimals, or a row left out."""
    tables = {t: {r: dict(cols) for r, cols in rows.items()} for t, rows in tables.items()}
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        table = rng.choice(sorted(tables))
        row = rng.choice(sorted(tables[table]))
        col = rng.choice(sorted(tables[table][row]))
        tables[table][row][col] = rng.choice((None, Decimal(-1), Decimal("1.5"), Decimal("2.0"), Decimal(41)))
    if rng.random() < 0.1:
        table = rng.choice(sorted(tables))
        del tables[table][rng.choice(sorted(tables[table]))]
    if rng.random() < 0.3:  # money with decimals, a signed change: no rule's cells
        tables["active"] = {"procurement": {"amount_yuan": Decimal("12.5")}, "fees": {"change": Decimal(-3)}}
    return tables


def _random_tables(template: str, rng: random.Random) -> dict[str, dict[str, dict[str, Decimal | None]]]:
    """Every cell the rules name, at random: most rules broken."""
    tables: dict[str, dict[str, dict[str, Decimal | None]]] = {}
    for rule in spec.sum_rules(template):
        for row, col in (*rule.left, *rule.right):
            tables.setdefault(rule.table, {}).setdefault(row, {})[col] = Decimal(rng.randint(0, 9))
    return tables


def _glanced(tables: dict[str, dict[str, dict[str, Decimal | None]]], template: str) -> list:
    """`rule_issues` given what parse_document gives it: the tables in ints, and whether every value is a count."""
    plain = {t: {r: {c: _plain(v) for c, v in cols.items()} for r, cols in rows.items()}
             for t, rows in tables.items()}
    whole = {t: rows for t, rows in plain.items()
             if not any(type(v) is float for cols in rows.values() for v in cols.values())}
    counts = all(v is None or (type(v) is int and v >= 0)
                 for rows in plain.values() for cols in rows.values() for v in cols.values())
    return rule_issues(tables, template, whole, counts)


@pytest.mark.parametrize("template", spec.TEMPLATES)
def test_the_glance_says_what_the_walk_says(template):
    rng = random.Random(template)
    for _ in range(300):
        tables = _perturbed(_random_tables(template, rng), rng)
        walked = [*_sums_broken(tables, template), *_not_counts(tables)]
        assert rule_issues(tables, template) == walked
        assert _glanced(tables, template) == walked


def test_the_glance_on_a_report_whose_sums_hold():
    report = parse_bytes(TABS.encode(), "report.txt")
    printed = {t: {r: {c: None if v is None else Decimal(v) for c, v in cols.items()} for r, cols in rows.items()}
               for t in spec.TABLES if (rows := getattr(report, t))}
    rng = random.Random(1)
    held = 0
    for _ in range(300):
        tables = _perturbed(printed, rng)
        walked = [*_sums_broken(tables, report.template), *_not_counts(tables)]
        assert rule_issues(tables, report.template) == walked
        assert _glanced(tables, report.template) == walked
        held += not walked
    assert held > 100  # the usual case, every rule holding, is among them
