"""Document → Report: locate the tables, read them in the spec's codes, check them, and say
what is doubtful. `parse_file` never raises for bad content."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipelines import spec
from pipelines.ingest.cells import Document
from pipelines.ingest.document import document_from_bytes
from pipelines.ingest.pdf import page_place

from .checks import repeated_table_issues, rule_issues, year_issues
from .locate import detect_template, locate_tables
from .metadata import extract_metadata
from .numbers import tokenize_rows
from .prose import weigh_the_text
from .report import Cell, Report
from .tables import Table3Region, TableResult, read_active, read_applications, read_review

__all__ = ["Report", "parse_bytes", "parse_document", "parse_file", "prepare"]


def prepare() -> None:
    """Load what a process loads once, else on the first report that needs it: the word
    segmenter's dictionary of the loose label match (about a second), the gazetteer's indexes
    and the metadata's vocabulary. A worker pool's initializer or a
    benchmark's warm-up calls it, so that no report's reading carries that cost.

    What is loaded then lives as long as the process, so it is frozen out of the cyclic garbage
    collector's sight: its full collections would otherwise walk the dictionary's objects again
    and again while reports are read."""
    from pipelines import gazetteer

    from .labels import _jieba
    from .metadata import vocab

    _jieba()
    gazetteer.load()
    vocab()
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """A batch of reports read with the cyclic garbage collector paused. A batch's reports stay
    alive until they are staged, and the collector would scan them again and again (a tenth of
    the CPU) though reading makes no cycles worth collecting; it runs as usual afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    """Parse a report's bytes: ingest reads them into a Document of cells, whatever the format."""
    doc = document_from_bytes(data, path)
    report = parse_document(doc)
    if doc.source:
        report.layout = doc.source  # the HTML of a .docx, the text of a PDF
    if doc.source == "pdf-ocr":  # an `OcrDocument`: its places are on page images
        on_scanned_pages(report, doc)
    elif doc.page_lines:
        _places_on_pages(report, doc.page_lines)
    return report


def on_scanned_pages(report: Report, doc: Any) -> None:
    """A scanned report: every cell OCR doubted that the reader took gets an `ocr_uncertain`
    warning naming it, and every place is given on its page (`page 2 x 412 y 1180`). A doubted
    cell of a table row that the reader did not take as a value (read into the row's label, or
    left over) doubts each value of the row: what a seal hid there may be one of them, and the
    row's numbers then stand under the wrong headers."""
    values_by_line: dict[int, list[str]] = {}
    taken: set[tuple[int, int]] = set()
    for key, cell in list(report.provenance.items()):
        scanned = doc.cell_at(cell.where)
        if scanned is None:
            continue
        taken.add((scanned.line, scanned.col))
        values_by_line.setdefault(scanned.line, []).append(key)
        if scanned.doubt:
            report.add_issue("ocr_uncertain", "warning", key,
                             f"{scanned.where}: read {scanned.raw!r} as {scanned.text!r}, but {scanned.doubt}")
    doubted = {i.where for i in report.issues if i.code == "ocr_uncertain"}
    for scanned in doc.doubtful():
        if scanned.table and (scanned.line, scanned.col) not in taken:
            for key in values_by_line.get(scanned.line, ()):
                if key not in doubted:
                    doubted.add(key)
                    report.add_issue("ocr_uncertain", "warning", key,
                                     f"{scanned.where}: read {scanned.raw!r} in this cell's row, not as a number, "
                                     f"but {scanned.doubt}")
    report.issues = [i._replace(where=doc.place(i.where), message=doc.place(i.message)) for i in report.issues]
    report.provenance = {key: Cell(doc.place(c.where), c.raw) for key, c in report.provenance.items()}


def _places_on_pages(report: Report, page_lines: tuple[int, ...]) -> None:
    """A PDF's report: every place in its text given as the page and the line of that page."""
    report.issues = [i._replace(where=page_place(i.where, page_lines), message=page_place(i.message, page_lines))
                     for i in report.issues]
    report.provenance = {key: Cell(page_place(c.where, page_lines), c.raw) for key, c in report.provenance.items()}


