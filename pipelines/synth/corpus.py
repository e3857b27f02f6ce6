"""A corpus of generated reports with a gold file beside each: the generator's edge.

`agency_files` is pure (one agency's files, as names, bytes and gold dicts); `write_corpus`
writes them, fanning agencies out over processes. Every agency draws from its own random
stream seeded by (seed, agency id), so the corpus is the same whatever the process count.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines import spec

from . import render
from .documents import FILE_LAYOUTS, render_file
from .numbers import AgencyModel, inject_error, print_in_form
from .population import Agency, build_population

ENCODINGS = (("utf-8", 0.84), ("gb18030", 0.10), ("utf-8-sig", 0.06))
# plain: every report printed the one way the generator always printed them (for comparison);
# varied: reports differ as real ones do (wordings, breaks, spacing, shapes, blanks, furniture, mixtures)
VARIETIES = ("varied", "plain")
# the share of a varied corpus's reports that print a table in another template's form, where
# the template declares that mixture
MIXTURE_RATE = 0.12
NOT_REPORTS = ("notice", "empty", "binary", "old_report")
# a report's second copy: a page and a crawler's text of it, or a page and its PDF attachment.
# The layout the report was drawn in picks its partner; the copy has no gold of its own (the
# report's gold names it under "copies").
COPY_PAIRS = {"html": ("crawler", "pdf-file"), "crawler": ("html",), "pdf-file": ("html",)}
COPY_DEFAULT = ("crawler", "pdf-file")


@dataclass(frozen=True)
class Options:
    years: tuple[int, ...] = tuple(range(2019, 2026))
    seed: int = 7
    error_rate: float = 0.03  # share of reports with one wrong cell
    missing_rate: float = 0.04  # share of reports without one of their tables
    junk_rate: float = 0.02  # extra files per report that are not reports
    layouts: tuple[str, ...] = render.LAYOUTS  # text layouts; FILE_LAYOUTS (PDF, Word) when asked for
    source: str = "synth"
    variety: str = "varied"  # one of VARIETIES
    copy_rate: float = 0.0  # share of reports also written as a second copy in another layout (COPY_PAIRS)

    def __post_init__(self) -> None:
        if self.variety not in VARIETIES:
            raise ValueError(f"variety must be one of {', '.join(VARIETIES)}, not {self.variety!r}")


@dataclass(frozen=True)
class GeneratedFile:
    name: str
    data: bytes
    gold: dict[str, Any] | None  # None: a copy of a report whose gold is beside its first file


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def _copy_file(report: dict[str, Any], layout: str, stem: str, opts: Options) -> tuple[GeneratedFile, list[str]]:
    """The same report in another layout (its own style, drawn from a stream of its own so the
    corpus's other files are what they would be without copies); the rows its digits run together
    ambiguously, if a crawler's text."""
    crng = random.Random(f"{opts.seed}/copy/{stem}")
    copy = {k: v for k, v in report.items() if k not in ("style", "ambiguous")}
    style = render.draw_style(layout, crng)
    if opts.variety == "varied":
        style = render.vary_style(style, layout, crng)
    copy["style"] = style
    if layout in FILE_LAYOUTS:
        data, ext = render_file(layout, copy, crng), FILE_LAYOUTS[layout]
    else:
        data, ext = _encode(render.render(layout, copy, crng), "utf-8"), render.EXTENSIONS[layout]
    loose = list(render.crawler_ambiguities(copy, style)) if layout == "crawler" else []
    return GeneratedFile(f"{stem}_copy.{ext}", data, None), loose


def _report_file(agency: Agency, year: int, tables: dict[str, Any], opts: Options, rng: random.Random,
                 first: bool, last: bool) -> list[GeneratedFile]:
    layout = rng.choice(opts.layouts)
    style = render.draw_style(layout, rng)
    encoding = rng.choices([e for e, _ in ENCODINGS], weights=[w for _, w in ENCODINGS])[0]
    if encoding == "gb18030":
        style["charset"] = rng.choice(("gbk", "gb2312", "GB18030"))
    report: dict[str, Any] = {"agency": agency.name, "year": year, **tables}
    notes: list[str] = []
    if opts.variety == "varied":
        # the report's variations draw from a stream of their own (its renderer still draws from `rng`)
        vary = random.Random(f"{opts.seed}/vary/{agency.id}/{year}")
        style = render.vary_style(style, layout, vary)
        forms = {table: vary.choice(choices) for table, choices in spec.MIXTURES.get(tables["template"], {}).items()
                 if choices and vary.random() < MIXTURE_RATE}
        for table, form in forms.items():
            report[table] = print_in_form(table, report[table], tables["template"], form, vary)
            notes.append(f"{table} printed in the {form} form (a mixture the {tables['template']} template allows)")
        if forms:
            report["forms"] = forms
    published = rng.randint(5, 60) * (3 if agency.level != "township" else 1)
    report["facts"] = {**render.facts_of(report), "published": published}
    errors: list[dict[str, Any]] = []
    if rng.random() < opts.error_rate:
        errors = [e for e in inject_error(report, rng)
                  if not (e["rule"] == "rule6" and ((e["row"] == "carried_over" and first)
                                                    or (e["row"] == "carried_forward" and last)))]
        if errors:
            e = errors[0]
            notes.append(
                f"the report prints {e['table']}/{e['row']}/{e['col']} = {e['printed']} where its other cells "
                f"give {e['true']}: breaks {', '.join(sorted({x['rule'] + ' ' + x['name'] for x in errors}))}"
            )
            if e["table"] == "applications" and e["row"] in ("new", "carried_over", "total_handled", "carried_forward"):
                notes.append("the prose states the figure the other cells give")
    if rng.random() < opts.missing_rate:
        dropped = rng.choices(("active", "review_litigation", "applications"), weights=(5, 4, 1))[0]
        if not any(e["table"] == dropped for e in errors):
            del report[dropped]
            notes.append(f"the report has no {dropped} table")
    report["style"] = style
    if layout in FILE_LAYOUTS:
        data, ext = render_file(layout, report, rng), FILE_LAYOUTS[layout]
        encoding = ext  # what the parser says of a PDF's or a Word file's text
    else:
        data, ext = _encode(render.render(layout, report, rng), encoding), render.EXTENSIONS[layout]
    if layout == "crawler":
        loose = render.crawler_ambiguities(report, style)
        if loose:
            notes.append("crawler text runs digits together; these rows split more than one way under the "
                         f"sums, the gold holds the published cells: {', '.join(loose)}")
            report["ambiguous"] = loose
    stem = f"{agency.id:06d}_{year}"
    gold = {
        "source": f"{opts.source}:{opts.seed}/{stem}",
        "agency": agency.name,
        "year": year,
        "template": report["template"],
        **({"forms": report["forms"]} if "forms" in report else {}),
        **{t: report[t] for t in ("active", "applications", "review_litigation") if t in report},
        "notes": "; ".join(notes),
        "layout": layout,
        "encoding": encoding,
        "injected_errors": errors,
        "style": style,
        "region": {"province": agency.region.province, "city": agency.region.city,
                   "county": agency.region.county, "adcode": agency.region.adcode, "level": agency.level,
                   "kind": agency.kind},
    }
    if "ambiguous" in report:
        gold["ambiguous"] = report["ambiguous"]
    files = [GeneratedFile(f"{stem}.{ext}", data, gold)]
    if opts.copy_rate > 0:
        draw = random.Random(f"{opts.seed}/copies/{stem}")
        if draw.random() < opts.copy_rate:
            copy, loose = _copy_file(report, draw.choice(COPY_PAIRS.get(layout, COPY_DEFAULT)), stem, opts)
            gold["copies"] = [copy.name]
            if loose:
                gold["copy_ambiguous"] = loose
            files.append(copy)
    return files


def _junk_file(agency: Agency, year: int, opts: Options, rng: random.Random) -> GeneratedFile:
    kind = rng.choice(NOT_REPORTS)
    stem = f"{agency.id:06d}_{year}_x"
    agency_name, gold_year = None, None
    if kind == "notice":
        data, ext = render.render_notice(agency.name, year, rng).encode("utf-8"), "txt"
    elif kind == "empty":
        data, ext = rng.choice((b"", b"\n", "\ufeff".encode())), "txt"
    elif kind == "binary":
        data, ext = render.junk_bytes(rng), rng.choice(("txt", "html"))
    else:
        old_year = rng.randint(2010, 2018)
        data, ext = render.render_old_report(agency.name, old_year, rng).encode("utf-8"), "txt"
        agency_name, gold_year = agency.name, old_year
    gold = {"source": f"{opts.source}:{opts.seed}/{stem}", "agency": agency_name, "year": gold_year,
            "not_a_report": True, "layout": kind, "notes": f"not a report: {kind}", "injected_errors": []}
    return GeneratedFile(f"{stem}.{ext}", data, gold)


def agency_files(agency: Agency, opts: Options) -> list[GeneratedFile]:
    """Every file of one agency: a report a year (tables consistent across years), for a share
    `copy_rate` of them a second copy in another layout, and the occasional file that is not a
    report."""
    rng = random.Random(f"{opts.seed}/agency/{agency.id}")
    model = AgencyModel(agency.level, agency.kind, agency.busyness, rng)
    years = sorted(opts.years)
    out = []
    for i, year in enumerate(years):
        tables = model.year_tables(year)
        out += _report_file(agency, year, tables, opts, rng, first=i == 0, last=i == len(years) - 1)
        if rng.random() < opts.junk_rate:
            out.append(_junk_file(agency, year, opts, rng))
    return out


def _write(files: Iterable[GeneratedFile], out_dir: Path) -> Counter:
    counts: Counter = Counter()
    for f in files:
        (out_dir / f.name).write_bytes(f.data)
        if f.gold is None:
            counts["copies"] += 1
            continue
        stem = f.name.rsplit(".", 1)[0]
        (out_dir / f"{stem}.gold.json").write_text(json.dumps(f.gold, ensure_ascii=False, indent=1), encoding="utf-8")
        counts["not_a_report" if f.gold.get("not_a_report") else "reports"] += 1
        counts[f"layout:{f.gold['layout']}"] += 1
        counts["injected_errors"] += bool(f.gold["injected_errors"])
    return counts


def _write_chunk(args: tuple[Sequence[Agency], Options, str]) -> Counter:
    agencies, opts, out_dir = args
    counts: Counter = Counter()
    for agency in agencies:
        counts += _write(agency_files(agency, opts), Path(out_dir))
    return counts


def write_corpus(out_dir: Path, agencies: int, opts: Options, processes: int = 1, chunk: int = 200) -> Counter:
    """Write the corpus of `agencies` agencies to `out_dir`; returns counts by kind and layout.
    Workers take `chunk` agencies at a time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    population = build_population(agencies, opts.seed)
    size = max(1, chunk)
    chunks = [(population[i:i + size], opts, str(out_dir)) for i in range(0, len(population), size)]
    if processes <= 1 or len(chunks) == 1:
        return sum((_write_chunk(c) for c in chunks), Counter())
    with ProcessPoolExecutor(processes) as pool:
        return sum(pool.map(_write_chunk, chunks), Counter())


def write_sample_corpus(out_dir: Path, agencies: int = 40, seed: int = 7) -> int:
    """The small seeded sample `make run` builds from when raw/ is empty, in every layout, PDF and
    Word files included; returns files written."""
    counts = write_corpus(Path(out_dir), agencies, Options(seed=seed, layouts=render.LAYOUTS + tuple(FILE_LAYOUTS)))
    return counts["reports"] + counts["not_a_report"]
