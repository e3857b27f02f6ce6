"""Failures read back from a small warehouse: names, region, escaping, and every rule's fix or reason."""

from __future__ import annotations

import duckdb
from quality_fixtures import build_warehouse

from pipelines.quality import failures_markdown
from pipelines.quality.failures import failures
from pipelines.quality.validate import validate_warehouse


def test_rule4_failure_names_region_cells_and_why_no_single_fix(tmp_path, rng_report, clone):
    r = clone(rng_report)
    r.update(agency="某县|<b>统计局</b>", region=("河南省", "郑州市", "中牟县"))
    review = r["review_litigation"]["review"]
    review["total"] += 1  # one more than its parts: any one of the five cells could be wrong
    db = build_warehouse(tmp_path / "w.duckdb", [r])
    summary = validate_warehouse(db, adjudications_path=None)
    [f] = summary.failures
    assert (f.agency, f.year, f.region, f.rule) == ("某县|<b>统计局</b>", 2021, "河南省郑州市中牟县", "rule4")
    assert f.fix is None and "the sums cannot tell which cell is wrong" in f.why_no_fix
    total = review["total"]
    assert any(c.key == "review_litigation/review/total" and c.raw_text == str(total) and c.place
               for c in f.cells)
    md = failures_markdown(db)
    row = md.splitlines()[2]
    assert row.startswith("| 某县\\|&lt;b&gt;统计局&lt;/b&gt; | 2021 | 河南省郑州市中牟县 | rule4: ")
    assert "<b>" not in md
    # an open connection works too, and reads the same
    con = duckdb.connect(str(db), read_only=True)
    assert failures_markdown(con) == md
    assert [x.rule for x in failures(con)] == ["rule4"]
    # the failures a validation returns give the same table, with no warehouse at hand
    assert failures_markdown(summary.failures) == md
    assert failures_markdown(summary.failures, suite="dim_report") == "No failing report in dim_report."
    con.close()


def test_a_clean_warehouse_has_no_failures(tmp_path, rng_report):
    db = build_warehouse(tmp_path / "w.duckdb", [rng_report])
    summary = validate_warehouse(db, adjudications_path=None)
    assert summary.failures == [] and summary.listing() == ""
    assert failures_markdown(db) == "No failing report."


def test_finishing_the_pages_twice_changes_nothing(tmp_path, rng_report, clone):
    """Pages once made offline and named are left as they are (no second section, no new names),
    and none loads anything from the network."""
    from pipelines.quality.docs import finish, remote_assets

    r = clone(rng_report)
    r["review_litigation"]["review"]["total"] += 1
    db = build_warehouse(tmp_path / "w.duckdb", [r])
    docs = tmp_path / "docs"
    summary = validate_warehouse(db, docs_dir=docs, run_id="first", adjudications_path=None)
    before = {p: p.read_text(encoding="utf-8") for p in docs.rglob("*.html")}
    finish(docs, summary.failures, summary.names)
    assert {p: p.read_text(encoding="utf-8") for p in docs.rglob("*.html")} == before
    [page] = (docs / "validations" / "fact_review_litigation").rglob("*.html")
    text = page.read_text(encoding="utf-8")
    assert text.count('id="xxgk-failures"') == 1
    assert not any(remote_assets(t) for t in before.values())
    assert (docs / "static" / "vendor" / "jquery.min.js").is_file()


def test_a_page_built_elsewhere_is_made_offline_and_an_unknown_cdn_is_named(tmp_path):
    import pytest

    from pipelines.quality.docs import OfflineWarning, finish, remote_assets

    page = ('<html><head><link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/'
            'bootstrap.min.css"/><script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
            '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script></head><body><p>x</p>'
            '<img src="https://example.org/logo.png"></body></html>')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html").write_text(page, encoding="utf-8")
    assert remote_assets(page)
    assert finish(tmp_path, None) is None and not (tmp_path / "failures.html").exists()
    out = (tmp_path / "sub" / "p.html").read_text(encoding="utf-8")
    assert not remote_assets(out) and "vega" not in out and "example.org" not in out
    assert '<script src="../static/vendor/jquery.min.js"></script>' in out
    assert (tmp_path / "static" / "vendor" / "bootstrap.min.css").is_file()
    (tmp_path / "q.html").write_text('<script src="https://cdn.example/unknown.js"></script>', encoding="utf-8")
    with pytest.warns(OfflineWarning, match=r"cdn\.example/unknown\.js"):
        finish(tmp_path, None)
    assert remote_assets((tmp_path / "q.html").read_text(encoding="utf-8"))  # kept: works online, named