def parse_document(doc: Document) -> Report:
    """Parse a Document whose cells have been read (`pipelines.ingest.document.document_from_bytes`)."""
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
    region_tokens = []
    for r in (regions.active, regions.applications, regions.review_litigation):
        if r:
            region_tokens += tokens[r[0]:r[1]]
    template, sure = detect_template(region_tokens, report.year)
    report.template = template
    if not sure and any((regions.active, regions.applications)):
        report.add_issue(*template_uncertain_issue(template))

    forms = {"applications": template}  # the template each table is read in, where not the report's

    def applications(s: int, e: int) -> TableResult:
        form, result = _read_in_a_known_form(tokens, s, e, template)
        forms["applications"] = form
        return result

    readers = {
        "active": (regions.active, lambda s, e: read_active(tokens, s, e, template)),
        "applications": (regions.applications, applications),
        "review_litigation": (regions.review_litigation, lambda s, e: read_review(tokens, s, e)),
    }
    found = 0
    tables: dict[str, dict[str, dict[str, Decimal | None]]] = {}
    readings: dict[str, list[tuple[dict[str, Decimal | None], dict[str, Cell]]]] = {}
    plain = _PlainValues()
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
        setattr(report, table, {row: plain.row(cols) for row, cols in result.values.items()})
        cells = result.provenance
        report.provenance.update(zip(map(f"{table}/".__add__, cells), cells.values(), strict=True))
        for code, severity, where, message in result.issues:
            report.add_issue(code, severity, where, message)
        readings.update((f"{table}/{row}", alternatives) for row, alternatives in result.alternatives.items())
    if found == 0:
        report.template = None
        report.issues = [i for i in report.issues if i.code not in ("table_missing", "template_uncertain")]
        report.add_issue("not_a_report", "error", "file",
                         "none of the three statistical tables was found: not a disclosure annual report "
                         "in the 2019 format (a notice, a pre-2019 report, or not a report at all)")
        return report

    report.alternatives = {key: [plain.row(cells) for cells, _ in alts] for key, alts in readings.items()}
    prose = _weigh_the_prose(report, doc.text, template, tables, readings, plain)
    whole, counts = plain.whole_tables(report, tables), plain.counts()  # the rules checked at a glance on them
    if forms["applications"] == template:
        rules = rule_issues(tables, template, whole, counts)
    else:  # a known mixture: table 3 printed in another template's form, its rules that template's
        form = forms["applications"]
        report.template = spec.template_by_year(report.year) if spec.template_by_year(report.year) in (
            template, form) else template
        report.add_issue("template_mixed", "info", "applications",
                         f"table 3 is printed in the {form} form and table 2 in the {template} form, a mixture "
                         f"the templates declare; read so, the report filed as {report.template}")
        rules = [*rule_issues({t: v for t, v in tables.items() if t != "applications"}, template,
                              {t: v for t, v in whole.items() if t != "applications"}, counts),
                 *rule_issues({t: v for t, v in tables.items() if t == "applications"}, form,
                              {t: v for t, v in whole.items() if t == "applications"}, counts)]
    checks = [*rules, *prose, *repeated_table_issues(doc.text), *year_issues(report.year, template)]
    for code, severity, where, message in checks:
        report.add_issue(code, severity, where, message)
    return report


def _weigh_the_prose(report: Report, text: str, template: str, tables: dict[str, dict[str, dict[str, Any]]],
                     readings: dict[str, list[tuple[dict[str, Any], dict[str, Cell]]]],
                     plain: _PlainValues) -> list:
    """The numbers the prose states, against the tables: a doubtful row only one of whose cuts
    agrees with them is read so (its `digits_ambiguous` becomes `settled_by_prose`), one several
    of whose cuts agree is read as the first of those, still doubtful; the issues."""
    evidence = weigh_the_text(text, template, tables,
                              {key: [cells for cells, _ in alts] for key, alts in readings.items()}, report.provenance)
    if evidence is None:
        return []
    chosen = {**evidence.narrowed, **evidence.settled}
    if not chosen:
        return evidence.issues
    for key, index in chosen.items():
        table, row = key.split("/")
        cells, where = readings[key][index]
        tables[table][row] = cells
        getattr(report, table)[row] = plain.row(cells)
        report.provenance.update((f"{key}/{col}", cell) for col, cell in where.items())
        kept = report.alternatives.pop(key)
        if key not in evidence.settled:  # still doubtful: the reading the tables hold first
            report.alternatives[key] = [kept[index], *(r for i, r in enumerate(kept) if i != index)]
    report.issues = [i for i in report.issues if not (i.code == "digits_ambiguous" and i.where in chosen)]
    return evidence.issues


