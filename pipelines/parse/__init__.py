"""Document → Report: locate the tables, read them in the spec's codes, check them, and say
what is doubtful. `parse_file` never raises for bad content."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import chain
from pathlib import Path

from pipelines import spec
from pipelines.ingest import html_rows
from pipelines.ingest.document import (
    TITLE_LINES,
    Document,
    decode_document,
    is_html,
    read_cells,
    text_layout,
    title_lines,
)
from pipelines.ingest.pdf import page_place

from . import fast
from .checks import prose_issues, repeated_table_issues, rule_issues, year_issues
from .locate import detect_template, locate_tables, template_by_year
from .numbers import tokenize_rows
from .report import Cell, PrintedCells, Report, cell_dict
from .tables import blank_row_issue, read_active, read_applications, read_review

__all__ = ["Report", "parse_bytes", "parse_document", "parse_file"]


def parse_file(path: str | Path) -> Report:
    """Parse one report file. A file that cannot be read gives a Report with an error issue."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        report = Report(path=str(path))
        report.add_issue("file_unreadable", "error", "file", f"{path}: {exc.strerror or exc}")
        return report
    return parse_bytes(data, str(path))


def parse_bytes(data: bytes, path: str = "<bytes>") -> Report:
    doc = decode_document(data, path)
    report = parse_printed_as_template(doc) if doc.text and not doc.problems else None
    if report is None:
        if doc.text:
            read_cells(doc)
        report = parse_document(doc)
    if doc.source:
        report.layout = doc.source  # the HTML of a .docx, the text of a PDF
    if doc.page_lines:
        _places_on_pages(report, doc.page_lines)
    return report


def _places_on_pages(report: Report, page_lines: tuple[int, ...]) -> None:
    """A PDF's report: every place in its text given as the page and the line of that page."""
    report.issues = [i._replace(where=page_place(i.where, page_lines), message=page_place(i.message, page_lines))
                     for i in report.issues]
    provenance = report.provenance
    if isinstance(provenance, PrintedCells):
        report.provenance = PrintedCells(provenance.order, [page_place(w, page_lines) for w in provenance.wheres],
                                         provenance.raws, provenance.tables)
    else:
        report.provenance = {key: Cell(page_place(c.where, page_lines), c.raw) for key, c in provenance.items()}


def parse_printed_as_template(doc: Document) -> Report | None:
    """The fast path (`fast.py`): a report whose tables are printed exactly as the template
    prints them, or None for the general reader to take. `doc` has its text, not its cells."""
    if html_rows.EMPTY_CELL in doc.text:
        # the private-use character the fast path marks empty cells with, printed (a PDF font
        # without a Unicode map gives such characters): it would be read as an empty cell
        return None
    if is_html(doc.text):
        page = html_rows.visible(doc.text)
        rows = html_rows.table_rows(page)
        if rows is None:
            return None
        title, text = html_rows.page_lines(page)
        found = fast.read_tables(rows.text, rows.places, text, lambda: _template_by_year(title, text))
        if found is None:
            return None
        layout = "html"
        doc = replace(doc, title_lines=title, text=text)
    else:
        # the title is in the first lines: only they are split off (the fast path took no text
        # with line breaks other than \n and \r\n, and title_lines strips the \r)
        def first_lines() -> list[str]:
            return title_lines(doc.text.split("\n", TITLE_LINES)[:TITLE_LINES])

        found = fast.read_tables(doc.text, assumed_template=lambda: _template_by_year(first_lines(), doc.text))
        if found is None:
            return None
        layout = text_layout(doc.text)
        doc = replace(doc, title_lines=first_lines())
    report = Report(path=doc.path, layout=layout, encoding=doc.encoding, sha256=doc.sha256)
    _read_metadata(doc, report)
    report.template = found.template
    if not found.template_sure:
        report.add_issue(*template_uncertain_issue(found.template))
    for table, values in found.tables.items():
        setattr(report, table, values)
    report.provenance = found.provenance
    # table by table, as the general reader says them: a missing table, or its blank rows
    by_table = [[table_missing_issue(table)] if table in found.missing else
                [*(blank_row_issue(where) for where in found.blank_rows if where.startswith(f"{table}/")),
                 *(issue for t, _, issue in found.dropped if t == table and issue is not None)]
                for table in spec.TABLES]
    broken = [] if found.rules_hold else rule_issues(_decimals(found.tables), found.template)
    checks = [*prose_issues(doc.text, found.tables), *repeated_table_issues(doc.text),
              *year_issues(report.year, found.template)]
    for code, severity, where, message in [*chain.from_iterable(by_table), *broken, *checks]:
        report.add_issue(code, severity, where, message)
    return report


