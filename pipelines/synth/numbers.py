"""The numbers model: an agency's three tables, year after year, that obey the spec's rules.

Most agencies receive a handful of requests a year, a few receive thousands: the yearly volume
is a Poisson draw around a lognormal rate scaled by the agency's level and kind. Counts are
split over applicant columns and outcome rows by multinomial draws, so rules 1–5 hold by
construction, and each year's `carried_over` is the previous year's `carried_forward` (rule 6).
Proactive-disclosure stocks (rules and normative documents in force, item counts) carry over
too. `inject_error` then puts one wrong cell into a report, as published reports sometimes do.
"""

from __future__ import annotations

import math
import random
from typing import Any

from pipelines import spec

# Volume of requests by level; multiplied by the agency's busyness (population.py).
LEVEL_SCALE = {"province": 20.0, "city": 5.0, "county": 1.6, "township": 1.0}
BASE_RATE = 6.0
GROWTH = 1.08  # requests grow a little every year

APPLICANT_SHARES = {
    "natural_person": 0.86, "commercial": 0.07, "research": 0.004,
    "social_org": 0.008, "legal_service": 0.03, "other": 0.028,
}
# v2021 outcome weights; v2019 folds the three `other_*` rows into `other`.
OUTCOME_WEIGHTS = {
    "granted": 0.38, "partial": 0.06,
    "denied_state_secret": 0.003, "denied_law_forbidden": 0.01, "denied_three_safety": 0.005,
    "denied_third_party": 0.01, "denied_internal": 0.02, "denied_process": 0.02,
    "denied_enforcement_file": 0.01, "denied_query": 0.02,
    "unable_not_held": 0.22, "unable_need_creation": 0.03, "unable_unclear": 0.02,
    "rejected_petition": 0.03, "rejected_duplicate": 0.03, "rejected_publication": 0.005,
    "rejected_mass": 0.01, "rejected_confirm": 0.01,
    "other_no_correction": 0.04, "other_no_fee": 0.002, "other_misc": 0.06,
}
REVIEW_SHARES = {"upheld": 0.6, "corrected": 0.12, "other": 0.15, "pending": 0.13}

# Kinds whose proactive-disclosure items are large: licensing, punishment, enforcement, fees.
_ENFORCERS = {
    "market": (3000, 800, 60, 50.0), "police": (800, 1500, 200, 300.0), "land": (400, 80, 10, 2000.0),
    "housing": (500, 60, 8, 400.0), "environment": (200, 150, 20, 5.0), "transport": (600, 300, 30, 80.0),
    "government": (300, 20, 5, 10.0), "social": (300, 10, 1, 2.0), "health": (300, 100, 5, 20.0),
    "agriculture": (200, 40, 3, 1.0), "education": (80, 3, 0, 10.0), "civil": (60, 2, 0, 0.5),
}


def poisson(lam: float, rng: random.Random) -> int:
    if lam <= 0:
        return 0
    if lam > 60:  # the normal approximation is good enough and O(1)
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def binomial(n: int, p: float, rng: random.Random) -> int:
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n < 40:
        return sum(rng.random() < p for _ in range(n))
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    return min(n, max(0, round(rng.gauss(mean, sd))))


