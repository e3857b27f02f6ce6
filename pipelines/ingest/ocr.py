"""Scanned pages → a `Document`: the text an OCR engine reads on image-only PDF pages and on
PNG/JPEG/TIFF files, laid out as the parser reads any text — prose as lines, a table as one line
per row with its cells split by tabs (an empty cell kept, as a blank cell means 0) — and every
cell kept with its place on the page and how sure the engine was of it.

Per page:
1. The red of a seal is dropped (a colour scan's red channel shows black print and hardly any
   red ink) and where the seal lies is remembered: a cell under it is doubtful.
2. The page is straightened by the slope of the table's ruling lines (or of the text lines).
3. Tables are found by their ruling lines: the rows are the bands between horizontal rules, a
   row's cells the stretches between the vertical rules that cross that band (a merged cell
   has none between its parts); the columns of the whole table are the positions of all its
   vertical rules, so each row is written over the same columns, a merged cell's text in its
   first column and its other columns empty, as a word processor copies such a table.
4. The engine's text boxes go to the cell holding their centre; of the rest, rows of numbers
   standing in columns are a table printed without rules (`unruled_tables`), and what is left
   is prose, put into lines by vertical position.
5. Doubt: a cell with a digit in it (or nothing read at all) is doubtful when the engine's
   confidence is low, when a letter stood for a digit (`O`→0, `l`→1, `S`→5, …), when a seal
   covers it, when a box ran across a ruling line, or when ink is there but nothing was read.

`ocr_document(data, path)` is the entry: bytes in, an `OcrDocument` out (a `Document` with its
`cells`); it never raises for bad content.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import time
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .cells import Document
from .ocr_engines import DEFAULT_ENGINE, Box, Engine, EngineMissing, engine, engine_charset

LAYOUT = "pdf-ocr"
DPI = 200  # pages of a PDF are rendered at this resolution for the engine
MAX_PAGES = 40  # a report is a few pages; a longer scan is read up to here and said so
_PNG, _JPEG, _TIFF = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", (b"II*\x00", b"MM\x00*")

# a cell whose confidence is below this is doubtful (measured: docs/ocr.md)
CONFIDENCE_FLOOR = 0.9
# letters an engine gives for digits, in a cell that is otherwise a number
LOOKALIKES = str.maketrans({"丨": "1", "O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "l": "1", "I": "1", "|": "1",
                            "i": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9",
                            "G": "6", "b": "6"})
_LOOKALIKE_CHARS = "".join(chr(c) for c in LOOKALIKES)
_NUMBERISH = re.compile(rf"[+\-＋－]?[0-9{re.escape(_LOOKALIKE_CHARS)}][0-9,，.．{re.escape(_LOOKALIKE_CHARS)}]*")
_DIGIT = re.compile(r"[0-9０-９]")
_NUMBER_CELL = re.compile(r"[+\-]?[0-9]+(?:[.,][0-9]+)*|—|无|/")
_NUMBER_PART = re.compile(r"^[+\-](?=[0-9])|[0-9]+(?:[.,][0-9]+)*")
_WORD = re.compile(r"[\u3400-\u9fff々〇]")  # a CJK character: a label (or a number misread as one)
_MARKS = re.compile(r"[\W_]")  # no letter, digit or character: punctuation, dashes, quotes


class OcrCell(NamedTuple):
    """A cell (or a prose line) as read: where it is on the page and in the Document's text."""

    page: int  # from 1
    x: int  # its centre, in the page's pixels at the resolution it was read at
    y: int
    line: int  # its line in the Document's text (from 1)
    col: int  # the character column its text starts at in that line (from 1), as the text reader counts
    text: str  # what the Document's text holds: look-alike letters turned to digits
    raw: str  # what the engine read
    confidence: float  # the lowest confidence of the boxes in it (1.0 for a cell with none)
    table: int  # the table on the page (from 1); 0 for prose
    row: int  # the row and column in that table's grid (from 1)
    column: int
    doubt: str  # why the cell is not sure, "" when it is

    @property
    def where(self) -> str:
        return f"page {self.page} x {self.x} y {self.y}"


@dataclass
class OcrDocument(Document):
    """A Document read by OCR; `cells` are every table cell and prose line with its place."""

    cells: list[OcrCell] = field(default_factory=list)
    engine: str = ""
    dpi: int = DPI
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of this process reading it (the recogniser runs in-process)

    @property
    def printable(self) -> frozenset[str] | None:
        return engine_charset(self.engine) if self.engine else None

    def doubtful(self) -> list[OcrCell]:
        """The cells whose reading is in doubt: one `ocr_uncertain` issue each, if the parser reads them."""
        return [c for c in self.cells if c.doubt]

    def place(self, where: str) -> str:
        """A place the text reader gives ("line 40 col 12") as the place on the page
        ("page 2 x 412 y 1180"); other places are returned as they are."""
        m = _LINE_COL.search(where)
        cell = self.cell_at(where)
        return where if m is None or cell is None else where[:m.start()] + cell.where + where[m.end():]

    def cell_at(self, where: str) -> OcrCell | None:
        """The cell at a text reader's place ("line 40 col 12"): the cell of that line that starts
        at that column, or the last one starting before it."""
        m = _LINE_COL.search(where)
        if not m:
            return None
        line, col = int(m.group(1)), int(m.group(2))
        before = [c for c in self._by_line().get(line, ()) if c.col <= col]
        return before[-1] if before else None

    def _by_line(self) -> dict[int, list[OcrCell]]:
        if not hasattr(self, "_index"):
            index: dict[int, list[OcrCell]] = {}
            for cell in self.cells:
                index.setdefault(cell.line, []).append(cell)
            self._index = index
        return self._index


_LINE_COL = re.compile(r"\bline (\d+) col (\d+)")


# ---------------------------------------------------------------- input: bytes → page images

def is_image(data: bytes) -> bool:
    """A PNG, JPEG or TIFF file, by its first bytes."""
    return data.startswith((_PNG, _JPEG, *_TIFF))


class PageImages(NamedTuple):
    images: list[np.ndarray]  # RGB, uint8
    total: int  # pages in the file (more than `images` when cut at MAX_PAGES)
    dpi: int


