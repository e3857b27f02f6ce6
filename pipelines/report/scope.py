"""What a report covers: one agency, a region, or the whole warehouse, over a range of years.

A region is named as an analyst writes it — 河南, 河南省, 郑州, 河南郑州, 北京市朝阳区 — and found
in the gazetteer: each part of the name is a region's full name or its short name (河南 for
河南省), each inside the one before. A name that fits several regions (朝阳区, 吉林) is an error
that lists them, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines import gazetteer
from pipelines.gazetteer import Region


class ScopeError(ValueError):
    """The agency, region or years asked for cannot be told apart or do not exist."""


@dataclass(frozen=True)
class Scope:
    agency_id: str | None = None
    agency: str | None = None
    region: Region | None = None
    year_from: int | None = None
    year_to: int | None = None

    @property
    def name(self) -> str:
        """The agency's name, the region's full name, or '' for the whole warehouse."""
        if self.agency:
            return self.agency
        if self.region:
            return self.region.full_name
        return ""

    def params(self) -> dict[str, object]:
        """The $parameters of sql/report/10_scope.sql."""
        r = self.region
        return {
            "agency_id": self.agency_id,
            "level": r.level if r else None,
            "province": r.province if r else None,
            "city": r.city if r else None,
            "county": r.county if r else None,
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


_YEARS = re.compile(r"^\s*(\d{4})?\s*(?:(-)\s*(\d{4})?)?\s*$")


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """'2019-2025' → (2019, 2025); '2021' → (2021, 2021); '2021-' → (2021, None); None → (None, None)."""
    if text is None or not str(text).strip():
        return None, None
    m = _YEARS.match(str(text))
    if not m or not (m.group(1) or m.group(3)):
        raise ScopeError(f"years {text!r}: write a year or a range, e.g. 2021 or 2019-2025")
    first = int(m.group(1)) if m.group(1) else None
    last = int(m.group(3)) if m.group(3) else (None if m.group(2) else first)
    if first is not None and last is not None and first > last:
        raise ScopeError(f"years {text!r}: the first year is after the last")
    return first, last


def find_regions(name: str) -> list[Region]:
    """The regions a name written by an analyst may mean (`gazetteer.find_regions`)."""
    return gazetteer.find_regions(name)


def find_region(name: str) -> Region:
    """The one region `name` means, or a ScopeError naming the candidates."""
    try:
        return gazetteer.find_region(name)
    except gazetteer.RegionError as exc:
        raise ScopeError(str(exc)) from None
