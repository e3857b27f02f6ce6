"""Who is expected to publish, and what the fetcher found: the agency roster and the fetch
records, loaded into the warehouse for the coverage view (`v_coverage`, `sql/views/60_coverage.sql`).

The roster is every people's government at county level and above (the gazetteer: each must
publish under the Regulations on Open Government Information), the agencies of an analyst's
roster CSV (`agency`, `region` or `province`/`city`/`county`, optional `list_url`, `since`) —
the same file `xxgk fetch --lists` takes — and, in the view, every agency ever seen in the
warehouse. Two names are one agency when they have the same roster key: `gov:<adcode>` for a
people's government however its name is written (沭阳县人民政府, 江苏省宿迁市沭阳县人民政府),
`agency:<agency_id>` otherwise.

`load_roster(con, raw_dir=…, roster_csv=…)` is the build's hook: it runs on the unpublished
warehouse after the load, replaces `agency_roster` and `fetch_record` from their inputs, and
gives `dim_report` rows their `source_url`, `published_at` and `fetched_at` (by sha256).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipelines import gazetteer
from pipelines.fetch import load_records
from pipelines.parse.metadata import canonical_agency
from pipelines.warehouse.sqlfiles import run_folder
from pipelines.warehouse.stage import agency_id

SOURCES = ("gazetteer", "roster")


@cache
def _names() -> dict[str, Any]:
    return json.loads(files("pipelines.warehouse").joinpath("roster.json").read_text(encoding="utf-8"))


@dataclass
class RosterEntry:
    roster_key: str
    name: str
    agency_id: str
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None
    kind: str | None = None
    level: str | None = None
    list_url: str | None = None
    since_year: int | None = None
    sources: list[str] = field(default_factory=list)


def roster_key(name: str, kind: str | None, adcode: str | None) -> str:
    """The key that makes two names one agency (the SQL of v_agency_registry says the same)."""
    if kind == "government" and adcode:
        return f"gov:{adcode}"
    return f"agency:{agency_id(name)}"


def entry_for(name: str, source: str, region: gazetteer.Region | None = None) -> RosterEntry:
    """An agency as the parser would read its name; `region`, when given, overrides the region
    the name resolves to."""
    agency = canonical_agency(name.strip())
    r = dict(agency.region or {})
    if region is not None:
        r.update(region.as_dict())
    return RosterEntry(roster_key(agency.name, r.get("kind"), r.get("adcode")), agency.name, agency_id(agency.name),
                       r.get("province"), r.get("city"), r.get("county"), r.get("adcode"), r.get("kind"),
                       r.get("level"), sources=[source])


@cache
def gazetteer_governments() -> tuple[RosterEntry, ...]:
    """Every people's government at county level and above (the register's regions, named by
    their full name: 江苏省宿迁市沭阳县人民政府); Hong Kong, Macao and Taiwan left out."""
    n = _names()
    out = []
    for region in gazetteer.regions():
        if region.type in n["excluded_types"] or region.province in n["excluded_provinces"]:
            continue
        office = n["office_by_type"].get(region.type, n["government_office"])
        out.append(entry_for(region.full_name + office, "gazetteer", region))
    return tuple(out)


def read_roster_csv(path: str | Path) -> tuple[list[RosterEntry], list[str]]:
    """The analyst's roster: one agency a row (`agency`; `region` or `province`/`city`/`county`;
    optional `list_url`, `since`). Returns the entries and a message per row that was left out."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValueError(f"{p}: cannot be read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", "replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and "agency" not in {(k or "").strip().lower() for k in rows[0]}:
        raise ValueError(f"{p}: no 'agency' column")
    entries, problems = [], []
    for n, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        name = row.get("agency", "")
        if not name:
            problems.append(f"{p} line {n}: no agency name")
            continue
        written = row.get("region") or "".join(row.get(k, "") for k in ("province", "city", "county"))
        region = None
        if written:
            m = gazetteer.match_prefix(written)
            if m.region is None:
                problems.append(f"{p} line {n}: region {written!r} is not in the gazetteer (the name's region is used)")
            else:
                region = m.region
        entry = entry_for(name, "roster", region)
        entry.list_url = row.get("list_url") or None
        since = row.get("since", "")
        if since:
            if since.isdigit() and 1990 <= int(since) <= 2100:
                entry.since_year = int(since)
            else:
                problems.append(f"{p} line {n}: since {since!r} is not a year (ignored)")
        entries.append(entry)
    return entries, problems


def merge(entries: Iterable[RosterEntry]) -> list[RosterEntry]:
    """One entry per roster key: the analyst's name, column and first year win over the
    gazetteer's; sources are united."""
    out: dict[str, RosterEntry] = {}
    for e in entries:
        have = out.get(e.roster_key)
        if have is None:
            out[e.roster_key] = RosterEntry(**{**asdict(e), "sources": list(e.sources)})
            continue
        analyst = "roster" in e.sources
        for key in ("name", "agency_id", "list_url", "since_year"):
            if getattr(e, key) is not None and (analyst or getattr(have, key) is None):
                setattr(have, key, getattr(e, key))
        for key in ("province", "city", "county", "adcode", "kind", "level"):
            if getattr(have, key) is None:
                setattr(have, key, getattr(e, key))
        have.sources = sorted(set(have.sources) | set(e.sources), key=SOURCES.index)
    return sorted(out.values(), key=lambda e: e.roster_key)


