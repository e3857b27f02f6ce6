"""Scanned reports: generated reports printed to page images and "scanned" — a slight rotation
and shear, paper grain and JPEG noise, a red stamp over part of a table — then saved as PDFs of
images only (no text layer), each with its gold, so that the OCR path can be scored at volume.

`scan_report(report, rng, dpi)` is pure (a report dict in the gold schema → PDF bytes and what
the scan did); `write_scans` writes a folder of them. Reports come from the generator itself
(`corpus.agency_files`), so their numbers, styles and injected errors are the corpus's own.

A CJK font is needed: Noto CJK (Debian `fonts-noto-cjk`) or WenQuanYi Zen Hei
(`fonts-wqy-zenhei`); `find_cjk_font` looks for one and says what to install when none is there.
"""

from __future__ import annotations

import io
import json
import math
import random
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import render
from .corpus import Options, agency_files
from .population import build_population
from .render import Cell

A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.9
FONT_POINTS = 10.5  # 五号, the size reports print their tables in
TITLE_POINTS = 15
_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


class NoCjkFont(RuntimeError):
    """No font with Chinese glyphs is installed."""


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, int]:
    """(font file, face index) of a font with simplified Chinese glyphs."""
    candidates = [Path(p) for p in _FONT_FILES]
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        candidates += [Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip()]
    from PIL import ImageFont

    for path in candidates:
        if not path.is_file():
            continue
        for index in range(8 if path.suffix == ".ttc" else 1):
            try:
                font = ImageFont.truetype(str(path), 20, index=index)
            except OSError:
                break
            family = " ".join(font.getname())
            if path.suffix != ".ttc" or " SC" in family or "Zen Hei" in family or "Micro Hei" in family:
                return str(path), index
    raise NoCjkFont("no font with Chinese glyphs found: install fonts-noto-cjk (or fonts-wqy-zenhei)")


