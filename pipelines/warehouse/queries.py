"""The analyst's queries: `sql/queries/<name>.sql`, each opening with a comment saying what it
answers and its parameters:

    -- What the query answers, in a sentence or a few.
    -- @param name TYPE = DEFAULT  what the parameter means

Values are bound as query parameters (`$name`), never pasted into the SQL. The warehouse is
opened read-only, so queries run while a build is publishing a new file.

A parameter named `province`, `city` or `county` is a region: its value is written as an analyst
writes it (河南, 郑州, 河南郑州) and found in the gazetteer, so the query gets the full name the
warehouse holds (河南省); a name that fits no region of that level, or several, is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipelines import gazetteer
from pipelines.paths import SQL_DIR
from pipelines.warehouse.load import connect
from pipelines.warehouse.sqlfiles import sql_files

QUERY_DIR = SQL_DIR / "queries"

_PARAM = re.compile(r"^--\s*@param\s+(\w+)\s+(\w+)(?:\s*=\s*(\S+))?\s*(.*)$")
_CASTS = {
    "INTEGER": int, "BIGINT": int, "DOUBLE": float, "DECIMAL": float,
    "VARCHAR": str, "BOOLEAN": lambda v: v.lower() in ("1", "true", "yes", "on"),
}


class QueryError(ValueError):
    """An unknown query or parameter, or a value of the wrong type: a message for the user."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    help: str

    def convert(self, text: str | None) -> Any:
        if text is None or text.upper() == "NULL":
            return None
        try:
            return _CASTS[self.type](text)
        except (KeyError, ValueError) as exc:
            raise QueryError(f"parameter {self.name} wants a {self.type}, not {text!r}") from exc


@dataclass(frozen=True)
class Query:
    name: str
    path: Path
    description: str
    params: tuple[Param, ...] = field(default=())

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def bind(self, values: Mapping[str, str]) -> dict[str, Any]:
        """Text values from the command line → typed parameters, defaults filled in."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)} (its parameters: {allowed})")
        bound = {name: p.convert(values[name]) if name in values else p.default for name, p in known.items()}
        return resolve_regions(bound)


# region parameters, outermost first: a city is looked for inside the province given with it
REGION_PARAMS = gazetteer.LEVELS


def resolve_regions(bound: Mapping[str, Any]) -> dict[str, Any]:
    """Region parameters (province, city, county) → the full names the warehouse holds for them.

    河南 → 河南省; 郑州 with province 河南 → 郑州市. An unknown or ambiguous name is a QueryError
    (with the candidates), never a query that silently matches nothing.
    """
    out = dict(bound)
    within = None
    for level in REGION_PARAMS:
        value = out.get(level)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            region = gazetteer.find_region(value, level, within)
        except gazetteer.RegionError as exc:
            raise QueryError(f"parameter {level}: {exc}") from exc
        out[level] = getattr(region, level)
        within = region
    return out


def parse_header(name: str, path: Path, text: str) -> Query:
    lines, params = [], []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        m = _PARAM.match(line)
        if m:
            pname, ptype, default, help_text = m.groups()
            ptype = ptype.upper()
            p = Param(pname, ptype, None, help_text.strip())
            params.append(Param(pname, ptype, p.convert(default), p.help))
        else:
            lines.append(line[2:].strip())
    return Query(name, path, " ".join(x for x in lines if x), tuple(params))


def catalogue(folder: Path = QUERY_DIR) -> dict[str, Query]:
    return {p.stem: parse_header(p.stem, p, p.read_text(encoding="utf-8")) for p in sql_files(folder)}


def get(name: str, folder: Path = QUERY_DIR) -> Query:
    queries = catalogue(folder)
    if name not in queries:
        raise QueryError(f"no query named {name!r}; `xxgk query --list` shows the {len(queries)} there are")
    return queries[name]


def connect_read_only(warehouse: str | Path) -> duckdb.DuckDBPyConnection:
    path = Path(warehouse)
    if not path.is_file():
        raise QueryError(f"no warehouse at {path}; build one with `xxgk build --raw DIR --warehouse {path}`")
    return connect(path, read_only=True)


def run(
    query: Query, params: Mapping[str, Any], con: duckdb.DuckDBPyConnection
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a query with typed parameters (see Query.bind); returns column names and rows."""
    statements = con.extract_statements(query.sql)
    if len(statements) != 1:
        raise QueryError(f"{query.path.name} must hold exactly one statement")
    statement = statements[0]
    used = statement.named_parameters
    undeclared = used - {p.name for p in query.params}
    if undeclared:
        raise QueryError(f"{query.path.name} uses undeclared parameter(s) {', '.join(sorted(undeclared))}")
    result = con.execute(statement, {k: v for k, v in params.items() if k in used}) if used else con.execute(
        statement)
    return [d[0] for d in result.description], result.fetchall()