_ROSTER_SCHEMA = pa.schema([
    ("roster_key", pa.string()), ("name", pa.string()), ("agency_id", pa.string()), ("province", pa.string()),
    ("city", pa.string()), ("county", pa.string()), ("adcode", pa.string()), ("kind", pa.string()),
    ("level", pa.string()), ("list_url", pa.string()), ("since_year", pa.int32()), ("sources", pa.list_(pa.string())),
])
_RECORD_SCHEMA = pa.schema([
    ("url", pa.string()), ("role", pa.string()), ("roster_key", pa.string()), ("agency", pa.string()),
    ("year", pa.int32()), ("list_url", pa.string()), ("link_text", pa.string()), ("parent_url", pa.string()),
    ("final_url", pa.string()), ("path", pa.string()), ("sha256", pa.string()), ("bytes", pa.int64()),
    ("published_at", pa.string()), ("published_at_source", pa.string()), ("fetched_at", pa.string()),
    ("checked_at", pa.string()), ("http_status", pa.int32()), ("outcome", pa.string()), ("reason", pa.string()),
    ("needs_conversion", pa.bool_()),
])
_FILE_SCHEMA = pa.schema([
    ("sha256", pa.string()), ("url", pa.string()), ("published_at", pa.string()), ("fetched_at", pa.string()),
])


def fetch_tables(raw_dir: str | Path | None) -> tuple[pa.Table, pa.Table]:
    """(one row per fetched URL, one row per saved file content — older versions too) from the
    sidecar records under `raw_dir`; empty tables when there are none."""
    records = load_records(raw_dir) if raw_dir is not None else []
    keys: dict[str, str] = {}
    rows, contents = [], []
    for r in records:
        key = None
        if r.agency:
            key = keys.get(r.agency) or keys.setdefault(r.agency, entry_for(r.agency, "roster").roster_key)
        rows.append({
            "url": r.url, "role": r.role, "roster_key": key, "agency": r.agency, "year": r.year,
            "list_url": r.list_url, "link_text": r.link_text, "parent_url": r.parent_url, "final_url": r.final_url,
            "path": r.path, "sha256": r.sha256 if r.path else None, "bytes": r.bytes if r.path else None,
            "published_at": r.published_at, "published_at_source": r.published_at_source,
            "fetched_at": r.fetched_at, "checked_at": r.checked_at, "http_status": r.http_status,
            "outcome": r.outcome, "reason": r.reason, "needs_conversion": bool(r.needs_conversion),
        })
        if r.path and r.sha256:
            contents.append({"sha256": r.sha256, "url": r.url, "published_at": r.published_at,
                             "fetched_at": r.fetched_at})
        for v in r.versions:
            contents.append({"sha256": v.get("sha256"), "url": r.url, "published_at": r.published_at,
                             "fetched_at": v.get("fetched_at")})
    return (pa.Table.from_pylist(rows, schema=_RECORD_SCHEMA), pa.Table.from_pylist(contents, schema=_FILE_SCHEMA))


@dataclass
class RosterSummary:
    agencies: int = 0  # roster entries (gazetteer and CSV, merged)
    from_gazetteer: int = 0
    from_csv: int = 0
    fetch_records: int = 0
    reports_with_source: int = 0
    problems: list[str] = field(default_factory=list)


def load_roster(con: duckdb.DuckDBPyConnection, *, raw_dir: str | Path | None = None,
                roster_csv: str | Path | None = None, built_at: datetime | None = None,
                gazetteer_seed: bool = True) -> RosterSummary:
    """The build's hook (see the module's docstring): on the catalog in use, after `sql/load/`
    and before `sql/views/`. A roster CSV that cannot be read is a problem in the summary, not
    an error: the build goes on with the gazetteer."""
    summary = RosterSummary()
    entries: list[RosterEntry] = list(gazetteer_governments()) if gazetteer_seed else []
    summary.from_gazetteer = len(entries)
    if roster_csv is not None:
        try:
            csv_entries, problems = read_roster_csv(roster_csv)
        except ValueError as exc:
            csv_entries, problems = [], [str(exc)]
        summary.from_csv = len(csv_entries)
        summary.problems += problems
        entries += csv_entries
    merged = merge(entries)
    summary.agencies = len(merged)
    roster = pa.Table.from_pylist([asdict(e) for e in merged], schema=_ROSTER_SCHEMA)
    records, contents = fetch_tables(raw_dir)
    summary.fetch_records = records.num_rows
    con.register("stg_roster", roster)
    con.register("stg_fetch_record", records)
    con.register("stg_fetch_file", contents)
    try:
        run_folder(con, "roster", {"built_at": built_at or datetime.now()})
        summary.reports_with_source = con.execute(
            "SELECT count(*) FROM dim_report WHERE source_url IS NOT NULL").fetchall()[0][0]
    finally:
        for name in ("stg_roster", "stg_fetch_record", "stg_fetch_file"):
            con.unregister(name)
    return summary


def coverage_markdown(con: duckdb.DuckDBPyConnection, limit: int = 20) -> str:
    """A Markdown preview of coverage for the asset's metadata: per reporting year, the agencies
    expected and how many published (on time, late), are quarantined, failed to fetch or were
    not found — then the latest due year's missing agencies that have a known column."""
    rows = con.execute(
        "SELECT year, count(*), count(*) FILTER (WHERE published), count(*) FILTER (WHERE late), "
        "count(*) FILTER (WHERE status = 'quarantined'), count(*) FILTER (WHERE status = 'fetch_failed'), "
        "count(*) FILTER (WHERE status = 'not_found') FROM v_coverage GROUP BY year ORDER BY year DESC LIMIT $n",
        {"n": limit}).fetchall()
    out = ["| year | expected | published | late | quarantined | fetch failed | not found |",
           "|---:|---:|---:|---:|---:|---:|---:|"]
    out += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(out)