@lru_cache(maxsize=16)
def _font(pixels: int):
    from PIL import ImageFont

    path, index = find_cjk_font()
    return ImageFont.truetype(path, pixels, index=index, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class ScanStyle:
    dpi: int = 200
    angle: float = 0.0  # degrees, counter-clockwise
    shear: float = 0.0  # horizontal shear (x shifts by shear × y)
    jpeg_quality: int = 60
    noise: float = 6.0  # standard deviation of the grain, in grey levels
    stamp: bool = True
    color: bool = True  # a colour scan (a grey one turns the red stamp dark grey)
    rules: bool = True  # the tables' ruling lines printed (without: a table typed with spaces)

    @staticmethod
    def draw(rng: random.Random, dpi: int | None = None) -> ScanStyle:
        return ScanStyle(
            dpi=dpi or rng.choice((150, 200, 200, 300)),
            angle=rng.uniform(-1.2, 1.2),
            shear=rng.uniform(-0.004, 0.004),
            jpeg_quality=rng.randint(45, 85),
            noise=rng.uniform(3, 10),
            stamp=rng.random() < 0.8,
            color=rng.random() < 0.85,
        )


# ---------------------------------------------------------------- layout: blocks → pages of drawing

@dataclass
class _Page:
    texts: list[tuple[float, float, str, int]]  # x, y (top), text, pixel size
    lines: list[tuple[float, float, float, float]]  # x0, y0, x1, y1
    tables: list[tuple[float, float, float, float]]  # a table's part on this page: its box


def _wrap(text: str, width: float, px: int) -> list[str]:
    """Lines of `text` no wider than `width` pixels at size `px` (characters measured by the font)."""
    font = _font(px)
    lines = []
    for part in text.split("\n"):  # a line break the report prints inside a cell
        line = ""
        for ch in part:
            if line and font.getlength(line + ch) > width:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return [line for line in lines if line] or [""]


def _column_widths(grid: list[list[Cell]], total: float, px: int) -> list[float]:
    """Widths of a table's grid columns: number columns share alike, label columns by their text."""
    font = _font(px)
    n = len(grid[0])
    want = []
    for c in range(n):
        texts = [row[c].text for row in grid if row[c].cs == 1 and row[c].text]
        numeric = all(row[c].num or not row[c].text for row in grid[-3:])
        longest = max((font.getlength(t) for t in texts), default=px * 2)
        want.append(px * 3.2 if numeric else min(max(longest, px * 3), px * 9))
    scale = total / sum(want)
    return [w * scale for w in want]


def _layout(blocks: list[Any], dpi: int) -> list[_Page]:
    page_w, page_h = (round(v * dpi) for v in A4_INCHES)
    margin = MARGIN_INCHES * dpi
    px = round(FONT_POINTS / 72 * dpi)
    lead = px * 1.9
    width = page_w - 2 * margin
    pages = [_Page([], [], [])]
    y = margin

    def room(height: float) -> None:
        nonlocal y
        if y + height > page_h - margin:
            pages.append(_Page([], [], []))
            y = margin

    for index, block in enumerate(blocks):
        if isinstance(block, str):
            size = round(TITLE_POINTS / 72 * dpi) if index == 0 else px
            # a paragraph's first line is indented two characters; a heading (a short line) is not
            indent = 0 if index == 0 or len(block) < 30 else 2 * size
            for i, line in enumerate(_wrap(block, width - indent, size)):
                room(size * 1.9)
                x = margin + (indent if i == 0 else 0)
                if index == 0:
                    x = margin + max(0.0, (width - _font(size).getlength(line)) / 2)
                pages[-1].texts.append((x, y, line, size))
                y += size * 1.9
            continue
        y = _table(block, pages, y, margin, width, page_h, px, lead) + lead * 0.5
    return pages


def _table(model: list[list[Cell]], pages: list[_Page], y: float, margin: float, width: float,
           page_h: float, px: int, lead: float) -> float:
    """Draw a table (its spans as the model gives them) from `y`, breaking it over pages by rows."""
    grid = render.expand(model)
    widths = _column_widths(grid, width, px)
    xs = [margin]
    for w in widths:
        xs.append(xs[-1] + w)
    # place every model cell on the grid (the slots `expand` fills), and wrap its text
    placed: list[tuple[int, int, Cell, list[str]]] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(model):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    taken.add((r + dr, c + dc))
            span_w = xs[c + cell.cs] - xs[c] - px * 0.6
            placed.append((r, c, cell, _wrap(cell.text, span_w, px) if cell.text else []))
            c += cell.cs
    heights = [px * 2.0] * len(grid)
    for r, _c, cell, lines in placed:
        need = len(lines) * px * 1.35 + px * 0.8
        have = sum(heights[r:r + cell.rs])
        if need > have:
            for k in range(r, r + cell.rs):
                heights[k] += (need - have) / cell.rs
    # rows to pages: a row that does not fit starts a new page; spanned cells are cut with it
    tops: list[tuple[int, float]] = []  # (page, top) of each row
    for h in heights:
        if y + h > page_h - margin and tops:
            pages.append(_Page([], [], []))
            y = margin
        tops.append((len(pages) - 1, y))
        y += h
    for r, c, cell, lines in placed:
        x0, x1 = xs[c], xs[c + cell.cs]
        for page_of in sorted({tops[k][0] for k in range(r, r + cell.rs)}):  # its part on each page
            rows = [k for k in range(r, r + cell.rs) if tops[k][0] == page_of]
            top, bottom = tops[rows[0]][1], tops[rows[-1]][1] + heights[rows[-1]]
            pages[page_of].lines += [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom),
                                     (x1, top, x1, bottom)]
        page_of = tops[r][0]
        rows = [k for k in range(r, r + cell.rs) if tops[k][0] == page_of]
        top, bottom = tops[r][1], tops[rows[-1]][1] + heights[rows[-1]]
        page = pages[page_of]
        block_h = len(lines) * px * 1.35
        ty = top + (bottom - top - block_h) / 2
        for line in lines:
            tw = _font(px).getlength(line)
            tx = x0 + (x1 - x0 - tw) / 2 if cell.num or len(lines) == 1 else x0 + px * 0.3
            page.texts.append((tx, ty, line, px))
            ty += px * 1.35
    for page_of in sorted({p for p, _ in tops}):
        rows = [k for k, (p, _) in enumerate(tops) if p == page_of]
        pages[page_of].tables.append((xs[0], tops[rows[0]][1], xs[-1], tops[rows[-1]][1] + heights[rows[-1]]))
    return y