def parse_document(doc: Document) -> Report:
    """Parse a Document whose cells have been read (`read_cells`) with the general reader."""
    report = Report(path=doc.path, layout=doc.layout, encoding=doc.encoding, sha256=doc.sha256)
    for code, severity, message in doc.problems:
        report.add_issue(code, severity, "file", message)
    if not doc.text:
        if not report.issues:  # no text and no word of why: never an ok report without tables
            report.add_issue("file_empty", "error", "file", "no text could be taken from the file")
        return report

    _read_metadata(doc, report)
    tokens = tokenize_rows(doc.rows)
    regions = locate_tables(tokens)
    region_tokens = [t for r in (regions.active, regions.applications, regions.review_litigation)
                     if r for t in tokens[r[0]:r[1]]]
    template, sure = detect_template(region_tokens, report.year)
    report.template = template
    if not sure and any((regions.active, regions.applications)):
        report.add_issue(*template_uncertain_issue(template))

    readers = {
        "active": (regions.active, lambda s, e: read_active(tokens, s, e, template)),
        "applications": (regions.applications, lambda s, e: read_applications(tokens, s, e, template)),
        "review_litigation": (regions.review_litigation, lambda s, e: read_review(tokens, s, e)),
    }
    found = 0
    tables: dict[str, dict[str, dict[str, Decimal | None]]] = {}
    for table, (region, read) in readers.items():
        result = read(*region) if region else None
        if result is None or not result.found:
            if region:
                found += 1  # its headings are there: a report, whose table has no readable cells
                report.add_issue("cell_unreadable", "error", table,
                                 f"table {table!r} is printed but none of its cells could be read")
            else:
                report.add_issue(*table_missing_issue(table))
            continue
        found += 1
        tables[table] = result.values
        setattr(report, table, {row: _plain_row(cols) for row, cols in result.values.items()})
        report.provenance.update(cell_dict(map(f"{table}/".__add__, result.provenance), result.provenance.values()))
        for code, severity, where, message in result.issues:
            report.add_issue(code, severity, where, message)
    if found == 0:
        report.template = None
        report.issues = [i for i in report.issues if i.code not in ("table_missing", "template_uncertain")]
        report.add_issue("not_a_report", "error", "file",
                         "none of the three statistical tables was found: not a disclosure annual report "
                         "in the 2019 format (a notice, a pre-2019 report, or not a report at all)")
        return report

    checks = [*rule_issues(tables, template), *prose_issues(doc.text, tables), *repeated_table_issues(doc.text),
              *year_issues(report.year, template)]
    for code, severity, where, message in checks:
        report.add_issue(code, severity, where, message)
    return report


def table_missing_issue(table: str) -> tuple[str, str, str, str]:
    return ("table_missing", "error", table, f"table {table!r} was not found")


def template_uncertain_issue(template: str) -> tuple[str, str, str, str]:
    return ("template_uncertain", "warning", "template",
            f"no label tells the template apart; {template} assumed from the year")


def _template_by_year(lines: list[str], text: str) -> str:
    """The template the general reader assumes for a report whose labels do not tell (`locate.detect_template`)."""
    from .metadata import extract_metadata

    return template_by_year(extract_metadata(lines, text).year)


def _read_metadata(doc: Document, report: Report) -> None:
    try:
        from .metadata import extract_metadata
    except ImportError:  # pragma: no cover - metadata module not installed yet
        return
    meta = extract_metadata(doc.title_lines, doc.text)
    report.agency, report.year, report.title = meta.agency, meta.year, meta.title
    report.region = dict(meta.region or {})
    for code, severity, message in meta.issues:
        report.add_issue(code, severity, "metadata", message)


def _decimals(tables: dict[str, dict[str, dict[str, int | float]]]) -> dict[str, dict[str, dict[str, Decimal]]]:
    """Plain numbers back as the Decimals the rule checks take (a float money amount by its repr)."""
    return {t: {r: {c: Decimal(repr(v)) if isinstance(v, float) else Decimal(v) for c, v in cols.items()}
                for r, cols in rows.items()} for t, rows in tables.items()}


_SMALL = {i: i for i in range(10_000)}  # a Decimal finds its int here: equal values hash alike


def _plain_row(cols: dict[str, Decimal | None]) -> dict[str, int | float | None]:
    """`_plain` of a row's values; most are small counts, read by one dict lookup each."""
    row = dict(zip(cols, map(_SMALL.get, cols.values()), strict=True))
    if None in row.values():
        row = {col: _plain(v) for col, v in cols.items()}
    return row


def _plain(value: Decimal | None) -> int | float | None:
    """JSON-friendly numbers: integers stay integers, money keeps its decimals."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
