"""The parsed report: a plain value that serialises to the gold schema of the spec.

`xxgk parse --json`, the tests, the warehouse loader and the scorer all speak this one shape:
the gold file's keys plus `path`, `issues`, `provenance` and a few descriptive fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

PARSER_VERSION = "0.1.0"

SEVERITIES = ("error", "warning", "info")


class Issue(NamedTuple):
    """Something doubtful about a report, machine-readable.

    code: a stable identifier (see ISSUE_CODES); severity: error (the report or a table could
    not be read), warning (a number may be wrong, or the report's own arithmetic is), info
    (something was repaired or inferred, e.g. an abbreviated agency name expanded).
    where: the table/row/column or the place in the file it concerns.
    """

    code: str
    severity: str
    where: str
    message: str


ISSUE_CODES = {
    # the file as a whole
    "file_unreadable": "the file could not be opened or read",
    "file_empty": "the file holds no text",
    "file_binary": "the file is not text",
    "file_no_text": "a PDF without readable text (scanned pages, or fonts without a Unicode map): it needs OCR first",
    "decode_replaced": "some bytes could not be decoded and were replaced",
    "ocr_read": "the text was recognised by OCR from page images (a scanned PDF or an image file)",
    "ocr_uncertain": "OCR was unsure of a cell's characters (low confidence, a letter-shaped digit, a seal over it)",
    "ocr_page": "a page of a scan could not be read by OCR",
    "ocr_too_long": "a scan longer than the OCR page limit: only its first pages were read",
    "ocr_unavailable": "the OCR engine could not run",
    "not_a_report": "the text is not a disclosure annual report in the statistical format",
    "agency_missing": "no agency name could be found",
    "agency_expanded": "an abbreviated agency name was expanded to the full name",
    "agency_corrected": "an agency name was corrected against the gazetteer",
    "agency_joint": "the title names several agencies (a joint report): they are kept together as one",
    "region_unresolved": "the agency's region could not be resolved",
    "year_missing": "no reporting year could be found",
    "year_conflict": "the title's year disagrees with the text's statistics period, is to come, or predates the format",
    "template_uncertain": "the template could not be told apart from the labels",
    "template_mixed": "a table is printed in another template's form, a mixture the templates declare",
    # tables and cells
    "table_missing": "a statistical table was not found",
    "row_missing": "a row of a table was not found",
    "row_blank": "a row printed without any cell (its label, or the header, only): its empty cells were read as zeros",
    "row_inferred": "a row without a readable label was placed by its position in the table",
    "cell_count": "a row has more or fewer cells than the template",
    "cell_unreadable": "a cell could not be read as a number",
    "value_negative": "a count is negative",
    "stray_value": "a number inside a table could not be placed and was ignored",
    "digits_split": "digits of neighbouring cells ran together and were split by the sums",
    "digits_ambiguous": "digits of neighbouring cells ran together and several splits fit",
    "digits_unsplittable": "digits of neighbouring cells ran together and no split fits the sums",
    "label_loose": "a label was matched only loosely",
    "columns_reordered": "a table's header prints its columns in another order than the template's: read by the header",
    # the report's own arithmetic
    "rule_broken": "a cross-sum rule of the format does not hold for the printed numbers",
    "prose_mismatch": "a number in the prose contradicts the table",
    # evidence from outside the table: the prose, another copy of the report, the previous year
    "settled_by_prose": "a doubtful cell was settled by the number the report's prose states for it",
    "settled_by_copy": "a doubtful cell was settled by another copy of the same report, read with certainty",
    "settled_by_prior_year": "a doubtful cell was settled by the agency's report of the previous year",
    "copies_disagree": "two copies of the same report, each read with certainty, print different numbers",
    "tables_repeated": "a table is printed again (a second report in the file?): only the first was read",
}


class Cell(NamedTuple):
    """Where one number came from: a place in the source file and the raw text printed there."""

    where: str
    raw: str


@dataclass
class Report:
    path: str
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    active: dict[str, dict[str, Any]] = field(default_factory=dict)
    applications: dict[str, dict[str, Any]] = field(default_factory=dict)
    review_litigation: dict[str, dict[str, Any]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # "table/row/column" -> Cell, for every number in the three tables
    provenance: dict[str, Cell] = field(default_factory=dict)
    # "table/row" -> the readings of a row whose run-together digits several cuts fit (every sum
    # holding): each a {column: value} dict, the one the tables hold first, then the others in
    # the reader's order of preference. Evidence from outside the row (the prose, a copy, the
    # previous year) may settle which is right.
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    title: str | None = None
    layout: str | None = None
    encoding: str | None = None
    sha256: str | None = None
    region: dict[str, Any] = field(default_factory=dict)  # province, city, county, adcode, kind, level
    parser_version: str = PARSER_VERSION

    def add_issue(self, code: str, severity: str, where: str, message: str) -> None:
        self.issues.append(Issue(code, severity, where, message))

    @property
    def status(self) -> str:
        """ok, issues (parsed with warnings) or quarantined (an error stops its use)."""
        if any(i.severity == "error" and i.code in QUARANTINE_CODES for i in self.issues):
            return "quarantined"
        return "issues" if any(i.severity in ("error", "warning") for i in self.issues) else "ok"

    def to_dict(self) -> dict[str, Any]:
        """The gold schema plus the parser's fields, as plain JSON values."""
        d: dict[str, Any] = {"path": self.path, "agency": self.agency, "year": self.year, "template": self.template}
        # a table the report does not contain is left out, as in the gold files
        for table in ("active", "applications", "review_litigation"):
            rows = getattr(self, table)
            if rows:
                d[table] = {row: dict(cols) for row, cols in rows.items()}
        d["issues"] = [i._asdict() for i in self.issues]
        d["provenance"] = {key: {"where": c.where, "raw": c.raw} for key, c in self.provenance.items()}
        if self.alternatives:
            d["alternatives"] = {key: [dict(r) for r in readings] for key, readings in self.alternatives.items()}
        d.update(title=self.title, layout=self.layout, encoding=self.encoding, sha256=self.sha256,
                 region=dict(self.region), parser_version=self.parser_version, status=self.status)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        kwargs = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        kwargs["issues"] = [Issue(**i) for i in d.get("issues", [])]
        kwargs["provenance"] = {k: Cell(**c) for k, c in d.get("provenance", {}).items()}
        return cls(**kwargs)


# Errors that make a report unusable as a whole: it goes to quarantine with its reason.
QUARANTINE_CODES = frozenset({"file_unreadable", "file_empty", "file_binary", "file_no_text", "ocr_unavailable",
                              "not_a_report"})