# ---------------------------------------------------------------- drawing and scanning

def _draw(page: _Page, dpi: int, rules: bool = True):
    from PIL import Image, ImageDraw

    size = tuple(round(v * dpi) for v in A4_INCHES)
    img = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(img)
    stroke = max(1, round(dpi / 110))
    for x0, y0, x1, y1 in page.lines if rules else ():
        pen.line((x0, y0, x1, y1), fill=(20, 20, 20), width=stroke)
    for x, y, text, px in page.texts:
        pen.text((x, y), text, font=_font(px), fill=(15, 15, 15))
    return img


def _stamp(img, box: tuple[float, float, float, float], rng: random.Random, dpi: int,
           agency: str) -> tuple[int, int, int]:
    """A round red seal (盖章) over part of `box`: a ring, a star and the agency's name; returns
    its centre and radius in the page's pixels (before the scan's rotation)."""
    from PIL import Image, ImageDraw

    radius = round(dpi * rng.uniform(0.7, 0.85))
    x0, y0, x1, y1 = box
    cx = round(rng.uniform(x0 + (x1 - x0) * 0.35, x1 - radius * 0.3))
    cy = round(rng.uniform(y0 + radius * 0.2, max(y0 + radius * 0.2, y1 - radius * 0.2)))
    layer = Image.new("RGB", img.size, "white")
    pen = ImageDraw.Draw(layer)
    red = (rng.randint(200, 235), rng.randint(30, 70), rng.randint(30, 70))
    ring = max(3, dpi // 40)
    pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=ring)
    star = radius * 0.28
    points = [(cx + star * (1 if i % 2 == 0 else 0.4) * math.sin(i * math.pi / 5),
               cy - star * (1 if i % 2 == 0 else 0.4) * math.cos(i * math.pi / 5)) for i in range(10)]
    pen.polygon(points, fill=red)
    name = agency[:14]
    font = _font(max(8, round(radius * 0.22)))
    for i, ch in enumerate(name):  # the name around the upper arc
        a = math.pi * (-0.8 + 1.6 * i / max(1, len(name) - 1))
        tx = cx + radius * 0.72 * math.sin(a)
        ty = cy - radius * 0.72 * math.cos(a)
        pen.text((tx, ty), ch, font=font, fill=red, anchor="mm")
    # ink multiplies: what is printed under the seal shows through it
    from PIL import ImageChops

    img.paste(ImageChops.multiply(img, layer))
    return cx, cy, radius


def scan_page(img, style: ScanStyle, rng: random.Random):
    """A page image as a scanner gives it back: rotated and sheared a little, grainy, JPEG-coded."""
    import numpy as np
    from PIL import Image

    w, h = img.size
    # rotate and shear about the centre (white fills what comes in at the edges)
    a = math.radians(style.angle)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = w / 2, h / 2
    # inverse map: output (x, y) → input; x' = cos*x + sin*y + shear*y ...
    coeffs = (cos, sin + style.shear, cx - cos * cx - (sin + style.shear) * cy,
              -sin, cos, cy + sin * cx - cos * cy)
    img = img.transform(img.size, Image.Transform.AFFINE, coeffs, resample=Image.Resampling.BILINEAR,
                        fillcolor="white")
    pixels = np.asarray(img, dtype=np.float32)
    grain = np.random.default_rng(rng.getrandbits(32)).normal(0, style.noise, pixels.shape[:2])
    pixels = np.clip(pixels * rng.uniform(0.93, 0.98) + grain[..., None] + rng.uniform(4, 14), 0, 255)
    img = Image.fromarray(pixels.astype(np.uint8), "RGB")
    if not style.color:
        img = img.convert("L")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=style.jpeg_quality)
    out.seek(0)
    return Image.open(out)


