"""Find, render and run the SQL files under `sql/`: every statement of the warehouse lives there.

A file may hold several statements; each is run with exactly the `$name` parameters it uses,
taken from one dict, so a file can be both plain DDL and a parametrised load step.

What a file says about the templates — row and column codes, labels, section titles, the rules'
rows — it takes from the template files through `{{ … }}` and `{% for … %}` placeholders (Jinja),
filled from `pipelines.warehouse.codes.sql_context()` when the file is read; sql/README.md lists
the names and filters. A file without placeholders reads as written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from pipelines.paths import SQL_DIR
from pipelines.warehouse import codes


def sql_files(folder: str | Path) -> list[Path]:
    """The .sql files of a folder of `sql/` (or any folder), in name order."""
    path = Path(folder)
    if not path.is_absolute():
        path = SQL_DIR / path
    return sorted(path.glob("*.sql"))


def literal(value: Any) -> str:
    """A Python value as a SQL literal: text quoted, None as NULL, a list or tuple as a list."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no SQL literal for {value}")
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]" if value else "[]::VARCHAR[]"
    return "'" + str(value).replace("'", "''") + "'"


def escape(value: Any) -> str:
    """Text to put inside a quoted SQL string (a COMMENT): its quotes doubled."""
    return str(value).replace("'", "''")


def ident(value: str) -> str:
    """A name as a quoted SQL identifier."""
    return '"' + str(value).replace('"', '""') + '"'


def in_list(values: Iterable[Any]) -> str:
    """'a', 'b', 'c' — for IN (…) and list literals."""
    items = [literal(v) for v in values]
    if not items:
        raise ValueError("an empty list has no SQL IN (…) form")
    return ", ".join(items)


def values(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as the body of a VALUES clause, one per line."""
    lines = ["(" + ", ".join(literal(v) for v in row) + ")" for row in rows]
    if not lines:
        raise ValueError("a VALUES clause needs at least one row")
    return ",\n    ".join(lines)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SQL_DIR)), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False,
    )
    env.filters.update(literal=literal, escape_sql=escape, ident=ident, in_list=in_list, values=values)
    return env


@cache
def _context() -> dict[str, Any]:
    return codes.sql_context()


@lru_cache(maxsize=256)
def _template(text: str) -> jinja2.Template:
    """A SQL text's Jinja template, compiled once per text (the same file is rendered by every load)."""
    return _environment().from_string(text)


def render(text: str, extra: Mapping[str, Any] | None = None, *, name: str = "<sql>") -> str:
    """A SQL file's text with its placeholders filled from the templates (and `extra`)."""
    if "{{" not in text and "{%" not in text:
        return text
    try:
        return _template(text).render({**_context(), **(extra or {})})
    except jinja2.TemplateError as exc:
        where = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise ValueError(f"{name}{where}: cannot fill the SQL file's placeholders: {exc}") from exc


def read_sql(path: Path, extra: Mapping[str, Any] | None = None) -> str:
    """A SQL file as it is run: read and rendered."""
    return render(path.read_text(encoding="utf-8"), extra, name=str(path))


def run_file(
    con: duckdb.DuckDBPyConnection, path: Path, params: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Run every statement of one file; returns the connection holding the last result."""
    params = params or {}
    result = con
    for statement in con.extract_statements(read_sql(path, extra)):
        needed = statement.named_parameters
        missing = needed - params.keys()
        if missing:
            raise KeyError(f"{path.name}: no value for parameter(s) {', '.join(sorted(missing))}")
        result = con.execute(statement, {k: params[k] for k in needed}) if needed else con.execute(statement)
    return result


def run_folder(
    con: duckdb.DuckDBPyConnection, folder: str | Path, params: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    for path in sql_files(folder):
        run_file(con, path, params, extra)
