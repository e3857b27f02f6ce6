"""The order of preference among cuts of run-together table-2 digits that every sum allows
(`tables._plausibility`): what real reports make likely, never a certainty (the row stays
`digits_ambiguous`)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pipelines.parse.tables import _plausibility

V2019_DOCS = ("new_made", "new_published", "total_published")
PROCUREMENT = ("projects", "amount_yuan")


def score(item: str, metrics: tuple[str, ...], *values: int) -> float:
    return _plausibility(item, metrics, tuple(Decimal(v) for v in values))


def test_documents_made_are_those_published():
    # "5534" as 5|5|34 (made 5, published 5, 34 in all) or 55|3|4 (4 in all, fewer than published)
    assert score("normative_docs", V2019_DOCS, 5, 5, 34) > score("normative_docs", V2019_DOCS, 55, 3, 4)
    # "161636": 16|16|36 rather than 161|6|36
    assert score("normative_docs", V2019_DOCS, 16, 16, 36) > score("normative_docs", V2019_DOCS, 161, 6, 36)


def test_no_procurement_projects_without_money():
    # "24629980": 24 projects for 629 980 yuan, not 24 629 98 projects for nothing
    assert score("procurement", PROCUREMENT, 24, 629980) > score("procurement", PROCUREMENT, 2462998, 0)
    assert score("procurement", PROCUREMENT, 3, 52000) > score("procurement", PROCUREMENT, 0, 352000)


@given(st.integers(1, 999), st.integers(0, 99))
def test_a_cut_with_projects_and_money_beats_one_without(projects, thousands):
    amount = 10000 * projects + 1000 * thousands
    assert score("procurement", PROCUREMENT, projects, amount) > score("procurement", PROCUREMENT, 0, amount)
    assert score("procurement", PROCUREMENT, projects, amount) > score("procurement", PROCUREMENT, projects, 0)


@given(st.integers(0, 500), st.integers(0, 500))
def test_smaller_numbers_are_preferred_all_else_level(small, extra):
    # licensing decisions alone: no stock or flow to weigh, the smaller count the likelier
    assert score("punishment", ("decisions",), small) >= score("punishment", ("decisions",), small + extra)