def scan_report(report: dict[str, Any], rng: random.Random, style: ScanStyle | None = None) -> tuple[bytes, dict]:
    """A report (gold schema, with its `style`) as a scanned PDF of images only, and what the
    scan did: dpi, angle, shear, the pages, and where the stamp is."""
    style = style or ScanStyle.draw(rng)
    blocks = render.document_blocks(report, rng)
    pages = _layout(blocks, style.dpi)
    images, stamp = [], None
    tables = [(i, box) for i, p in enumerate(pages) for box in p.tables]
    stamp_at = rng.choice(tables) if tables and style.stamp else None
    for i, page in enumerate(pages):
        img = _draw(page, style.dpi, style.rules)
        if stamp_at and stamp_at[0] == i:
            cx, cy, radius = _stamp(img, stamp_at[1], rng, style.dpi, report["agency"])
            stamp = {"page": i + 1, "x": cx, "y": cy, "radius": radius}
        images.append(scan_page(img, style, rng))
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(style.dpi))
    scan = {"dpi": style.dpi, "angle": round(style.angle, 3), "shear": round(style.shear, 4),
            "jpeg_quality": style.jpeg_quality, "color": style.color, "pages": len(pages), "stamp": stamp,
            "rules": style.rules}
    return out.getvalue(), scan


def report_of(gold: dict[str, Any]) -> dict[str, Any]:
    """The report dict the renderers take, from a generated file's gold."""
    keys = ("agency", "year", "template", "forms", "active", "applications", "review_litigation", "style", "facts")
    return {k: gold[k] for k in keys if k in gold}


def scanned_files(agencies: int, seed: int = 7, years: tuple[int, ...] = (2023,), dpi: int | None = None,
                  error_rate: float = 0.03, missing_rate: float = 0.04):
    """(name, PDF bytes, gold) of scanned reports: the generator's reports of `agencies`
    agencies in `years`, each scanned with a style drawn from its own random stream."""
    opts = Options(years=years, seed=seed, error_rate=error_rate, missing_rate=missing_rate, junk_rate=0.0,
                   layouts=("html",))
    for agency in build_population(agencies, seed):
        for generated in agency_files(agency, opts):
            gold = dict(generated.gold)
            rng = random.Random(f"{seed}/scan/{gold['source']}")
            data, scan = scan_report(report_of(gold), rng, ScanStyle.draw(rng, dpi))
            gold.update(layout="pdf-ocr", encoding="pdf", scan=scan)
            yield generated.name.rsplit(".", 1)[0] + ".pdf", data, gold


def write_scans(out_dir: Path, agencies: int, seed: int = 7, years: tuple[int, ...] = (2023,),
                dpi: int | None = None) -> int:
    """Write scanned reports and their gold files to `out_dir`; returns how many."""
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, data, gold in scanned_files(agencies, seed, years, dpi):
        (out_dir / name).write_bytes(data)
        stem = name.rsplit(".", 1)[0]
        (out_dir / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        count += 1
    return count


def draw_table(rows: list[list[str]], dpi: int = 200, title: str = "", widths: list[float] | None = None):
    """A small page image: an optional title line over a ruled table of these rows (each cell
    one line of text, a cell's width in characters from `widths`, else 6). For tests and
    examples of the OCR path; a report's pages come from `scan_report`."""
    from PIL import Image, ImageDraw

    px = round(FONT_POINTS / 72 * dpi)
    widths = widths or [6.0] * len(rows[0])
    xs = [px]
    for w in widths:
        xs.append(xs[-1] + round(w * px))
    row_h = round(px * 2)
    top = px * (3 if title else 1)
    img = Image.new("RGB", (xs[-1] + px, top + row_h * len(rows) + px), "white")
    pen = ImageDraw.Draw(img)
    font = _font(px)
    if title:
        pen.text((px, px), title, font=font, fill=(15, 15, 15))
    stroke = max(1, round(dpi / 110))
    for r in range(len(rows) + 1):
        pen.line((xs[0], top + r * row_h, xs[-1], top + r * row_h), fill=(20, 20, 20), width=stroke)
    for x in xs:
        pen.line((x, top, x, top + row_h * len(rows)), fill=(20, 20, 20), width=stroke)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            w = font.getlength(text)
            pen.text((xs[c] + (xs[c + 1] - xs[c] - w) / 2, top + r * row_h + (row_h - px) / 2 - px * 0.1), text,
                     font=font, fill=(15, 15, 15))
    return img