def _read_in_a_known_form(tokens: list, start: int, end: int, template: str) -> tuple[str, TableResult]:
    """Table 3 in the report's template, or — where rows of it are missing — in another template's
    form that the templates declare a mixture with (a report printing table 2 in one template's
    form and table 3 in the other's): the form whose reading misses the fewest rows."""
    region = Table3Region(tokens, start, end)  # (its form-free reading shared by the forms)
    first = read_applications(tokens, start, end, template, region)
    best = (template, first)
    if any(code == "row_missing" for code, *_ in first.issues):
        for form in _mixed_forms(template):
            result = read_applications(tokens, start, end, form, region)
            if _errors(result) < _errors(best[1]):
                best = (form, result)
    best[1].issues.extend(_rows_of_the_other_form(*best, template))
    return best


def _rows_of_the_other_form(form: str, result: TableResult, template: str) -> list[tuple[str, str, str, str]]:
    """A form chosen on rows placed by position (their labels unread), or a mixture chosen that
    leaves numbers in no row, may be the wrong one: the rows the other forms have and this
    reading leaves out are named, or they would be silently empty."""
    doubts = ("row_inferred", "stray_value") if form != template else ("row_inferred",)
    if not any(code in doubts for code, *_ in result.issues):
        return []
    others = dict.fromkeys(f for f in (template, *_mixed_forms(template)) if f != form)
    return [("row_missing", "warning", f"applications/{row}",
             f"row {row!r} of the {other} form is not in table 3, read in the {form} form on rows "
             f"placed by their position")
            for other in others for row in spec.APPLICATION_ROWS[other]
            if row not in spec.APPLICATION_ROWS[form] and row not in result.values]


def _mixed_forms(template: str) -> tuple[str, ...]:
    """The forms table 3 may take in a report whose table 2 is in `template`'s form: its own
    template's declared mixtures, and the templates that declare table 2 in `template`'s form."""
    own = spec.MIXTURES.get(template, {}).get("applications", ())
    others = tuple(t for t, tables in spec.MIXTURES.items() if template in tables.get("active", ()))
    return tuple(dict.fromkeys(f for f in (*own, *others) if f != template))


def _errors(result: TableResult) -> int:
    return sum(severity == "error" for _, severity, _, _ in result.issues)


def table_missing_issue(table: str) -> tuple[str, str, str, str]:
    return ("table_missing", "error", table, f"table {table!r} was not found")


def template_uncertain_issue(template: str) -> tuple[str, str, str, str]:
    return ("template_uncertain", "warning", "template",
            f"no label tells the template apart; {template} assumed from the year")


def _read_metadata(doc: Document, report: Report) -> None:
    meta = extract_metadata(doc.title_lines, doc.text, doc.printable)
    report.agency, report.year, report.title = meta.agency, meta.year, meta.title
    report.region = dict(meta.region or {})
    for code, severity, message in meta.issues:
        report.add_issue(code, severity, "metadata", message)


class _PlainValues(dict):
    """One report's values as JSON-friendly numbers: integers stay integers, money keeps its
    decimals. Each distinct value is converted once (a report prints few: 0, 1, …); a value
    equal to another converts as it does."""

    def __missing__(self, value: Decimal | None) -> int | float | None:
        if value is None:
            plain = None
        else:
            whole = int(value)
            plain = whole if whole == value else float(value)
        self[value] = plain
        return plain

    def row(self, cols: dict[str, Decimal | None]) -> dict[str, int | float | None]:
        """A row's values, plain."""
        return {col: self[value] for col, value in cols.items()}

    def whole_tables(self, report: Report, names: Iterable[str]) -> dict[str, dict[str, dict[str, int | None]]]:
        """The report's tables of those named whose every value is a whole number (or unread), as
        the report holds them: in ints."""
        tables = {t: getattr(report, t) for t in names}
        if float not in set(map(type, self.values())):
            return tables
        return {t: rows for t, rows in tables.items()
                if float not in {type(v) for cols in rows.values() for v in cols.values()}}

    def counts(self) -> bool:
        """Whether every value converted so far is a count: a whole number, not negative (or unread)."""
        return all(type(v) is int and v >= 0 for v in self.values() if v is not None)
