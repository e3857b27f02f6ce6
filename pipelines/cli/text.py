"""`xxgk text FILE`: the text the parser reads from a file, numbered as its places are — to find
the place a cell's provenance or an issue gives.

A text file: its lines (`line 57 col 12`). A PDF: its text layer, page by page (`page 4 line 12
col 35`). An HTML page or a Word file: its tables' cells by table, row and grid column (`table 2
row 5 col 3`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.ingest.document import Document, decode_document, is_html, read_cells


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a report file (text, HTML, Markdown, PDF, .docx)")
    parser.add_argument("--page", type=int, help="a PDF's page only")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"xxgk text: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    doc = decode_document(data, str(path))
    for code, _, message in doc.problems:
        print(f"xxgk text: {args.file}: {code}: {message}", file=sys.stderr)
    if not doc.text:
        return 1
    print("\n".join(numbered(doc, args.page)))
    return 0


def numbered(doc: Document, page: int | None = None) -> list[str]:
    """The document's text as the parser's places number it (see the module's docstring)."""
    if is_html(doc.text):
        read_cells(doc)
        return [f"{row[0].where.rsplit(' col ', 1)[0]}: "
                + " │ ".join(f"col {c.col} {c.text}" for c in row) for row in doc.rows if row]
    lines = doc.text.split("\n")
    if not doc.page_lines:
        width = len(str(len(lines)))
        return [f"line {n:>{width}}: {line}" for n, line in enumerate(lines, start=1)]
    out = []
    ends = [*doc.page_lines[1:], len(lines) + 1]
    for number, (start, end) in enumerate(zip(doc.page_lines, ends, strict=True), start=1):
        if page is not None and number != page:
            continue
        out.append(f"── page {number} ──")
        out += [f"page {number} line {n:>2}: {line}" for n, line in enumerate(lines[start - 1:end - 1], start=1)]
    return out
