"""Small reports (as the generator's renderers take them) for tests that need one whole report."""

from __future__ import annotations

from pipelines import spec


def zero_tables(template: str) -> dict:
    """The three tables of a template, every cell 0."""
    return {
        "active": {item: dict.fromkeys(metrics, 0) for item, metrics in spec.ACTIVE_ITEMS[template].items()},
        "applications": {row: dict.fromkeys(spec.APPLICANTS, 0) for row in spec.APPLICATION_ROWS[template]},
        "review_litigation": {g: dict.fromkeys(spec.REVIEW_OUTCOMES, 0) for g in spec.REVIEW_GROUPS},
    }


def small_report(agency: str, year: int, template: str, requests: int) -> dict:
    """A report whose only applications are `requests` new ones from people, all granted."""
    tables = zero_tables(template)
    for row in ("new", "granted", "total_handled"):
        tables["applications"][row].update(natural_person=requests, total=requests)
    return {"agency": agency, "year": year, "template": template, **tables}
