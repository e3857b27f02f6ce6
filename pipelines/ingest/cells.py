"""What ingest hands the parser: a `Document` of text lines and rows of `RawCell`s, each cell
with the place it came from, whatever the file's format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class RawCell(NamedTuple):
    text: str
    where: str  # "line 12 col 5" (text) / "table 2 row 5 col 3" (HTML)
    # the cell is a cell of a real grid (HTML, Markdown pipes): empty means 0, not layout padding
    grid: bool = False
    col: int = 0  # its column: the cell's place in its text row, or the HTML grid column
    # a cell of a tab-separated line: its cells are counted from the line's first, and a line may end
    # before the row's last cells when empty cells at its end were trimmed with its trailing whitespace
    tab: bool = False


@dataclass
class Document:
    path: str
    text: str = ""
    encoding: str | None = None
    layout: str | None = None
    sha256: str | None = None
    # the first text lines, for the title and agency
    title_lines: list[str] = field(default_factory=list)
    # physical rows of cells in document order (a text line, an HTML <tr>)
    rows: list[list[RawCell]] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (code, severity, message)
    # the format the text was taken from, where it is not the file itself: pdf, docx
    source: str | None = None
    # a PDF's text: the line each page starts on (places are given as page and line)
    page_lines: tuple[int, ...] = ()

    @property
    def printable(self) -> frozenset[str] | None:
        """The characters the text could hold, where its source could not print every one (an
        OCR engine's recogniser); None where any character could be printed."""
        return None