def multinomial(n: int, weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    """Split `n` over the keys of `weights` (sequential conditional binomials)."""
    out = dict.fromkeys(weights, 0)
    left, mass = n, sum(weights.values())
    keys = list(weights)
    for key in keys[:-1]:
        if left == 0 or mass <= 0:
            break
        k = binomial(left, weights[key] / mass, rng)
        out[key] = k
        left -= k
        mass -= weights[key]
    out[keys[-1]] += left
    return out


def _money(x: float, digits: int) -> float:
    return round(x, digits) if digits else float(round(x))


class AgencyModel:
    """One agency's hidden state, advanced a year at a time by `year_tables`."""

    def __init__(self, level: str, kind: str, busyness: float, rng: random.Random):
        self.level, self.kind, self.rng = level, kind, rng
        self.rate = BASE_RATE * LEVEL_SCALE[level] * busyness
        self.late_v2019 = rng.random() < 0.15  # still on the old template for 2021
        self.cf_share = rng.choice((0.0, 0.0, 0.02, 0.05, 0.1))
        self.outcome_w = {k: w * rng.lognormvariate(0, 0.5) for k, w in OUTCOME_WEIGHTS.items()}
        self.money_digits = rng.choice((0, 2, 2, 4, 6))
        gov = kind in ("government", "office")
        self.issues_rules = gov and level in ("province", "city")
        self.rules_stock = rng.randint(20, 200) if self.issues_rules else 0
        self.norm_stock = rng.randint(0, 30 if level in ("county", "township") else 150)
        self.published_stock = self.norm_stock + self.rules_stock
        scale = {"province": 3.0, "city": 1.5, "county": 1.0, "township": 0.1}[level]
        lic, pun, enf, fee = _ENFORCERS.get(kind, (20, 5, 0, 0.0))
        self.scale = {"licensing": lic * scale, "punishment": pun * scale, "enforcement": enf * scale,
                      "fees": fee * scale}
        self.items = {k: rng.randint(0, 40) for k in ("licensing", "other_services", "punishment",
                                                       "enforcement", "fees")}
        self.carried: dict[str, int] | None = None

    @staticmethod
    def template_for(year: int, late_v2019: bool) -> str:
        """The template of a year's report (spec's, by year); a late adopter keeps the previous
        template for the first year of a new one."""
        template = spec.template_by_year(year)
        at = spec.TEMPLATES.index(template)
        if late_v2019 and at > 0 and spec.TEMPLATE_DATA[template].first_year == year:
            return spec.TEMPLATES[at - 1]
        return template

    def _volume(self, key: str, year: int) -> int:
        base = self.scale[key] * self.rng.lognormvariate(0, 0.6)
        return poisson(base, self.rng) if base < 1000 else round(base)

    def _active(self, template: str, year: int) -> dict[str, dict[str, Any]]:
        rng = self.rng
        rules_new = poisson(2.0 if self.level == "province" else 0.8, rng) if self.issues_rules else 0
        norm_rate = {"province": 8, "city": 5, "county": 2, "township": 0.4}[self.level]
        norm_new = poisson(norm_rate * rng.lognormvariate(0, 0.5), rng)
        rules_rep = binomial(self.rules_stock, 0.02, rng)
        norm_rep = binomial(self.norm_stock, 0.04, rng)
        self.rules_stock += rules_new - rules_rep
        self.norm_stock += norm_new - norm_rep
        fee = self.scale["fees"] * rng.lognormvariate(0, 0.7) if rng.random() < 0.6 else 0.0
        if template == "v2021":
            return {
                "rules": {"issued": rules_new, "repealed": rules_rep, "in_force": self.rules_stock},
                "normative_docs": {"issued": norm_new, "repealed": norm_rep, "in_force": self.norm_stock},
                "licensing": {"decisions": self._volume("licensing", year)},
                "punishment": {"decisions": self._volume("punishment", year)},
                "enforcement": {"decisions": self._volume("enforcement", year)},
                "fees": {"amount_10k_yuan": _money(fee, self.money_digits)},
            }
        if template != "v2019":
            return self._active_of_form(template, year, fee)
        active: dict[str, dict[str, Any]] = {}
        total_rules = self.rules_stock + rules_rep + rng.randint(0, 5)  # published, never unpublished
        active["rules"] = {"new_made": rules_new, "new_published": rules_new, "total_published": total_rules}
        self.published_stock += norm_new
        active["normative_docs"] = {"new_made": norm_new, "new_published": norm_new,
                                    "total_published": self.published_stock}
        for item in ("licensing", "other_services", "punishment", "enforcement", "fees"):
            change = rng.choice((0, 0, 0, 1, -1, 2, -2, rng.randint(-10, 15)))
            change = max(change, -self.items[item])
            row: dict[str, Any] = {"prev_items": self.items[item], "change": change}
            if item != "fees":
                row["decisions"] = self._volume("licensing" if item == "other_services" else item, year)
            active[item] = row
            self.items[item] += change
        projects = poisson(6 * rng.lognormvariate(0, 1), rng) if rng.random() < 0.5 else 0
        amount = projects * 10000 * rng.lognormvariate(2.5, 1.0) if projects else 0.0
        active["procurement"] = {"projects": projects, "amount_yuan": _money(amount, 2 if rng.random() < 0.3 else 0)}
        return active

    def _active_of_form(self, template: str, year: int, fee: float) -> dict[str, dict[str, Any]]:
        """Table 2 of a template the model knows only from spec: money as the fees, changes small,
        counts as licensing decisions."""
        rng = self.rng
        return {item: {m: _money(fee, self.money_digits) if m in spec.MONEY_METRICS
                       else rng.randint(-3, 3) if m in spec.SIGNED_METRICS
                       else self._volume("licensing", year) for m in metrics}
                for item, metrics in spec.ACTIVE_ITEMS[template].items()}

    def _applications(self, template: str, year: int) -> dict[str, dict[str, int]]:
        rng = self.rng
        lam = self.rate * GROWTH ** (year - 2019) * rng.lognormvariate(0, 0.35)
        new = multinomial(poisson(lam, rng), APPLICANT_SHARES, rng)
        if self.carried is None:  # the year before the first report is unknown: a small backlog
            self.carried = {c: binomial(n, self.cf_share, rng) for c, n in new.items()}
        carried_over = self.carried
        outcomes = spec.OUTCOMES[template]
        # a template's outcome rows the weights do not name share the weight of the rows it lacks
        # (the 2019 form's single row of other handling holds what the 2021 form splits over three)
        unnamed = [k for k in outcomes if k not in self.outcome_w]
        folded = [k for k in self.outcome_w if k not in outcomes]
        weights = dict(self.outcome_w)
        if unnamed:
            share = sum(weights.pop(k) for k in folded) / len(unnamed) if folded else 0.02
            weights.update(dict.fromkeys(unnamed, share))
        weights = {k: weights[k] for k in outcomes}
        table: dict[str, dict[str, int]] = {row: {} for row in spec.APPLICATION_ROWS[template]}
        forward: dict[str, int] = {}
        for col in spec.APPLICANT_PARTS:
            pool = new[col] + carried_over[col]
            cf = binomial(pool, self.cf_share, rng)
            split = multinomial(pool - cf, weights, rng)
            table["new"][col], table["carried_over"][col] = new[col], carried_over[col]
            for row in outcomes:
                table[row][col] = split[row]
            table["total_handled"][col] = pool - cf
            table["carried_forward"][col] = forward[col] = cf
        for cells in table.values():
            cells["total"] = sum(cells[c] for c in spec.APPLICANT_PARTS)
        self.carried = forward
        return table

    def _review(self, new_total: int) -> dict[str, dict[str, int]]:
        rng = self.rng
        review = poisson(new_total * 0.03 * rng.lognormvariate(0, 0.5), rng)
        direct = poisson(new_total * 0.015 * rng.lognormvariate(0, 0.5), rng)
        after = binomial(review, 0.2, rng)
        out = {}
        for group, n in zip(spec.REVIEW_GROUPS, (review, direct, after), strict=True):
            parts = multinomial(n, REVIEW_SHARES, rng)
            out[group] = {**parts, "total": n}
        return out

    def year_tables(self, year: int) -> dict[str, Any]:
        """The true tables of this agency's report for `year` (call years in order)."""
        template = self.template_for(year, self.late_v2019)
        applications = self._applications(template, year)
        return {
            "template": template,
            "active": self._active(template, year),
            "applications": applications,
            "review_litigation": self._review(applications["new"]["total"]),
        }


# ---------------------------------------------------------------------------------------------
# The spec's rules over a report dict, and one-cell errors.

def broken_rules(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(rule, name) of every rule 1–5 the report's printed tables break (spec.sum_rules)."""
    broken = []
    forms = tuple(sorted((report.get("forms") or {}).items()))
    for r in spec.sum_rules(report["template"], forms):
        table = report.get(r.table)
        if not table:
            continue
        left = sum(table[row][col] for row, col in r.left)
        right = sum(table[row][col] for row, col in r.right)
        if left != right:
            broken.append((r.rule, r.name))
    for name in ("applications", "review_litigation"):
        for row, cells in (report.get(name) or {}).items():
            for col, v in cells.items():
                if v < 0:
                    broken.append(("rule5", f"{name}/{row}/{col}"))
    return broken


def inject_error(report: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """Put one wrong cell into the report (in place) and say which rules it breaks."""
    table = "review_litigation" if rng.random() < 0.15 and report.get("review_litigation") else "applications"
    if not report.get(table):
        return []
    rows = report[table]
    row = rng.choice(list(rows))
    col = rng.choice(list(rows[row]))
    true = rows[row][col]
    delta = rng.choice((1, -1, 1, 10, -10, 2, 100))
    if true + delta < 0:
        delta = abs(delta)
    rows[row][col] = true + delta
    errors = [
        {"rule": rule, "table": table, "row": row, "col": col, "name": name, "printed": true + delta, "true": true}
        for rule, name in broken_rules(report)
    ]
    if table == "applications" and row in ("carried_over", "carried_forward"):
        errors.append({"rule": "rule6", "table": table, "row": row, "col": col, "name": f"continuity/{col}",
                       "printed": true + delta, "true": true})
    return errors


# ---------------------------------------------------------------------------------------------
# A table printed in another template's form (a report mixing templates).

# where a metric of one form takes its figure from in another
_SAME_FIGURE = {"issued": "new_made", "in_force": "total_published", "new_made": "issued",
                "new_published": "issued", "total_published": "in_force"}


def print_in_form(table: str, cells: dict[str, dict[str, Any]], template: str, form: str,
                  rng: random.Random) -> dict[str, dict[str, Any]]:
    """The figures of one table of a `template` report as the `form` template's table prints
    them: table 3's outcome rows folded into, or split over, the rows the form has (the sums
    still hold); table 2's items and metrics as the form has them (a figure the report's own
    form has no cell for is drawn)."""
    if table == "applications":
        return _applications_in_form(cells, template, form, rng)
    if table == "active":
        out: dict[str, dict[str, Any]] = {}
        for item, metrics in spec.ACTIVE_ITEMS[form].items():
            source = cells.get(item, {})
            row: dict[str, Any] = {}
            for metric in metrics:
                if metric in source:
                    row[metric] = source[metric]
                elif _SAME_FIGURE.get(metric) in source:
                    row[metric] = source[_SAME_FIGURE[metric]]
                elif metric in spec.MONEY_METRICS:
                    row[metric] = _money(rng.lognormvariate(1.0, 1.2), 2) if rng.random() < 0.5 else 0.0
                else:
                    row[metric] = poisson(1.0, rng)
            out[item] = row
        return out
    return cells


def _applications_in_form(cells: dict[str, dict[str, int]], template: str, form: str,
                          rng: random.Random) -> dict[str, dict[str, int]]:
    ours, theirs = spec.OUTCOMES[template], spec.OUTCOMES[form]
    gone = [r for r in ours if r not in theirs]  # rows the form does not print
    new = [r for r in theirs if r not in ours]  # rows only the form prints
    out: dict[str, dict[str, int]] = {}
    for row in spec.APPLICATION_ROWS[form]:
        if row in cells:
            out[row] = dict(cells[row])
            continue
        out[row] = dict.fromkeys(spec.APPLICANTS, 0)
    for col in spec.APPLICANT_PARTS:
        pool = sum(cells[r][col] for r in gone)
        split = multinomial(pool, dict.fromkeys(new, 1.0), rng) if new else {}
        for r in new:
            out[r][col] = split[r]
    for r in new:
        out[r]["total"] = sum(out[r][c] for c in spec.APPLICANT_PARTS)
    return out
