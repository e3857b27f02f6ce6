"""The generator: numbers obey the spec, layouts render, gold files match the spec's codes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipelines import spec
from pipelines.cli import main as cli_main
from pipelines.parse import parse_bytes
from pipelines.synth import render
from pipelines.synth.corpus import Options, agency_files, write_corpus, write_sample_corpus
from pipelines.synth.documents import FILE_LAYOUTS, render_file
from pipelines.synth.numbers import AgencyModel, broken_rules, inject_error
from pipelines.synth.population import build_population

YEARS = tuple(range(2019, 2026))


@pytest.fixture(scope="module")
def population():
    return build_population(60, seed=3)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    opts = Options(seed=11, error_rate=0.2, junk_rate=0.1, missing_rate=0.1)
    write_corpus(out, 25, opts)
    golds = {p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
             for p in out.glob("*.gold.json")}
    return out, golds


def test_population_names_are_distinct_and_levels_mixed(population):
    names = [a.name for a in population]
    assert len(set(names)) == len(names)
    assert {a.level for a in population} >= {"city", "county", "township"}
    assert all(a.name.startswith(a.region.province) or a.region.county or a.region.city for a in population)


def test_numbers_obey_every_rule_and_carry_over(population):
    for agency in population:
        model = AgencyModel(agency.level, agency.kind, agency.busyness, random.Random(agency.id))
        previous = None
        for year in YEARS:
            tables = model.year_tables(year)
            assert broken_rules(tables) == [], (agency.name, year)
            apps = tables["applications"]
            assert all(v >= 0 for row in apps.values() for v in row.values())
            if previous:
                assert apps["carried_over"] == previous["carried_forward"]
            previous = apps


def test_templates_follow_the_years():
    assert AgencyModel.template_for(2020, late_v2019=True) == "v2019"
    assert AgencyModel.template_for(2021, late_v2019=True) == "v2019"
    assert AgencyModel.template_for(2021, late_v2019=False) == "v2021"
    assert AgencyModel.template_for(2024, late_v2019=True) == "v2021"


def test_volumes_are_skewed():
    """Most agencies receive few requests, a few receive many."""
    news = sorted(
        AgencyModel(a.level, a.kind, a.busyness, random.Random(a.id)).year_tables(2022)["applications"]["new"]["total"]
        for a in build_population(300, seed=5)
    )
    assert news[len(news) // 2] < 30 < news[-1]


def test_injected_error_breaks_the_rules_it_names(population):
    rng = random.Random(1)
    agency = population[0]
    model = AgencyModel(agency.level, agency.kind, agency.busyness, rng)
    for year in YEARS:
        report = model.year_tables(year)
        errors = inject_error(report, rng)
        named = {(e["rule"], e["name"]) for e in errors if e["rule"] != "rule6"}
        assert named == set(broken_rules(report))
        assert named, "a one-cell error always breaks a sum"


def test_gold_schema_matches_spec_codes(corpus):
    _, golds = corpus
    reports = [g for g in golds.values() if not g.get("not_a_report")]
    assert reports
    for g in reports:
        t = g["template"]
        assert t == AgencyModel.template_for(g["year"], late_v2019=t == "v2019" and g["year"] == 2021)
        assert {"source", "agency", "year", "template", "notes", "layout", "injected_errors"} <= set(g)
        forms = g.get("forms", {})
        assert all(form in spec.MIXTURES[t][table] for table, form in forms.items()), "only declared mixtures"
        if "active" in g:
            assert {k: tuple(v) for k, v in g["active"].items()} == spec.ACTIVE_ITEMS[forms.get("active", t)]
        if "applications" in g:
            assert tuple(g["applications"]) == spec.APPLICATION_ROWS[forms.get("applications", t)]
            assert all(tuple(row) == spec.APPLICANTS for row in g["applications"].values())
        if "review_litigation" in g:
            assert tuple(g["review_litigation"]) == spec.REVIEW_GROUPS
            assert all(tuple(row) == spec.REVIEW_OUTCOMES for row in g["review_litigation"].values())
    assert any(len([t for t in spec.TABLES if t in g]) < 3 for g in reports), "some reports miss a table"


def test_gold_rules_hold_except_injected_errors(corpus):
    _, golds = corpus
    injected = 0
    for g in golds.values():
        if g.get("not_a_report"):
            continue
        recorded = {(e["rule"], e["name"]) for e in g["injected_errors"] if e["rule"] != "rule6"}
        assert set(broken_rules(g)) == recorded, g["source"]
        injected += bool(recorded)
        if recorded:
            assert g["notes"]
    assert injected


def test_carried_over_continuity_across_years(corpus):
    _, golds = corpus
    by_agency: dict[str, dict[int, dict]] = {}
    for g in golds.values():
        if not g.get("not_a_report") and "applications" in g:
            by_agency.setdefault(g["agency"], {})[g["year"]] = g
    checked = 0
    for years in by_agency.values():
        for year, g in years.items():
            prev = years.get(year - 1)
            if not prev:
                continue
            touched = {e["col"] for x in (g, prev) for e in x["injected_errors"]
                       if e["row"] in ("carried_over", "carried_forward")}
            for col in spec.APPLICANTS:
                if col not in touched and "total" not in touched:
                    assert g["applications"]["carried_over"][col] == prev["applications"]["carried_forward"][col]
                    checked += 1
    assert checked


def test_non_reports_are_produced(corpus):
    out, golds = corpus
    junk = {stem: g for stem, g in golds.items() if g.get("not_a_report")}
    assert junk
    for stem, g in junk.items():
        assert not any(t in g for t in spec.TABLES)
        raw = next(p for p in out.glob(stem + ".*") if not p.name.endswith(".gold.json"))
        if g["layout"] == "binary":
            with pytest.raises(UnicodeDecodeError):
                raw.read_bytes().decode("utf-8")
        if g["layout"] == "empty":
            assert raw.read_bytes().strip(b"\n\xef\xbb\xbf") == b""


def test_encodings_are_what_the_gold_says(corpus):
    out, golds = corpus
    seen = set()
    for stem, g in golds.items():
        if g.get("not_a_report"):
            continue
        raw = next(p for p in out.glob(stem + ".*") if not p.name.endswith(".gold.json")).read_bytes()
        text = raw.decode(g["encoding"])
        assert g["agency"] in text or g["layout"] == "pdf"  # a PDF may wrap the title
        assert raw.startswith(b"\xef\xbb\xbf") == (g["encoding"] == "utf-8-sig")
        seen.add(g["encoding"])
    assert "utf-8" in seen


def _report(year: int = 2022) -> dict:
    model = AgencyModel("city", "government", 3.0, random.Random(2))
    for y in range(2019, year + 1):
        tables = model.year_tables(y)
    new = tables["applications"]["new"]
    new["natural_person"] = 12345  # a number to look for
    new["total"] = sum(new[c] for c in spec.APPLICANT_PARTS)
    return {"agency": "嘉兴市人民政府", "year": year, **tables}


@pytest.mark.parametrize("layout", render.LAYOUTS)
@pytest.mark.parametrize("year", [2020, 2023])
def test_each_layout_renders(layout, year):
    report = _report(year=year)
    style = render.draw_style(layout, random.Random(4))
    style.update(fullwidth=False, split_digits=False, title=0)
    text = render.RENDERERS[layout]({**report, "style": style}, random.Random(5))
    assert "12345" in text
    assert "嘉兴市人民政府" in text
    assert "政府信息公开" in text
    for marker in ("未经复议直接起诉", "尚未审结"):
        assert marker in text
    labels = ("本年新制作数量", "政府集中采购") if report["template"] == "v2019" else ("本年制发件数",)
    for label in labels:
        assert label in text.replace("\n", "") or layout in ("cells", "html", "pdf")


def test_renderers_leave_out_missing_tables():
    report = _report()
    del report["review_litigation"]
    text = render.render_tabs(report, random.Random(1))
    assert "未经复议直接起诉" not in text and "本年新收政府信息公开申请数量" in text


def test_fullwidth_and_zero_styles():
    style = {"zero": "—", "fullwidth": True, "plus": True}
    assert render.fmt_number(0, "granted", style) == "—"
    assert render.fmt_number(120, "granted", style) == "１２０"
    assert render.fmt_number(3, "change", style) == "＋３"
    assert render.fmt_number(2.5, "amount_10k_yuan", {"zero": "0"}) == "2.5"


def test_crawler_ambiguities():
    report = {"template": "v2021", "active": {"normative_docs": {"issued": 69, "repealed": 3, "in_force": 665},
                                              "rules": {"issued": 0, "repealed": 0, "in_force": 0}}}
    assert render.crawler_ambiguities(report) == ["active/normative_docs"]
    review = {g: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0} for g in spec.REVIEW_GROUPS}
    assert render.crawler_ambiguities({"template": "v2021", "review_litigation": review}) == []


def test_deterministic_by_seed_whatever_the_process_count(tmp_path):
    opts = Options(seed=5, years=(2020, 2021, 2022))
    a, b = tmp_path / "a", tmp_path / "b"
    write_corpus(a, 8, opts, processes=1)
    write_corpus(b, 8, opts, processes=2, chunk=3)
    files_a = {p.name: p.read_bytes() for p in a.iterdir()}
    assert files_a == {p.name: p.read_bytes() for p in b.iterdir()}
    agency = build_population(8, 5)[3]
    assert [f.data for f in agency_files(agency, opts)] == [f.data for f in agency_files(agency, opts)]


def test_sample_corpus_and_cli(tmp_path):
    n = write_sample_corpus(tmp_path / "sample", agencies=2, seed=7)
    assert n == len(list((tmp_path / "sample").glob("*.gold.json"))) >= 14
    assert cli_main(["synth", "--agencies", "2", "--years", "2020-2021", "--out", str(tmp_path / "cli"),
                     "--processes", "1", "--layouts", "html,crawler"]) == 0
    layouts = {json.loads(p.read_text(encoding="utf-8"))["layout"] for p in (tmp_path / "cli").glob("*.gold.json")}
    assert layouts <= {"html", "crawler", *("notice", "empty", "binary", "old_report")}


def test_no_shared_text_copied():
    """The generator imitates shapes of the real files, not their words."""
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "v2021_08.txt"
    if not shared.exists():
        pytest.skip("shared corpus absent")
    source = "".join(p.read_text(encoding="utf-8") for p in Path(render.__file__).parent.glob("*.py"))
    assert "平潭" not in source


@pytest.mark.parametrize("layout", ["tabs", "markdown", "spaces"])
def test_printed_cells_read_back_as_the_tables(layout):
    """Rows of a table-per-line layout carry exactly the report's numbers, in the spec's order."""
    report = _report(year=2023)
    style = render.draw_style(layout, random.Random(9))
    style.update(zero="0", fullwidth=False, plus=False, compact=False)
    text = render.RENDERERS[layout]({**report, "style": style}, random.Random(3))
    labels = render._application_labels(report["template"], style)
    lines = text.splitlines()
    for row in spec.APPLICATION_ROWS[report["template"]]:
        label = labels[row][2]
        line = next(x for x in lines if label in x and x.rstrip(" |").split()[-1].isdigit())
        cells = [c for c in line.replace("|", " ").split() if c.isdigit()]
        assert [int(c) for c in cells[-7:]] == [report["applications"][row][c] for c in spec.APPLICANTS], row


@pytest.mark.parametrize("layout", list(FILE_LAYOUTS))
def test_file_layouts_write_files_the_parser_reads_back(layout):
    report = _report(2023)
    style = render.draw_style(layout, random.Random(4))
    data = render_file(layout, {**report, "style": style}, random.Random(5))
    assert data.startswith(b"%PDF-" if layout == "pdf-file" else b"PK\x03\x04")
    parsed = parse_bytes(data, f"report.{FILE_LAYOUTS[layout]}")
    assert parsed.layout == FILE_LAYOUTS[layout] and parsed.agency == "嘉兴市人民政府"
    assert parsed.applications["new"]["natural_person"] == 12345


def test_the_sample_corpus_holds_pdf_and_word_files(tmp_path):
    write_sample_corpus(tmp_path, agencies=6, seed=7)
    assert {p.suffix for p in tmp_path.iterdir()} >= {".pdf", ".docx", ".txt", ".html", ".md"}