def page_images(data: bytes, dpi: int = DPI, max_pages: int = MAX_PAGES) -> PageImages:
    """The pages of an image-only PDF (rendered at `dpi`) or of an image file (every frame of a
    TIFF). Raises ValueError naming the problem for a file that cannot be opened."""
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"a PDF that cannot be opened: {exc}") from exc
        try:
            total = len(pdf)
            images = []
            for i in range(min(total, max_pages)):
                page = pdf[i]
                images.append(np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB")))
                page.close()
        except pdfium.PdfiumError as exc:
            raise ValueError(f"a PDF page that cannot be rendered: {exc}") from exc
        finally:
            pdf.close()
        return PageImages(images, total, dpi)
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            if i < max_pages:
                frames.append(np.asarray(frame.convert("RGB")))
        total = getattr(img, "n_frames", 1)
        file_dpi = img.info.get("dpi", (dpi, dpi))[0] or dpi
    except UnidentifiedImageError as exc:  # its message names the buffer's address: not said
        raise ValueError("an image whose format cannot be identified (damaged or truncated?)") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValueError(f"an image that cannot be read (damaged or truncated?): {exc}") from exc
    return PageImages(frames, total, round(float(file_dpi)))


# ---------------------------------------------------------------- a page: geometry

class Rule(NamedTuple):
    y: int  # its centre row
    x0: int
    x1: int
    spans: tuple[tuple[int, int], ...] = ()  # the stretches it is drawn over (gaps: a merged cell)


class Table(NamedTuple):
    rules: list[Rule]  # the horizontal rules, top to bottom
    columns: list[int]  # x of every vertical rule of the table (its column edges)
    # per band (between rules i and i+1): the cells as (first column, last column + 1), x0, x1
    bands: list[list[tuple[int, int, int, int]]]
    # a cell merged down over several bands: (band, first column) of each band it reaches into
    # below its first → that first band; its text is read once, as the first band's cell
    below: dict[tuple[int, int], int]

    def last_band(self, band: int, first: int) -> int:
        """The last band a cell starting in `band` at column `first` reaches down to."""
        while (band + 1, first) in self.below:
            band += 1
        return band


def _cv():
    import cv2

    return cv2


def seal_mask(rgb: np.ndarray) -> np.ndarray:
    """Where red ink is (a seal): red well above green and blue."""
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return ((r - np.maximum(g, b)) > 40) & (r > 100)


def grey_seal(gray: np.ndarray, dpi: int) -> np.ndarray:
    """Where a seal lies on a grey scan (its red is lost): the disc of a ring of a seal's size
    (40 to 50 mm across). Only for doubt: its strokes cannot be told from print by colour."""
    cv2 = _cv()
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    radius = dpi / 25.4 * 22 * 0.25  # a 44 mm seal, at a quarter of the page's size
    circles = cv2.HoughCircles(cv2.GaussianBlur(small, (5, 5), 0), cv2.HOUGH_GRADIENT, dp=1,
                               minDist=radius * 2, param1=120, param2=40,
                               minRadius=round(radius * 0.75), maxRadius=round(radius * 1.3))
    mask = np.zeros(gray.shape, np.uint8)
    for x, y, r in (circles[0] if circles is not None else [])[:2]:
        cv2.circle(mask, (round(x * 4), round(y * 4)), round(r * 4), 1, thickness=-1)
    return mask > 0


def seal_ring(disc: np.ndarray, dpi: int) -> np.ndarray | None:
    """Where the ring of a seal found on a grey scan runs (its disc's edge, give or take the
    ring's width and how near the circle was found); None where no seal was found. Its strokes
    are dark as print, and a stretch of it runs level or upright for as far as a ruling line."""
    if not disc.any():
        return None
    cv2 = _cv()
    k = np.ones((2 * round(dpi * 0.06) + 1,) * 2, np.uint8)
    mask = disc.astype(np.uint8)
    return (cv2.dilate(mask, k) > 0) & ~(cv2.erode(mask, k) > 0)


def _on_ring(ring: np.ndarray | None, ys: slice | int, xs: slice | int) -> bool:
    """Most of a stretch of a row or a column of the page lies on a seal's ring."""
    if ring is None:
        return False
    part = ring[ys, xs]
    return part.size > 0 and float(part.mean()) >= 0.8


def ink_of(gray: np.ndarray) -> np.ndarray:
    """Dark pixels (Otsu's threshold, never above 170: print is black, and what is paler is a
    seal's edge, a stain or show-through): print and ruling lines."""
    cv2 = _cv()
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return (gray < min(level, 170)).astype(np.uint8) * 255


def _horizontal(ink: np.ndarray, dpi: int) -> np.ndarray:
    cv2 = _cv()
    k = max(25, dpi // 3)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))


def skew_angle(ink: np.ndarray, dpi: int, boxes: list[Box] | None = None) -> float:
    """The page's slope in degrees (positive: its lines fall to the right), from its long
    horizontal rules; from the text boxes' rows when it has none."""
    cv2 = _cv()
    lines = _horizontal(ink, dpi)
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    slopes, weights = [], []
    for i in range(1, count):
        x, y, w, h, _area = stats[i]
        if w < dpi:  # a rule at least an inch long
            continue
        ys, xs = np.nonzero(lines[y:y + h, x:x + w])
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        slopes.append(slope)
        weights.append(w)
    if slopes:
        order = np.argsort(slopes)
        cum = np.cumsum(np.asarray(weights, dtype=float)[order])
        median = slopes[order[np.searchsorted(cum, cum[-1] / 2)]]
        return float(np.degrees(np.arctan(median)))
    return _text_skew(ink)


def _text_skew(ink: np.ndarray, limit: float = 3.0) -> float:
    """The slope of a page without long rules (prose, a table printed without them), from its
    lines of print: the turn that makes the ink per pixel row vary the most (lines and the gaps
    between them sharpest) — tried in steps of 0.1° on the page at a quarter of its size, then of
    0.025° at half. A page of full-width lines turned 1° drops a line's height across: unturned,
    its lines cannot be told apart."""
    cv2 = _cv()

    def best(image: np.ndarray, angles: np.ndarray) -> float:
        h, w = image.shape
        scores = []
        for degrees in angles:
            matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(degrees), 1.0)
            rows = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR).sum(axis=1)
            scores.append(float(rows.var()))
        return float(angles[int(np.argmax(scores))])

    small = ink.astype(np.float32)
    quarter = cv2.resize(small, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    coarse = best(quarter, np.round(np.arange(-limit, limit + 1e-9, 0.1), 3))
    half = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return best(half, coarse + np.arange(-0.1, 0.1 + 1e-9, 0.025))


def rotate(image: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    """The image turned by `degrees` about its centre (a positive slope is turned back level)."""
    if abs(degrees) < 0.02:
        return image
    cv2 = _cv()
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def _runs(flags: np.ndarray, gap: int = 0) -> list[tuple[int, int]]:
    """[start, end) of the runs of True, runs closer than `gap` joined."""
    padded = np.concatenate(([False], flags, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    runs = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if out and start - out[-1][1] <= gap:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def find_tables(ink: np.ndarray, dpi: int, ring: np.ndarray | None = None) -> list[Table]:
    """The ruled tables of a level page (see the module's docstring). A stroke that runs along a
    seal's `ring` (a grey scan's) is no rule."""
    cv2 = _cv()
    lines = _horizontal(ink, dpi)
    k = max(25, dpi // 3)
    rules: list[Rule] = []
    for y0, y1 in _runs((lines > 0).sum(axis=1) >= k):
        covered = (lines[y0:y1] > 0).any(axis=0)
        for x0, x1 in _runs(covered, gap=max(3, dpi // 50)):
            if x1 - x0 >= k and not _on_ring(ring, (y0 + y1) // 2, slice(x0, x1)):
                rules.append(Rule((y0 + y1) // 2, x0, x1, ((x0, x1),)))
    # rules at one height (a row line broken by a merged cell) count as one, spanning them all
    merged: list[Rule] = []
    for rule in sorted(rules):
        if merged and rule.y - merged[-1].y <= max(3, dpi // 40):
            last = merged[-1]
            merged[-1] = Rule(last.y, min(last.x0, rule.x0), max(last.x1, rule.x1), last.spans + rule.spans)
        else:
            merged.append(rule)
    # vertical strokes: ink dilated a little sideways, so that a rule leaning a pixel stays whole
    wide = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    # rules close above one another, overlapping, make a candidate table; its bands are then
    # looked at across the whole table's width (the rules inside a merged cell are shorter). A
    # rule ending where the table's rules begin (or beginning where they end) belongs to it too:
    # the bottom of a merged cell at the side whose top was on the page before (a table split by
    # a page), drawn beside the rows it reaches into
    groups: list[list[Rule]] = []
    for rule in merged:
        if groups:
            group = groups[-1]
            x0, x1 = min(r.x0 for r in group), max(r.x1 for r in group)
            touching = min(abs(rule.x1 - x0), abs(rule.x0 - x1)) <= max(3, dpi // 50)
            if rule.y - group[-1].y <= dpi * 4 and (min(x1, rule.x1) - max(x0, rule.x0) > k or touching):
                group.append(rule)
                continue
        groups.append([rule])
    tables: list[Table] = []
    for group in groups:
        x0, x1 = min(r.x0 for r in group), max(r.x1 for r in group)
        run: list[Rule] = [group[0]]
        bands: list[list[tuple[int, int]]] = []
        for rule in group[1:]:
            stop = _rules_stop(wide, run[-1].y, rule.y, bands[-1], dpi) if bands else None
            if stop is not None:  # the row ends where its rules stop: what is below is a row of its own
                run.append(Rule(stop, x0, x1))
                bands.append(_verticals(wide, run[-2].y, stop, x0, x1, dpi, ring))
            verticals = _verticals(wide, run[-1].y, rule.y, x0, x1, dpi, ring)
            if len(verticals) >= 2:
                run.append(rule)
                bands.append(verticals)
                continue
            if bands:  # a band without vertical rules (a heading between two tables) ends a table
                tables.append(_table(run, bands, dpi))
            run, bands = [rule], []
        if bands:
            tables.append(_table(run, bands, dpi))
    return tables


def _rules_stop(wide: np.ndarray, top: int, bottom: int, above: list[tuple[int, int]], dpi: int) -> int | None:
    """Where the inner vertical rules of the row above, going on down into the band between
    `top` and `bottom`, all stop well short of its bottom, with room for a line of print below
    them: a row printed without its bottom rule (a word processor's cell border left off) over a
    line across the table (the next group's heading). That height, or None."""
    pad = max(3, dpi // 50)
    y0, y1 = top + pad, bottom - pad
    inner = above[1:-1]
    if not inner or y1 - y0 < dpi * 0.35:
        return None
    ends = []
    for a, b in inner:
        ink = (wide[y0:y1, a:b + 1] > 0).any(axis=1)
        reach = int(np.argmin(ink)) if not ink.all() else len(ink)
        if reach < dpi * 0.2:  # this rule is not drawn down into the band (a merged cell below)
            return None
        ends.append(y0 + reach)
    stop = max(ends)
    return stop + 1 if y1 - stop >= dpi * 0.12 else None


def _verticals(wide: np.ndarray, top: int, bottom: int, x0: int, x1: int, dpi: int,
               ring: np.ndarray | None = None) -> list[tuple[int, int]]:
    """The vertical rules crossing the band between two horizontal rules: (start, end) columns
    (none that runs along a seal's `ring`)."""
    pad = max(3, dpi // 50)
    y0, y1 = top + pad, bottom - pad
    x0, x1 = max(x0 - pad, 0), x1 + pad
    if y1 - y0 < 4:
        return []
    share = (wide[y0:y1, x0:x1] > 0).mean(axis=0)
    return [(x0 + a, x0 + b) for a, b in _runs(share >= 0.85, gap=1)
            if not _on_ring(ring, slice(y0, y1), x0 + (a + b) // 2)]


def _table(rules: list[Rule], bands: list[list[tuple[int, int]]], dpi: int) -> Table:
    """Columns from every vertical rule of the table; each band's cells over those columns."""
    tolerance = max(6, dpi // 20)
    centres = sorted((a + b) // 2 for band in bands for a, b in band)
    columns: list[int] = []
    members: list[list[int]] = []
    for x in centres:
        if members and x - members[-1][-1] <= tolerance:
            members[-1].append(x)
        else:
            members.append([x])
    # a rule found in one band only, in a table of several, is a stroke crossing it (a seal's
    # ring), not a column: the table's two edges are kept whatever
    if len(bands) >= 4:
        members = [m for i, m in enumerate(members) if len(m) >= 2 or i in (0, len(members) - 1)]
    columns = [int(np.median(m)) for m in members]

    def index(x: int) -> int:
        return int(np.argmin([abs(x - c) for c in columns]))

    cells = []
    for band in bands:
        xs = [(a + b) // 2 for a, b in band]
        cells.append([(index(left), index(right), left, right) for left, right in itertools.pairwise(xs)
                      if index(right) > index(left)])
    # a rule missing between two cells of one row where the rows above and below both have it is
    # a rule broken (a seal whitened over it, a faint scan), not a merged cell: the row is split there
    # (in a row of nearly as many cells as its neighbours: a heading row over a group of columns is merged)
    for b in range(1, len(cells) - 1):
        if len(cells[b]) * 2 < min(len(cells[b - 1]), len(cells[b + 1])):
            continue
        edges_above = {first for first, *_ in cells[b - 1]}
        edges_below = {first for first, *_ in cells[b + 1]}
        split = []
        for first, last, x0, x1 in cells[b]:
            inner = range(first + 1, last)
            if inner and all(j in edges_above and j in edges_below for j in inner):
                bounds = [x0, *(columns[j] for j in inner), x1]
                split += [(j, j + 1, bounds[k], bounds[k + 1]) for k, j in enumerate(range(first, last))]
            else:
                split.append((first, last, x0, x1))
        cells[b] = split
    # a cell with no rule over most of its top, under a cell of the same columns, is that cell
    # going on down (rows merged: a label beside several rows)
    below: dict[tuple[int, int], int] = {}
    for b in range(1, len(cells)):
        above = {(first, last) for first, last, _x0, _x1 in cells[b - 1]}
        for first, last, x0, x1 in cells[b]:
            if (first, last) in above and _covered(rules[b], x0, x1) < 0.5:
                below[b, first] = below.get((b - 1, first), b - 1)
    return Table(rules, columns, cells, below)


def _covered(rule: Rule, x0: int, x1: int) -> float:
    """The share of the stretch x0..x1 (its ends left out: the vertical rules) a rule is drawn over."""
    inset = (x1 - x0) // 8
    a, b = x0 + inset, x1 - inset
    if b <= a:
        return 1.0
    return sum(max(0, min(b, s1) - max(a, s0)) for s0, s1 in rule.spans) / (b - a)


# ---------------------------------------------------------------- a page: text into cells and lines

@dataclass
class _Slot:
    boxes: list[Box] = field(default_factory=list)
    crossed: bool = False


class _Piece(NamedTuple):
    y: float  # where it starts on the page (orders the page's lines)
    cells: list[tuple[str, str, float, int, int, str, int, int, int]]  # text, raw, conf, x, y, doubt, table, row, col
    table: bool


def _box_into_cells(box: Box, cells: list[tuple[int, int, int, int]]) -> list[tuple[int, Box, bool]]:
    """A box inside one cell → that cell; a box running across ruling lines → its text cut at
    them by the characters' widths (a CJK character counts two), each part doubtful."""
    inside = [i for i, (_a, _b, x0, x1) in enumerate(cells) if x0 <= box.cx < x1]
    if not inside:
        nearest = int(np.argmin([min(abs(box.cx - x0), abs(box.cx - x1)) for _a, _b, x0, x1 in cells]))
        inside = [nearest]
    margin = box.height * 0.4
    crossed = [i for i, (_a, _b, x0, x1) in enumerate(cells) if x0 < box.x1 - margin and x1 > box.x0 + margin]
    if len(crossed) <= 1 or len(box.text) < 2:
        return [(inside[0], box, False)]
    widths = [2 if ord(ch) > 0x2E80 else 1 for ch in box.text]
    total, span = sum(widths), box.x1 - box.x0
    parts: dict[int, list[str]] = {}
    at = box.x0
    for ch, w in zip(box.text, widths, strict=True):
        centre = at + span * w / total / 2
        at += span * w / total
        which = min(crossed, key=lambda i: 0 if cells[i][2] <= centre < cells[i][3]
                    else min(abs(centre - cells[i][2]), abs(centre - cells[i][3])))
        parts.setdefault(which, []).append(ch)
    out = []
    for i, chars in parts.items():
        x0, x1 = max(box.x0, cells[i][2]), min(box.x1, cells[i][3])
        out.append((i, Box("".join(chars), box.score, x0, box.y0, x1, box.y1), True))
    return out


_ROUND = frozenset("Oo〇")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，＋－", "0123456789.,+-")
_DASHES = frozenset("一-－—―‐–")  # a zero printed as a dash, as an engine reads it


def read_number(text: str) -> tuple[str, str]:
    """A cell's text with look-alike letters turned to digits where it is otherwise a number,
    and why it is doubtful on that account ("" when no letter stood for a digit)."""
    compact = text.replace(" ", "").translate(_HALF_WIDTH)  # a recogniser's ２ is a 2, whatever was printed
    if compact != "无" and len(compact) <= 4 and _MARKS.sub("", compact) == "无":
        # the zero mark with marks beside it that are no character (a seal's stroke, a speck): the mark, doubted
        return "无", f"read {compact!r}: the zero mark with marks beside it, taken as '无'"
    if compact and set(compact) <= _DASHES:
        return "—", ""  # a dash: the zero mark (a 1 read as a dash is caught by its shape, `_ink_box`)
    if compact in _ROUND:
        return "0", ""  # one round glyph alone in a cell: 0, whichever round glyph the recogniser names
    if not compact or not _NUMBERISH.fullmatch(compact) or compact.translate(LOOKALIKES) == compact:
        return (compact if _NUMBERISH.fullmatch(compact) else text), ""
    if not _DIGIT.search(compact) and len(compact) > 2:
        return text, ""  # a word of letters, not a number
    fixed = compact.translate(LOOKALIKES)
    return fixed, f"read {compact!r}: letters taken for the digits {fixed!r}"


class _Read(NamedTuple):
    """A table cell as first read: its boxes' text, their lowest confidence, its rectangle."""

    raw: str
    conf: float
    crossed: bool
    rect: tuple[int, int, int, int]  # x0, y0, x1, y1 between its rules


def read_page(rgb: np.ndarray, ocr: Engine, dpi: int, page: int = 1, detect: bool = False,
              ) -> tuple[list[_Piece], list[str]]:
    """One page: its prose lines and table rows in reading order, and the page's problems.
    The text is found by the page's geometry (`text_lines`: the lines of print in each table
    cell and between the tables), each line read by the engine's recogniser; with `detect`, by
    the engine's own text detector over the whole page (slower, and it passes over lone digits)."""
    color = rgb.ndim == 3 and bool(np.any(np.abs(rgb[..., 0].astype(np.int16) - rgb[..., 1]) > 40))
    gray = rgb[..., 0] if color else (rgb if rgb.ndim == 2 else rgb.mean(axis=2).astype(np.uint8))
    seal = seal_mask(rgb) if color else grey_seal(gray, dpi)
    if color:  # the seal's red ink, and the pale edge of its strokes, is not print (black print under it
        # stays dark: it is not red)
        near = _cv().dilate(seal.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        gray = np.where(near & (gray > 150), 255, gray).astype(np.uint8)
    ink = ink_of(gray)
    if (ink > 0).mean() < 0.0005:
        return [], [f"page {page} is blank"]
    angle = skew_angle(ink, dpi)
    gray = np.ascontiguousarray(rotate(gray, angle, 255))
    ink = rotate(ink, angle, 0)
    seal = rotate(seal.astype(np.uint8), angle, 0) > 0
    tables = find_tables(ink, dpi, None if color else seal_ring(seal, dpi))
    rules = _rule_mask(ink, dpi)
    # what the recogniser sees: the page's print, and white around it (a seal's faint remains
    # and the scanner's grain, which it would read as characters, left out)
    clean = np.ascontiguousarray(np.where(_cv().dilate(ink, np.ones((3, 3), np.uint8)) > 0, gray, 255)
                                 .astype(np.uint8))
    if detect:  # the engine's detector over the page, its ruling lines taken out (Tesseract reads them as 1s)
        boxes = ocr.read(np.dstack([np.where(rules, 255, clean).astype(np.uint8)] * 3))
    else:
        prose, rows = text_lines(ink, rules, tables, dpi)
        boxes = _read_lines(ocr, clean, prose, rows, dpi)
    unread = [b for b in boxes if not b.text.strip()]  # print the recogniser made nothing of
    boxes = [b for b in boxes if b.text.strip()]
    if not boxes:
        return [], [f"page {page}: no text was recognised on it"]
    pieces: list[_Piece] = []
    used: set[int] = set()
    reads: dict[tuple[int, int, int], _Read] = {}  # (table, band, first column) → the cell's first reading
    for t, table in enumerate(tables):
        top, bottom = table.rules[0].y, table.rules[-1].y
        left, right = table.columns[0], table.columns[-1]
        slots: dict[tuple[int, int], _Slot] = {}
        for i, box in enumerate(boxes):
            if not (top <= box.cy < bottom and left - 5 <= box.cx <= right + 5):
                continue
            band = max(b for b in range(len(table.bands)) if table.rules[b].y <= box.cy)
            cells = table.bands[band]
            if not cells:
                continue
            used.add(i)
            for c, part, crossed in _box_into_cells(box, cells):
                first = cells[c][0]
                slot = slots.setdefault((table.below.get((band, first), band), first), _Slot())
                slot.boxes.append(part)
                slot.crossed |= crossed
        for band, cells in enumerate(table.bands):
            y0 = table.rules[band].y
            for first, _last, x0, x1 in cells:
                if (band, first) in table.below:
                    continue  # read with the cell it continues
                y1 = table.rules[table.last_band(band, first) + 1].y
                slot = slots.get((band, first), _Slot())
                raw = "".join(b.text for b in _in_lines(slot.boxes)).strip()
                conf = min((b.score for b in slot.boxes), default=1.0)
                reads[t, band, first] = _Read(raw, conf, slot.crossed, (x0, y0, x1, y1))
    finals = _second_look(reads, ocr, clean, ink, rules, seal, dpi)
    for t, table in enumerate(tables):
        grid = []
        for band in range(len(table.bands)):
            row = []
            for col in range(len(table.columns) - 1):
                read = reads.get((t, band, col))
                if read is None:
                    row.append(("", "", 1.0, 0, 0, "", t + 1, band + 1, col + 1))
                    continue
                text, conf, doubt = finals[t, band, col]
                if text and not doubt and not _NUMBER_CELL.fullmatch(text) and any(
                        _NUMBER_CELL.fullmatch(cell[0]) for cell in row):
                    doubt = f"read {text!r} where a number is expected (right of the row's numbers)"
                x0, y0, x1, y1 = read.rect
                row.append((text, read.raw, conf, (x0 + x1) // 2, (y0 + y1) // 2, doubt, t + 1, band + 1, col + 1))
            grid.append(row)
        grid = _seal_characters(grid, {(band, col) for (tt, band, col), read in reads.items()
                                       if tt == t and _seal_over(seal, read.rect, dpi)})
        for band, row in enumerate(_blank_columns_doubted(grid)):
            pieces.append(_Piece(table.rules[band].y, row, True))
    rest = [b for i, b in enumerate(boxes) if i not in used]
    unruled, rest = unruled_tables(rest, unread, seal, dpi, len(tables) + 1)
    pieces += unruled
    for line in _prose_lines(rest):
        text = _join_line(line)
        conf = min(b.score for b in line)
        x, y = int(line[0].x0), int(min(b.y0 for b in line))
        rect = (x, y, int(max(b.x1 for b in line)), int(max(b.y1 for b in line)))
        if not _MARKS.sub("", text) and _seal_near(seal, rect, dpi):
            continue  # marks alone by a seal's ink (a dash, a quote): its strokes' remains, no print
        pieces.append(_Piece(y, [(text, text, conf, x, y, "", 0, 0, 0)], False))
    pieces.sort(key=lambda p: p.y)
    return pieces, []


def unruled_tables(boxes: list[Box], unread: list[Box], seal: np.ndarray, dpi: int, first_table: int,
                   ) -> tuple[list[_Piece], list[Box]]:
    """Tables printed without ruling lines, from the text boxes outside the ruled tables: rows by
    the vertical position of their numbers, columns by the positions of the numbers over the
    whole table; a label beside its row goes to that row, a label centred over several rows (a
    merged cell) to the first of them. Returns the table rows and the boxes left for prose.
    `unread` is print the recogniser read as nothing: in a value column, a doubt."""
    px = dpi * 10.5 / 72
    numeric = [b for b in boxes if _NUMBER_CELL.fullmatch(read_number(b.text)[0])]
    rows: list[list[Box]] = []
    for box in sorted(numeric, key=lambda b: b.cy):
        if rows and abs(box.cy - float(np.mean([b.cy for b in rows[-1]]))) < px * 0.5:
            rows[-1].append(box)
        else:
            rows.append([box])
    blocks: list[list[list[Box]]] = []
    for row in rows:
        if blocks and min(b.cy for b in row) - max(b.cy for b in blocks[-1][-1]) < px * 4:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    others = [b for b in boxes if not _NUMBER_CELL.fullmatch(read_number(b.text)[0])]
    pieces: list[_Piece] = []
    taken: set[int] = set()
    for block in blocks:
        for part in _split_at_headers(block, others, px):
            if len(part) < 2 and len(part[0]) < 3:
                continue  # a number alone (a page number, a year on its own line) is prose
            table_pieces, used = _unruled_table(part, others, unread, seal, dpi, px, first_table)
            if table_pieces:
                pieces += table_pieces
                taken |= used
                first_table += 1
    return pieces, [b for b in boxes if id(b) not in taken]


def _columns(xs: list[float], tolerance: float) -> list[float]:
    groups: list[list[float]] = []
    for x in sorted(xs):
        if groups and x - groups[-1][-1] <= tolerance:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [float(np.median(g)) for g in groups]


def _split_at_headers(block: list[list[Box]], others: list[Box], px: float) -> list[list[list[Box]]]:
    """A run of number rows cut where a line of words over the number columns lies between two
    rows (the header of the next table)."""
    first = min(_columns([b.cx for row in block for b in row], px)) - px
    parts = [[block[0]]]
    for above, below in itertools.pairwise(block):
        y0, y1 = max(b.cy for b in above) + px * 0.6, min(b.cy for b in below) - px * 0.6
        if any(y0 < b.cy < y1 and b.cx >= first for b in others):
            parts.append([])
        parts[-1].append(below)
    return parts


def _unruled_table(block: list[list[Box]], others: list[Box], unread: list[Box], seal: np.ndarray, dpi: int,
                   px: float, table: int) -> tuple[list[_Piece], set[int]]:
    """An unruled table's rows. Its labels are the words left of its numbers; where its rows are
    not in line (`_value_columns`), a row's words left of that row's numbers are its labels
    (a label there may stand where another row's numbers do), else the words left of the
    table's first column of numbers."""
    pieces, used, in_order = _unruled_rows(block, others, unread, seal, dpi, px, table, True)
    if in_order:
        return pieces, used
    return _unruled_rows(block, others, unread, seal, dpi, px, table, False)[:2]


def _unruled_rows(block: list[list[Box]], others: list[Box], unread: list[Box], seal: np.ndarray, dpi: int,
                  px: float, table: int, by_row: bool) -> tuple[list[_Piece], set[int], bool]:
    """The table's rows, its labels the words left of its first column of numbers or, `by_row`,
    also a row's words left of its own numbers, and its rows read in order where they are not
    in line; and whether rows were read in order."""
    tolerance = px * 1.0
    wrapped: dict[int, int] = {}  # a row whose numbers run on to the line below → its first line's count
    parts: dict[int, int] = {}  # a piece of print taken apart → the print it was part of (their ids)
    if by_row:
        block, others, wrapped, parts = _rows_as_printed(block, others, px)
    columns = _columns([b.cx for row in block for b in row], tolerance)
    centres = [float(np.mean([b.cy for b in row[:wrapped.get(r, len(row))]])) for r, row in enumerate(block)]
    top, bottom = centres[0] - px * 0.6, centres[-1] + px * 0.6
    values = [b for row in block for b in row]
    left = columns[0] - tolerance
    starts = [min(b.x0 for b in row[:wrapped.get(r, len(row))]) for r, row in enumerate(block)]

    def label_word(b: Box) -> bool:
        if b.cx < left:
            return True
        r = int(np.argmin([abs(b.cy - c) for c in centres]))
        return by_row and abs(b.cy - centres[r]) < px * 0.6 and b.x1 <= starts[r]

    # the words of the table's rows: left of its numbers, from its first row's top to its last's bottom
    words = [b for b in others if top - px * 3 < b.cy < bottom + px * 3 and label_word(b)]
    # a label's lines (a label wrapped in its cell) are one label: close above one another, overlapping
    labels: list[list[Box]] = []
    def row_of(b: Box) -> int | None:
        r = int(np.argmin([abs(b.cy - c) for c in centres]))
        return r if abs(b.cy - centres[r]) < px * 0.6 else None

    for box in sorted(words, key=lambda b: b.y0):
        for group in labels:
            if box.y0 - max(b.y1 for b in group) < px * 0.6 and min(box.x1, max(b.x1 for b in group)) > max(
                    box.x0, min(b.x0 for b in group)) and not (
                    by_row and row_of(box) is not None and row_of(group[-1]) not in (None, row_of(box))):
                # (`by_row`: two lines beside two rows of numbers are two rows' labels)
                group.append(box)
                break
        else:
            labels.append([box])
    bounds = [centres[0] - px] + [(a + b) / 2 for a, b in itertools.pairwise(centres)] + [centres[-1] + px]
    placed: dict[int, list[list[Box]]] = {}
    ends: list[tuple[float, float, int]] = []  # a placed label's x range and the last row it spans
    def centre_of(group: list[Box]) -> float:
        return (min(b.y0 for b in group) + max(b.y1 for b in group)) / 2

    def aligned(group: list[Box]) -> int | None:
        nearest = int(np.argmin([abs(centre_of(group) - c) for c in centres]))
        return nearest if abs(centre_of(group) - centres[nearest]) < px * 0.6 else None

    for group in sorted(labels, key=lambda g: min(b.y0 for b in g)):
        centre = centre_of(group)
        if centre < bounds[0] or centre > bounds[-1]:
            continue  # above or below the table's rows: a caption or a heading
        nearest = int(np.argmin([abs(centre - c) for c in centres]))
        x0, x1 = min(b.x0 for b in group), max(b.x1 for b in group)
        # a label with another label right of it in its row heads a group of rows (centred over
        # an odd number of them it sits on the middle one)
        parent = any(h is not group and aligned(h) == nearest and min(b.x0 for b in h) > x1 for h in labels)
        if aligned(group) is not None and not parent:
            start = end = nearest
        else:  # centred over several rows: from the row after the label above it in its column
            above = [e for ex0, ex1, e in ends if min(x1, ex1) > max(x0, ex0)]
            start = max(above) + 1 if above else 0
            start = min(start, nearest)
            end = min(range(start, len(centres)), key=lambda e: abs((bounds[start] + bounds[e + 1]) / 2 - centre))
        ends.append((x0, x1, end))
        placed.setdefault(start, []).append(group)
    slots = _columns([min(b.x0 for b in g) for gs in placed.values() for g in gs], px * 1.5)
    pieces: list[_Piece] = []
    used = {id(b) for b in values} | {id(b) for gs in placed.values() for g in gs for b in g}
    prints: list[list[Box]] = []  # each row's print right of its labels (numbers, and words among them)
    rows_cells: list[list[tuple[str, str, float, int, int, str, int, int, int]]] = []
    for r, row in enumerate(block):
        cells: list[tuple[str, str, float, int, int, str, int, int, int]] = []
        rows_cells.append(cells)
        texts = ["" for _ in slots]
        for group in placed.get(r, []):
            slot = int(np.argmin([abs(min(b.x0 for b in group) - s) for s in slots]))
            texts[slot] += "".join(b.text for b in _in_lines(group))
        y = round(centres[r])
        for c, text in enumerate(texts):
            cells.append((text, text, 1.0, round(slots[c]), y, "", table, r + 1, c + 1))
        near = [b for b in others if id(b) not in used and abs(b.cy - centres[r]) < px * 0.6 and not label_word(b)]
        used |= {id(b) for b in near}
        # left to right, a wrapped row's first line first
        below = {id(b) for b in row[wrapped.get(r, len(row)):]}
        prints.append(sorted([*row, *near], key=lambda b: (id(b) in below, b.cx)))
    lines, in_order = columns, set()
    if by_row:
        kept = [r for r in range(len(prints)) if r not in wrapped]
        lines, in_order = _value_columns([prints[r] for r in kept], columns, tolerance, kept)
    if in_order:  # a wrapped row with as many numbers as the table's columns: in order too, doubted
        in_order |= {r for r in wrapped if len(prints[r]) == len(lines)}
    for r, row_print in enumerate(prints):
        cells = rows_cells[r]
        y = round(centres[r])
        ordered = r in in_order
        by_column: dict[int, list[Box]] = {}
        if ordered:
            by_column = {c: [box] for c, box in enumerate(row_print)}
        else:
            for box in row_print:
                by_column.setdefault(int(np.argmin([abs(box.cx - x) for x in lines])), []).append(box)
        for c, x in enumerate(lines):
            got = sorted(by_column.get(c, []), key=lambda b: b.x0)
            raw = "".join(b.text for b in got)
            text, lookalike = read_number(raw)
            reasons = [lookalike] if lookalike else []
            conf = min((b.score for b in got), default=1.0)
            if len(got) > 1:
                reasons.append(f"{len(got)} pieces of print read into one column")
            if got and not _NUMBER_CELL.fullmatch(text):
                number = "".join(_NUMBER_PART.findall(text))
                reasons.append(f"read {text!r} where a number is expected"
                               + (f"; taken as {number!r}" if number else ""))
                text = number
            if got and conf < CONFIDENCE_FLOOR:
                reasons.append(f"confidence {conf:.2f}")
            if ordered:  # in its column by its order, wherever it stands
                if r in wrapped:
                    reasons.append("its row's numbers run on to the line below it (the line wrapped): read in order")
            elif any(abs(b.cx - x) > tolerance for b in got):
                reasons.append("its print is off the column's line")
            elif in_order:  # its numbers, and the columns it leaves blank
                reasons.append("placed by position in a table whose rows are not in line (the row holds fewer "
                               "numbers than the table's columns)")
            if not got and any(abs(b.cx - x) < tolerance and abs(b.cy - centres[r]) < px * 0.6 for b in unread):
                reasons.append("ink is there but nothing was read")
            rect = (round(x - tolerance), round(centres[r] - px * 0.6), round(x + tolerance),
                    round(centres[r] + px * 0.6))
            if _seal_over(seal, rect, dpi):
                reasons.append("a seal is stamped over it")
            at = round(float(np.mean([b.cx for b in got]))) if ordered and got else round(x)
            cells.append((text, raw, round(conf, 3), at, y, "; ".join(reasons), table, r + 1,
                          len(slots) + c + 1))
        pieces.append(_Piece(centres[r] - px * 0.5, cells, True))
    return pieces, used | {parts[i] for i in used if i in parts}, bool(in_order)


def _value_columns(prints: list[list[Box]], columns: list[float], tolerance: float, rows: list[int],
                   ) -> tuple[list[float], set[int]]:
    """An unruled table's value columns and the rows read in order: (each column's x, the rows).

    Read by position, a table's columns are the positions of its numbers. The rows with the
    most numbers (as many as the table has value columns) may stand in different columns by
    position, each moved as a whole, all its numbers one distance off another such row's: the
    rows are not in line (a tab-separated table printed with tab stops, where a label longer
    than a stop pushes its row's numbers one stop on; text taken out of a PDF). The table's
    columns are then as many as those rows' numbers, each at the middle of their n-th number,
    and those rows are read in order, left to right. A row with fewer numbers keeps its reading
    by position, against those columns, doubted: which columns it leaves blank its positions
    cannot tell. Where any such row is not moved as a whole (its numbers in line with one row's
    here and another's there: a table in line, its blank cells in different columns), where
    such rows are fewer than half the table's (most rows have blanks: which is not known), or
    hold fewer than three numbers (too few to tell a row moved from blanks), every row is read
    by position against the table's columns."""
    width = max(len(p) for p in prints)
    full = [r for r, p in enumerate(prints) if len(p) == width]
    placed = {tuple(int(np.argmin([abs(b.cx - x) for x in columns])) for b in prints[r]) for r in full}
    if width < 3 or len(columns) <= width or len(placed) < 2 or len(full) * 2 < len(prints):
        return columns, set()
    lines = [float(np.median([prints[r][c].cx for r in full])) for c in range(width)]
    for r in full:
        offsets = [b.cx - x for b, x in zip(prints[r], lines, strict=True)]
        if max(offsets) - min(offsets) > tolerance:
            return columns, set()
    return lines, {rows[r] for r in full}


_TRAILING_NUMBER = re.compile(r"(.*[\u3400-\u9fff）)])([0-9]+)")


def _rows_as_printed(block: list[list[Box]], others: list[Box], px: float,
                     ) -> tuple[list[list[Box]], list[Box], dict[int, int], dict[int, int]]:
    """A table's rows of numbers as a text printed without cells holds them: a number run into
    the words before it (`其他0`: a tab to the next stop a character away, one piece of print)
    taken apart, the number one of its row's; and a row of numbers with no words of its own,
    starting left of the row above's numbers, the row above's numbers run on to the next line
    (a long row wrapped), joined to it when together they are as many as the table's widest
    row's. Returns the rows, the words, the rows so joined (with the count of their first line's
    numbers) and each piece taken apart's source (by id)."""
    rows = [list(row) for row in block]
    centres = [float(np.mean([b.cy for b in row])) for row in rows]
    words: list[Box] = []
    parts: dict[int, int] = {}
    for b in others:
        r = int(np.argmin([abs(b.cy - c) for c in centres]))
        split = _TRAILING_NUMBER.fullmatch(b.text)
        if split and abs(b.cy - centres[r]) < px * 0.6:
            cut = max(b.x0 + 1, b.x1 - px * 0.55 * len(split[2]))
            words.append(Box(split[1], b.score, b.x0, b.y0, cut, b.y1))
            rows[r].append(Box(split[2], b.score, cut, b.y0, b.x1, b.y1))
            parts |= {id(words[-1]): id(b), id(rows[r][-1]): id(b)}
        else:
            words.append(b)
    width = max(len(row) for row in rows)
    out: list[list[Box]] = []
    wrapped: dict[int, int] = {}
    for row in rows:
        centre = float(np.mean([b.cy for b in row]))
        own_words = any(abs(b.cy - centre) < px * 0.6 for b in words)
        if (out and len(out) - 1 not in wrapped and not own_words and len(out[-1]) + len(row) == width
                and min(b.x0 for b in row) < min(b.x0 for b in out[-1])
                and centre - max(b.cy for b in out[-1]) < px * 2):
            wrapped[len(out) - 1] = len(out[-1])
            out[-1] = out[-1] + row
        else:
            out.append(row)
    return out, words, wrapped, parts


def _seal_characters(grid: list[list[tuple]], sealed: set[tuple[int, int]]) -> list[list[tuple]]:
    """A table's rows, a character or two read under a seal in a column of numbers (a number in
    it in another row) taken as the seal's print, not the cell's: the cell is what else is read
    in it (a number, or blank), doubted. On a grey
    scan the seal's name cannot be told from print by its colour; what it hides is not known."""
    def number(cell: tuple) -> bool:
        return bool(cell[0]) and bool(_NUMBER_CELL.fullmatch(cell[0]))

    value_columns = {c for row in grid for c, cell in enumerate(row) if number(cell)}

    def seal_print(band: int, c: int, text: str) -> str | None:
        rest = read_number(_MARKS.sub("", _WORD.sub("", text)))[0]
        if (band, c) in sealed and 1 <= len(_WORD.findall(text)) <= 2 and (not rest or _NUMBER_CELL.fullmatch(rest)):
            return rest
        return None

    out = []
    for band, row in enumerate(grid):
        # a row of numbers: in its columns of numbers nothing but numbers, blanks and such characters
        # (a header row's words, 总计 under a seal, are the header's)
        values = all(not cell[0] or number(cell) or seal_print(band, c, cell[0]) is not None
                     for c, cell in enumerate(row) if c in value_columns)
        cells = []
        for c, cell in enumerate(row):
            text = cell[0]
            rest = seal_print(band, c, text) if values and c in value_columns and not number(cell) else None
            if rest is not None:
                why = (f"read {text!r} under a seal in a column of numbers: the seal's character, "
                       + (f"the cell taken as {rest!r}" if rest else "the cell taken as blank"))
                cell = (rest, *cell[1:5], "; ".join(x for x in (cell[5], why) if x), *cell[6:])
            cells.append(cell)
        out.append(cells)
    return out


def _blank_columns_doubted(grid: list[list[tuple]]) -> list[list[tuple]]:
    """A table's rows, each number in them doubted when a column between the numbers is blank in
    every row that holds numbers: a rule found where none is printed (a seal's stroke, a grey
    scan's stain) splits a column in two, and a row's numbers no longer stand under their
    headers — a blank there reads as 0 and shifts the rest, which no rule might catch."""
    def number(cell: tuple) -> bool:
        return bool(cell[0]) and bool(_NUMBER_CELL.fullmatch(cell[0]))

    rows = [r for r in grid if any(number(c) for c in r)]
    if not rows:
        return grid
    width = len(rows[0])
    filled = [c for c in range(width) if any(number(r[c]) for r in rows)]
    blank = [c for c in range(width) if filled and filled[0] < c < filled[-1]
             and all(not r[c][0] for r in rows)]
    if not blank:
        return grid
    why = (f"column {blank[0] + 1} of its table is blank in every row of numbers: a ruling line found where none "
           "is printed would put this row's numbers under the wrong headers")
    return [[c if not number(c) else (*c[:5], "; ".join(x for x in (c[5], why) if x), *c[6:]) for c in r]
            if r in rows else r for r in grid]


def _second_look(reads: dict[tuple[int, int, int], _Read], ocr: Engine, gray: np.ndarray, ink: np.ndarray,
                 rules: np.ndarray, seal: np.ndarray, dpi: int) -> dict[tuple[int, int, int], tuple[str, float, str]]:
    """Every table cell's text, confidence and doubt. A cell that holds a number, or ink and no
    text, is read again from its own crop (recognition without detection) when the first
    reading was not sure; the two readings agree, or the cell is doubtful."""
    out: dict[tuple[int, int, int], tuple[str, float, str]] = {}
    again: list[tuple[tuple[int, int, int], np.ndarray]] = []
    shapes: dict[tuple[int, int, int], tuple[int, int] | None] = {}
    for key, read in reads.items():
        text, lookalike = read_number(read.raw)
        # a value cell: no word in it (a label has one; 无 is the zero mark)
        # (一 is a dash, the zero mark, beside a number's digits)
        numeric = not _WORD.search(text.replace("一", "") if _DIGIT.search(text) else text)
        if not numeric:
            sealed = _seal_over(seal, read.rect, dpi)
            seal_doubt = "" if not sealed else ("a seal is stamped over it"
                                                + (f"; read {text!r}" if len(text) <= 2 else ""))
            out[key] = (text, read.conf, "; ".join(x for x in (lookalike, seal_doubt) if x))
            continue
        box = _ink_box(ink, rules, read.rect, dpi)
        shapes[key] = None if box is None else (box[3] - box[1], box[2] - box[0])
        if not text and box is not None and _flat(box, dpi):
            out[key] = ("—", 1.0, "")  # a thin dash the recogniser passed over: the zero mark
            continue
        if box is not None and _slash(ink, rules, box, dpi):
            out[key] = ("/", 1.0, "")  # the zero mark (recognisers read it as 7 or 1): its shape tells
            continue
        sure = read.conf >= CONFIDENCE_FLOOR and not read.crossed and text not in ("", "—") and not lookalike
        if text == "—" and box is not None and (box[3] - box[1]) <= (box[2] - box[0]):
            sure = True  # a flat dash: the zero mark
        if box is not None and not sure:
            x0, y0, x1, y1 = box
            margin = max(4, dpi // 25)
            crop = gray[max(0, y0 - margin):y1 + margin, max(0, x0 - margin):x1 + margin]
            again.append((key, np.ascontiguousarray(crop)))
    second = dict(zip([k for k, _ in again], ocr.recognise([c for _, c in again]), strict=True))
    for key, read in reads.items():
        if key in out:
            continue
        text, lookalike = read_number(read.raw)
        conf = read.conf
        reasons = [lookalike] if lookalike else []
        shape = shapes.get(key)
        if key in second:
            text2, lookalike2 = read_number(second[key][0])
            conf2 = second[key][1]
            if (not _DIGIT.search(text2) and text2 != "—") or conf2 < 0.5:
                # no number (the lower or upper part of a label that spans rows, a speck): no second reading
                text2, lookalike2, conf2 = "", "", 0.0
            if not text2:
                pass
            elif not text:
                text, conf = text2, conf2
                if lookalike2:
                    reasons.append(lookalike2)
            elif text2 == text:
                conf = max(conf, conf2)
            elif read.crossed and text2:
                text, conf = text2, conf2
            else:
                reasons.append(f"read two ways: {text!r} ({read.conf:.2f}) and {text2!r} ({conf2:.2f})")
                # a digit dropped is the usual slip (an unsure number packed in a strip), a digit
                # made up from nothing is not: the longer reading wins over confidence
                if _one_digit_short(text, text2) or (conf2 > conf and not _one_digit_short(text2, text)):
                    text, conf = text2, conf2
        if text == "—" and shape is not None and shape[0] > shape[1] * 1.5:
            reasons.append("read as a dash, but its ink is upright like a 1")
        if text and not _NUMBER_CELL.fullmatch(text):
            # marks that are no part of a number (a seal's stroke, a speck): the number is kept, and doubted
            number = "".join(_NUMBER_PART.findall(text))
            reasons.append(f"read {text!r} where a number is expected" + (f"; taken as {number!r}" if number else ""))
            text = number
        flat_dash = text == "—" and shape is not None and shape[0] * 2 <= shape[1]
        if text and conf < CONFIDENCE_FLOOR and not flat_dash:
            reasons.append(f"confidence {conf:.2f}")
        if read.crossed:
            reasons.append("its text ran across a ruling line and was cut there")
        if _seal_over(seal, read.rect, dpi):
            reasons.append("a seal is stamped over it")
        # print of a digit's height where nothing was read, unless it read as words (a label's
        # part that reaches into the next row)
        label_part = key in second and second[key][1] >= 0.5 and not _DIGIT.search(second[key][0])
        if not text and shape is not None and _tall(shape, dpi) and not label_part:
            reasons.append("ink is there but nothing was read")
        out[key] = (text, round(conf, 3), "; ".join(dict.fromkeys(reasons)))
    return out


def _one_digit_short(short: str, long: str) -> bool:
    """`short` is `long` with one of its digits missing."""
    return (len(long) == len(short) + 1 and short.isdigit() and long.isdigit()
            and any(long[:i] + long[i + 1:] == short for i in range(len(long))))


def _clean_print(ink: np.ndarray, rules: np.ndarray, dpi: int) -> np.ndarray:
    """Print without the ruling lines and without specks of scanner noise."""
    cv2 = _cv()
    print_ = ((ink > 0) & ~rules).astype(np.uint8)
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(print_, connectivity=8)
    small = stats[:, 4] < max(3, (dpi / 200) ** 2 * 6)
    small[0] = True
    return ~small[labels] & (print_ > 0)


def text_lines(ink: np.ndarray, rules: np.ndarray, tables: list[Table], dpi: int,
               ) -> tuple[list[tuple[int, int, int, int]], list[list[list[tuple[int, int, int, int]]]]]:
    """Rectangles of the lines of print: outside the tables, over the page, a line cut where a
    gap wider than two characters shows separate pieces (a page number beside a footer); and
    per table row, per cell, the runs of rows holding print in that cell."""
    print_ = _clean_print(ink, rules, dpi)
    px = dpi * 10.5 / 72  # the height of a character of body text
    rows: list[list[list[tuple[int, int, int, int]]]] = []
    outside = print_.copy()
    for table in tables:
        top, bottom = table.rules[0].y, table.rules[-1].y
        outside[top:bottom + 1, table.columns[0]:table.columns[-1] + 1] = False
        pad = max(2, dpi // 60)
        for band, cells in enumerate(table.bands):
            y0 = table.rules[band].y + pad
            rows.append([_lines_in(print_, x0 + pad, y0, x1 - pad,
                                   table.rules[table.last_band(band, first) + 1].y - pad, px)
                         for first, _last, x0, x1 in cells if (band, first) not in table.below])
    h, w = outside.shape
    # upright strokes taken for ruling lines: a large character's (川, 州 in a title) is print
    cv2 = _cv()
    upright = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                               cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(25, dpi // 6)))) > 0
    return _xy_cut(outside, 0, 0, w, h, px, upright), rows


def _read_lines(ocr: Engine, gray: np.ndarray, prose: list[tuple[int, int, int, int]],
                rows: list[list[list[tuple[int, int, int, int]]]], dpi: int) -> list[Box]:
    """The text of every line rectangle: a table row's one-line cells read together as one strip
    where the engine can (`recognise_strips`), every other line on its own."""
    margin = max(3, dpi // 40)
    px = dpi * 10.5 / 72
    singles: list[tuple[int, int, int, int]] = []  # a table's lines read on their own
    strips: list[tuple[np.ndarray, list[tuple[int, int]]]] = []
    strip_rects: list[list[tuple[int, int, int, int]]] = []
    can_strip = hasattr(ocr, "recognise_strips")
    for row in rows:
        ones = [lines[0] for lines in row if len(lines) == 1]
        singles += [r for lines in row if len(lines) != 1 for r in lines]
        if not can_strip or len(ones) < 2:
            singles += ones
            continue
        centre = float(np.median([(r[1] + r[3]) / 2 for r in ones]))
        aligned = [r for r in ones if abs((r[1] + r[3]) / 2 - centre) <= px * 0.4 and r[3] - r[1] <= px * 1.6]
        singles += [r for r in ones if r not in aligned]
        if not aligned:
            continue
        top = max(0, min(r[1] for r in aligned) - margin)
        bottom = max(r[3] for r in aligned) + margin
        gap = np.full((bottom - top, max(4, round((bottom - top) * 0.5))), 255, np.uint8)
        parts, ranges, at = [], [], 0
        for r in sorted(aligned):
            piece = gray[top:bottom, max(0, r[0] - margin):r[2] + margin]
            parts += [piece, gap]
            ranges.append((at - gap.shape[1] // 2, at + piece.shape[1] + gap.shape[1] // 2))
            at += piece.shape[1] + gap.shape[1]
        image = np.hstack([gap, *parts])
        ranges = [(a + gap.shape[1], b + gap.shape[1]) for a, b in ranges]
        strips.append((image, ranges))
        strip_rects.append(sorted(aligned))
    boxes: list[Box] = []
    if strips:
        for rects, texts in zip(strip_rects, ocr.recognise_strips(strips), strict=True):  # type: ignore[attr-defined]
            boxes += [Box(text, score, *rect) for rect, (text, score) in zip(rects, texts, strict=True) if text]
    for rects, wide in ((prose, False), (singles, True)):
        crops = [np.ascontiguousarray(gray[max(0, y0 - margin):y1 + margin, max(0, x0 - margin):x1 + margin])
                 for x0, y0, x1, y1 in rects]
        boxes += [Box(text.strip(), score, *rect)
                  for rect, (text, score) in zip(rects, ocr.recognise(crops, wide=wide), strict=True)]
    return boxes


def _xy_cut(print_: np.ndarray, x0: int, y0: int, x1: int, y1: int, px: float,
            upright: np.ndarray | None = None) -> list[tuple[int, int, int, int]]:
    """Lines of print outside the tables, cut recursively: the area into bands of rows at the
    gaps between lines, a band into pieces at gaps wider than most of a character, each piece
    again into its own lines — so that the cells of a table printed without rules (a label
    over two lines beside a row of numbers on one) come apart, and a line of prose stays whole.
    `upright`: the strokes taken out of `print_` as vertical rules; one within a line's band
    (it reaches neither above nor below the line) is a large character's, and keeps the line
    whole across the white it left."""
    area = print_[y0:y1, x0:x1]
    if area.size == 0 or not area.any():
        return []
    bands = _runs(area.any(axis=1), gap=max(1, round(px * 0.12)))
    if len(bands) > 1:
        # a dot or a dash's worth of height between lines is read with its line, not alone
        tall = [(a, b) for a, b in bands if b - a >= px * 0.25]
        return [r for a, b in tall or bands for r in _xy_cut(print_, x0, y0 + a, x1, y0 + b, px, upright)]
    a, b = bands[0]
    ink = area[a:b].any(axis=0)
    if upright is not None and b - a <= px * 2.5:
        ink = ink | _strokes_in_line(upright, x0, y0 + a, x1, y0 + b, px)
    pieces = _runs(ink, gap=max(1, round(px * 0.8)))
    if len(pieces) > 1:
        return [r for c0, c1 in pieces for r in _xy_cut(print_, x0 + c0, y0 + a, x0 + c1, y0 + b, px, upright)]
    c0, c1 = pieces[0]
    return [(x0 + c0, y0 + a, x0 + c1, y0 + b)]


def _strokes_in_line(upright: np.ndarray, x0: int, y0: int, x1: int, y1: int, px: float) -> np.ndarray:
    """Per column of a line's band, whether an upright stroke stands in it that ends within the
    line (a character's, not a rule passing by), widened by the ruling lines' dilation (2 px)."""
    reach = max(2, round(px * 0.3))
    if y0 - reach < 0 or y1 + reach > upright.shape[0]:
        return np.zeros(x1 - x0, dtype=bool)
    inside = (upright[y0:y1, x0:x1].any(axis=0) & ~upright[y0 - reach, x0:x1]
              & ~upright[y1 - 1 + reach, x0:x1])
    if not inside.any():
        return inside
    return np.convolve(inside, np.ones(5), mode="same") > 0


def _lines_in(print_: np.ndarray, x0: int, y0: int, x1: int, y1: int, px: float,
              ) -> list[tuple[int, int, int, int]]:
    """The lines of print in a table cell, each as wide as its print."""
    area = print_[y0:y1, x0:x1]
    if area.size == 0 or not area.any():
        return []
    out = []
    for a, b in _runs(area.any(axis=1), gap=max(1, round(px * 0.12))):
        if b - a < px * 0.25:
            continue  # a dot or a dash's worth of height alone is read with its line, not as one
        cols = area[a:b].any(axis=0)
        c0, c1 = int(np.argmax(cols)), len(cols) - int(np.argmax(cols[::-1]))
        out.append((x0 + c0, y0 + a, x0 + c1, y0 + b))
    return out


def _slash(ink: np.ndarray, rules: np.ndarray, box: tuple[int, int, int, int], dpi: int) -> bool:
    """The print in a cell is one thin stroke leaning right, as tall as a digit: a `/`, the zero
    mark. (A 7 has its bar, a 4 its crossbar, a 1 stands upright.)"""
    x0, y0, x1, y1 = box
    h = y1 - y0
    if h < dpi * 10.5 / 72 * 0.6:
        return False
    stroke = (ink[y0:y1, x0:x1] > 0) & ~rules[y0:y1, x0:x1]
    rows = [np.flatnonzero(r) for r in stroke]
    if any(len(r) == 0 for r in rows[1:-1]):
        return False
    widths = [r[-1] - r[0] + 1 for r in rows if len(r)]
    if max(widths) > 0.3 * h:
        return False
    quarter = max(1, h // 4)
    top = np.mean([r.mean() for r in rows[:quarter] if len(r)])
    bottom = np.mean([r.mean() for r in rows[-quarter:] if len(r)])
    return bool(top - bottom > 0.15 * h)


def _seal_over(seal: np.ndarray, rect: tuple[int, int, int, int], dpi: int) -> bool:
    x0, y0, x1, y1 = rect
    pad = max(3, dpi // 40)
    inner = seal[y0 + pad:max(y0 + pad, y1 - pad), x0 + pad:max(x0 + pad, x1 - pad)]
    return bool(inner.size and inner.mean() > 0.01)


def _seal_near(seal: np.ndarray, rect: tuple[int, int, int, int], dpi: int) -> bool:
    """A seal's ink on or around a small rectangle (a speck the seal's strokes left)."""
    x0, y0, x1, y1 = rect
    pad = max(3, dpi // 40)
    return bool(seal[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad].any())


def _tall(shape: tuple[int, int], dpi: int) -> bool:
    """Print as tall as a digit (a speck or the edge of a label above is lower)."""
    return shape[0] >= dpi * 10.5 / 72 * 0.5


def _flat(box: tuple[int, int, int, int], dpi: int) -> bool:
    """Print as wide as a character or less and no thicker than a pen's line: a dash."""
    px = dpi * 10.5 / 72
    x0, y0, x1, y1 = box
    return px * 0.35 <= x1 - x0 <= px * 1.2 and y1 - y0 <= max(3, px * 0.12)


def _ink_box(ink: np.ndarray, rules: np.ndarray, rect: tuple[int, int, int, int], dpi: int,
             ) -> tuple[int, int, int, int] | None:
    """The box around the print inside a cell (its ruling lines and specks of noise left out),
    or None when the cell is empty."""
    cv2 = _cv()
    x0, y0, x1, y1 = rect
    pad = max(3, dpi // 40)
    ys, xs = slice(y0 + pad, max(y0 + pad, y1 - pad)), slice(x0 + pad, max(x0 + pad, x1 - pad))
    print_ = ((ink[ys, xs] > 0) & ~rules[ys, xs]).astype(np.uint8)
    if print_.sum() < (dpi / 200) ** 2 * 40:
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(print_, connectivity=8)
    keep = [stats[i] for i in range(1, count) if stats[i][4] >= (dpi / 200) ** 2 * 8]
    if not keep or sum(s[4] for s in keep) < (dpi / 200) ** 2 * 40:
        return None
    left = min(s[0] for s in keep) + xs.start
    top = min(s[1] for s in keep) + ys.start
    right = max(s[0] + s[2] for s in keep) + xs.start
    bottom = max(s[1] + s[3] for s in keep) + ys.start
    return left, top, right, bottom


def _in_lines(boxes: list[Box]) -> list[Box]:
    """Boxes of a cell in reading order: top to bottom by line, left to right in a line."""
    lines = _prose_lines(boxes)
    return [b for line in lines for b in line]


def _prose_lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines by their vertical centres, each line left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        if lines:
            last = lines[-1]
            centre = sum(b.cy for b in last) / len(last)
            if abs(box.cy - centre) < 0.5 * min(box.height, max(b.height for b in last)):
                last.append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _join_line(line: list[Box]) -> str:
    """A prose line's boxes: side by side, or two spaces apart where a gap shows a new cell."""
    out = line[0].text
    for prev, box in itertools.pairwise(line):
        out += ("  " if box.x0 - prev.x1 > 1.5 * box.height else "") + box.text
    return out


def _rule_mask(ink: np.ndarray, dpi: int) -> np.ndarray:
    """The ruling lines of a page (long horizontal and vertical strokes), to be left out when
    looking for ink inside a cell."""
    cv2 = _cv()
    k = max(25, dpi // 6)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    both = cv2.bitwise_or(_horizontal(ink, dpi), vertical)
    return cv2.dilate(both, np.ones((5, 5), np.uint8)) > 0


# ---------------------------------------------------------------- the document

def ocr_document(data: bytes, path: str = "<bytes>", engine_name: str = DEFAULT_ENGINE, dpi: int = DPI,
                 max_pages: int = MAX_PAGES, detect: bool = False) -> OcrDocument:
    """Read an image-only PDF or an image file by OCR. Never raises for bad content: problems
    (a file that cannot be opened, blank pages, a scan longer than `max_pages`) are recorded."""
    started, cpu_started = time.perf_counter(), time.process_time()
    doc = OcrDocument(path=path, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", source=LAYOUT,
                      layout=LAYOUT, dpi=dpi)
    try:
        pages = page_images(data, dpi, max_pages)
    except ValueError as exc:
        doc.problems.append(("file_unreadable", "error", f"{path}: {exc}"))
        return doc
    if not pages.images:
        doc.problems.append(("file_empty", "error", f"{path}: no pages"))
        return doc
    try:
        ocr = engine(engine_name)
    except EngineMissing as exc:
        doc.problems.append(("ocr_unavailable", "error", f"{path}: {exc}"))
        return doc
    doc.engine, doc.dpi, doc.pages = ocr.version, pages.dpi, pages.total
    if pages.total > len(pages.images):
        doc.problems.append(("ocr_too_long", "warning", f"{path}: a scan of {pages.total} pages; only the first "
                             f"{len(pages.images)} were read (a report has a few)"))
    lines: list[str] = []
    starts: list[int] = []
    for number, image in enumerate(pages.images, start=1):
        starts.append(len(lines) + 1)
        pieces, problems = read_page(image, ocr, pages.dpi, number, detect)
        doc.problems += [("ocr_page", "warning", f"{path}: {p}") for p in problems]
        for piece in pieces:
            line_no = len(lines) + 1
            texts, at = [], 0
            for text, raw, conf, x, y, doubt, table, row, col in piece.cells:
                doc.cells.append(OcrCell(number, int(x), int(y), line_no, at + 1, text, raw, round(float(conf), 3),
                                         table, row, col, doubt))
                texts.append(text)
                at += len(text) + 1
            lines.append("\t".join(texts) if piece.table else texts[0])
        if not pieces:
            lines.append("")
    doc.text = "\n".join(lines)
    doc.page_lines = tuple(starts)
    if not doc.text.strip():
        doc.problems.append(("file_no_text", "error", f"{path}: no text was recognised on any page"))
    doc.seconds = round(time.perf_counter() - started, 3)
    doc.cpu_seconds = round(time.process_time() - cpu_started, 3)
    return doc


def needs_ocr(doc: Document) -> bool:
    """A decoded Document whose text must be recognised: a PDF without a (usable) text layer."""
    return any(code == "file_no_text" for code, _, _ in doc.problems) and doc.source == "pdf"
