"""The page's charts: Vega-Lite specs made with Altair, rendered to static SVG by vl-convert
(which carries its own Vega runtime), so the page needs no script and no network to show them.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert

from pipelines import spec

from .data import COVERAGE, ReportData
from .tables import key_figures
from .words import OUTCOME_GROUPS, col_label, row_label, rule_label, word

# Fonts that hold Chinese on the systems analysts use; the browser takes the first it has.
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"
WIDTH = 560
HEIGHT = 260


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str


def _c(key: str) -> str:
    return word("chart", key)


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(font=FONT).configure_view(stroke=None)


def _svg(chart: alt.TopLevelMixin) -> str:
    return vl_convert.vegalite_to_svg(_config(chart).to_dict())


def _x(data: ReportData) -> alt.X:
    """The years of the scope, every one of them, in order: a year with nothing to draw keeps its place."""
    return alt.X("year:O", title=word("column", "year"), axis=alt.Axis(labelAngle=0),
                 scale=alt.Scale(domain=[str(y) for y in data.years]))


def _outcomes(data: ReportData) -> alt.Chart | None:
    figures = {f.key: f for f in key_figures(data)}
    rows = [{"year": str(y), "group": figures[g].label, "order": i, "count": float(figures[g].by_year[y])}
            for i, g in enumerate(OUTCOME_GROUPS) for y in data.years if figures[g].by_year.get(y) is not None]
    if not rows:
        return None
    labels = [figures[g].label for g in OUTCOME_GROUPS]
    return alt.Chart(pd.DataFrame(rows), width=WIDTH, height=HEIGHT).mark_bar().encode(
        x=_x(data),
        y=alt.Y("count:Q", title=_c("count"), stack="zero"),
        color=alt.Color("group:N", title=_c("outcome"), sort=labels),
        order=alt.Order("order:Q"),
    )


def _denied_share(data: ReportData) -> alt.Chart | None:
    share = next(f for f in key_figures(data) if f.key == "denied_share")
    rows = [{"year": str(y), "share": v} for y, v in share.by_year.items() if v is not None]
    if not rows:
        return None
    return alt.Chart(pd.DataFrame(rows), width=WIDTH, height=HEIGHT).mark_line(point=True).encode(
        x=_x(data),
        y=alt.Y("share:Q", title=_c("share"), axis=alt.Axis(format="%")),
    )


def _review(data: ReportData) -> alt.Chart | None:
    rows = []
    for c in data.cells:
        if c.table == "review_litigation" and c.col in spec.REVIEW_PARTS and c.value is not None:
            rows.append({"year": str(c.year), "group": row_label("review_litigation", c.row),
                         "outcome": col_label("review_litigation", c.col),
                         "order": spec.REVIEW_PARTS.index(c.col), "count": float(c.value)})
    if not rows:
        return None
    groups = [row_label("review_litigation", g) for g in spec.REVIEW_GROUPS]
    outcomes = [col_label("review_litigation", o) for o in spec.REVIEW_PARTS]
    return alt.Chart(pd.DataFrame(rows), width=max(120, WIDTH // 3 - 20), height=HEIGHT).mark_bar().encode(
        x=_x(data),
        y=alt.Y("count:Q", title=_c("count"), stack="zero"),
        color=alt.Color("outcome:N", title=_c("outcome"), sort=outcomes),
        order=alt.Order("order:Q"),
        column=alt.Column("group:N", title=None, sort=groups),
    )


def _coverage(data: ReportData) -> alt.Chart | None:
    """What became of the reports the scope's agencies owe each year: from the roster's coverage
    where the warehouse has it, else the scope's own agencies with and without a report."""
    rows = []
    if data.coverage:
        labels = [word("coverage", k) for k in COVERAGE]
        colours = ["#4C78A8", "#F58518", "#B279A2", "#9D755D", "#E45756", "#BAB0AC"]
        for year, counts in sorted(data.coverage.items()):
            rows += [{"year": str(year), "what": word("coverage", k), "order": i, "count": counts.get(k, 0)}
                     for i, k in enumerate(COVERAGE) if counts.get(k)]
    else:
        labels = [_c("published"), _c("missing")]
        colours = ["#4C78A8", "#E45756"]
        for y in data.year_reports:
            rows.append({"year": str(y["year"]), "what": labels[0], "order": 0, "count": y["agencies"]})
            rows.append({"year": str(y["year"]), "what": labels[1], "order": 1, "count": y["missing"]})
    if not rows:
        return None
    return alt.Chart(pd.DataFrame(rows), width=WIDTH, height=HEIGHT).mark_bar().encode(
        x=_x(data),
        y=alt.Y("count:Q", title=word("column", "agencies"), stack="zero"),
        color=alt.Color("what:N", title=None, sort=labels, scale=alt.Scale(domain=labels, range=colours)),
        order=alt.Order("order:Q"),
    )


def _failures(data: ReportData) -> alt.Chart | None:
    rows = [{"year": str(y), "rule": rule_label(rule), "count": n}
            for y, rules in sorted(data.rules_by_year.items()) for rule, n in sorted(rules.items())]
    if not rows:
        return None
    return alt.Chart(pd.DataFrame(rows), width=WIDTH, height=HEIGHT).mark_bar().encode(
        x=_x(data),
        # side by side, not stacked: a report breaking two rules is counted under each
        xOffset=alt.XOffset("rule:N"),
        y=alt.Y("count:Q", title=_c("failing_reports")),
        color=alt.Color("rule:N", title=word("column", "rule"), legend=alt.Legend(labelLimit=420, orient="bottom",
                                                                                   direction="vertical")),
    )


def charts(data: ReportData) -> list[Chart]:
    """The charts there is something to draw for, in the page's order."""
    out = []
    for key, make in (("outcomes", _outcomes), ("denied_share", _denied_share), ("review", _review),
                      ("coverage", _coverage), ("failures", _failures)):
        chart = make(data)
        if chart is not None:
            out.append(Chart(key, _c(key), _svg(chart)))
    return out
