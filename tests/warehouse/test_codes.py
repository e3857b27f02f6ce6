"""The warehouse's codes and labels come from the templates: dim_code, the generated views and
comments, and the placeholders of the SQL files."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pytest
from report_warehouse import build, report_dict

from pipelines import spec
from pipelines.warehouse import codes, sqlfiles

MIXED = [(t, table, form) for t, tables in spec.MIXTURES.items() for table, forms in tables.items() for form in forms]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """An agency's reports over the years of every template, loaded the way the build does."""
    rng = random.Random(24)
    reports, carried = [], None
    for year in range(spec.TEMPLATE_DATA[spec.TEMPLATES[0]].first_year, 2025):
        r = report_dict(rng, f"r{year}", "合成县统计局", year, spec.template_by_year(year), carried)
        carried = {c: v for c, v in r["applications"][spec.CONTINUITY[2]].items() if c in spec.APPLICANT_PARTS}
        reports.append(r)
    # and one report per mixture the templates declare: a table in another template's form
    for i, (template, table, form) in enumerate(MIXED):
        r = report_dict(rng, f"mix{i}", f"合成县混合{i}局", 2022, template)
        r[table] = report_dict(rng, f"mix{i}", "", 2022, form)[table]
        reports.append(r)
    return build(reports, tmp_path_factory.mktemp("codes") / "w.duckdb")


@pytest.fixture
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def test_dim_code_holds_every_code_of_every_template_with_its_printed_label(con):
    rows = con.execute("SELECT template, table_name, axis, code, label, variants, display_order FROM dim_code "
                       "ORDER BY ALL").fetchall()
    assert len(rows) == len({r[:4] for r in rows}), "(template, table, axis, code) is a key"
    got = {r[:4]: r[4:] for r in rows}
    for t in spec.TEMPLATES:
        data = spec.TEMPLATE_DATA[t]
        for i, r in enumerate(data.applications["rows"], 1):
            key = (t, "applications", "row", r.get("code") or r["group"])
            assert got[key] == (r["labels"][0], list(r["labels"][1:]), i)
        for item, d in data.active["items"].items():
            assert got[(t, "active", "row", item)][0] == d["labels"][0]
        for metric in {m for d in data.active["items"].values() for m in d["metrics"]}:
            assert got[(t, "active", "column", metric)][0] == data.active["metrics"][metric]["labels"][0]
        for c in data.applications["columns"]:
            assert got[(t, "applications", "column", c["code"])][0] == c["labels"][0]
        for g in data.review_litigation["groups"]:
            assert got[(t, "review_litigation", "row", g["code"])][0] == g["labels"][0]
        for o in data.review_litigation["outcomes"]:
            assert got[(t, "review_litigation", "column", o["code"])][0] == o["labels"][0]
    assert {(c.template, c.table_name, c.axis, c.code) for c in codes.dim_code()} == set(got)


def test_dim_code_outline_of_table_3(con):
    """Numbering, depth and parent as the template prints them; sections from the template."""
    for t in spec.TEMPLATES:
        outline = con.execute(
            "SELECT code, numbering, depth, parent, is_heading, is_outcome, outcome_group, section FROM dim_code "
            "WHERE template = ? AND table_name = 'applications' AND axis = 'row' ORDER BY display_order",
            [t]).fetchall()
        section = next(s["number"] for s in spec.TEMPLATE_DATA[t].sections if s.get("table") == "applications")
        assert {r[7] for r in outline} == {section}
        assert [r[0] for r in outline if not r[4]] == list(spec.APPLICATION_ROWS[t])
        assert [r[0] for r in outline if r[5]] == list(spec.OUTCOMES[t])
        # the first rows of each depth are numbered 1 at that depth; a child's parent is a heading
        top = [r for r in outline if r[2] == 0]
        assert [r[1] for r in top] == [spec.numbering(t, 0, n) for n in range(1, len(top) + 1)]
        headings = {r[0] for r in outline if r[4]}
        assert all(r[3] in headings for r in outline if r[2])
        # every outcome counts under an entry at depth 1
        depth1 = {r[0] for r in outline if r[2] == 1}
        assert all(r[6] in depth1 for r in outline if r[5])


def test_every_object_and_column_of_the_warehouse_has_a_comment(con):
    missing_tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal "
        "AND coalesce(comment, '') = ''").fetchall()
    missing_views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
        "AND coalesce(comment, '') = ''").fetchall()
    missing_columns = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
        "AND coalesce(comment, '') = '' ORDER BY ALL").fetchall()
    missing = [f"table {t}" for (t,) in missing_tables] + [f"view {v}" for (v,) in missing_views] + [
        f"column {c}" for (c,) in missing_columns]
    assert not missing, "no COMMENT ON (sql/ddl, sql/views):\n" + "\n".join(missing)


def test_no_staging_view_is_left_in_the_warehouse(con):
    """The staged Parquet files are read through views stg_* while loading; none stays behind."""
    assert con.execute("SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'stg\\_%' ESCAPE '\\'"
                       ).fetchall() == []


def test_wide_views_have_a_column_per_code_labelled(con):
    columns = dict(con.execute("SELECT column_name, comment FROM duckdb_columns() "
                               "WHERE table_name = 'v_applications_wide'").fetchall())
    for code in codes.codes("applications", "row"):
        assert code in columns and codes.newest("applications", "row", code).label in columns[code]
    review = dict(con.execute("SELECT column_name, comment FROM duckdb_columns() "
                              "WHERE table_name = 'v_review_litigation_wide'").fetchall())
    for g in spec.REVIEW_GROUPS:
        for o in spec.REVIEW_OUTCOMES:
            assert spec.REVIEW_OUTCOME_LABELS[o][0] in review[f"{g}_{o}"]


def test_the_wide_view_holds_the_printed_totals(con):
    """Each code's column is the total column as printed; the subtotals add the heading's rows."""
    total = codes.total_column("applications")
    facts = {(rid, row): v for rid, row, v in con.execute(
        "SELECT report_id, row_code, count FROM fact_application WHERE applicant_type = ?", [total]).fetchall()}
    names = [d[0] for d in con.execute("SELECT * FROM v_applications_wide LIMIT 0").description]
    for values in con.execute("SELECT * FROM v_applications_wide").fetchall():
        row = dict(zip(names, values, strict=True))
        for code in codes.codes("applications", "row"):
            assert row[code] == facts.get((row["report_id"], code))
        for group, members in codes.sql_context()["group_rows"].items():
            printed = [facts[(row["report_id"], m)] for m in members if (row["report_id"], m) in facts]
            assert row[f"{group}_all"] == (sum(printed) if printed else None)


def test_outcomes_carry_the_labels_of_the_form_printed(con):
    rows = con.execute("SELECT f.form, o.outcome, o.outcome_label, o.outcome_group, o.outcome_group_label "
                       "FROM v_application_outcome o JOIN report_table_form f "
                       "ON f.report_id = o.report_id AND f.table_name = 'applications'").fetchall()
    assert rows
    labels = {(c.template, c.code): c.label for c in codes.dim_code()
              if c.table_name == "applications" and c.axis == "row"}
    for form, outcome, label, group, group_label in rows:
        assert outcome in spec.OUTCOMES[form]
        assert label == labels[(form, outcome)] and group_label == labels[(form, group)]
    n_outcomes = con.execute(
        "SELECT count(*) FROM fact_application f JOIN dim_report r USING (report_id) "
        "WHERE r.is_current AND f.applicant_type = 'total' AND list_contains(?, f.row_code)",
        [list(codes.sql_context()["outcomes"])]).fetchone()[0]
    assert len(rows) == n_outcomes


def test_placeholders_are_filled_from_the_templates():
    text = "SELECT {{ total.applications | literal }}, {{ ['a', \"b'c\"] | in_list }} -- {{ templates | join(',') }}"
    assert sqlfiles.render(text) == f"SELECT 'total', 'a', 'b''c' -- {','.join(spec.TEMPLATES)}"
    assert sqlfiles.render("SELECT 1 -- no placeholders {x}") == "SELECT 1 -- no placeholders {x}"
    assert sqlfiles.literal([]) == "[]::VARCHAR[]" and sqlfiles.literal(None) == "NULL"
    assert sqlfiles.ident('a"b') == '"a""b"'


def test_an_unknown_placeholder_names_the_file(tmp_path):
    bad = tmp_path / "bad.sql"
    bad.write_text("SELECT 1;\nSELECT {{ no_such_name }};\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.sql.*no_such_name"):
        sqlfiles.read_sql(bad)


def test_every_sql_file_renders(tmp_path):
    extra = {"rule_terms": [("x",) * 8], "cell_codes": [("x",) * 5], "keys": ["rule1"], "key": "rule5_integer"}
    for folder in ("ddl", "load", "views", "checks", "checks/read", "queries"):
        for path in sqlfiles.sql_files(folder):
            text = sqlfiles.read_sql(path, extra)
            assert "{{" not in text and "{%" not in text, path


@pytest.mark.skipif(not MIXED, reason="the templates declare no mixture")
def test_a_table_in_a_mixtures_form_keeps_its_codes_and_is_read_by_that_form(con):
    for i, (template, table, form) in enumerate(MIXED):
        rid = con.execute("SELECT report_id FROM dim_report WHERE agency = ?", [f"合成县混合{i}局"]).fetchone()[0]
        assert con.execute("SELECT template, form FROM report_table_form WHERE report_id = ? AND table_name = ?",
                           [rid, table]).fetchone() == (template, form)
        if table == "applications":
            printed = {r for (r,) in con.execute(
                "SELECT DISTINCT row_code FROM fact_application WHERE report_id = ?", [rid]).fetchall()}
            assert printed == set(spec.APPLICATION_ROWS[form])
            outcomes = {r for (r,) in con.execute(
                "SELECT outcome FROM v_application_outcome WHERE report_id = ?", [rid]).fetchall()}
            assert outcomes == set(spec.OUTCOMES[form])


def test_every_printed_cell_is_labelled_as_its_form_prints_it(con):
    printed = con.execute(
        "SELECT (SELECT count(*) FROM fact_active_disclosure) + (SELECT count(*) FROM fact_application) "
        "+ (SELECT count(*) FROM fact_review_litigation)").fetchone()[0]
    rows = con.execute(
        "SELECT form, table_name, row_code, row_label, col_code, col_label FROM v_report_cell").fetchall()
    assert len(rows) == printed  # every report of the fixture is current
    labels = {(c.template, c.table_name, c.axis, c.code): c.label for c in codes.dim_code()}
    for form, table, row, row_label, col, col_label in rows:
        assert row_label == labels[(form, table, "row", row)] and col_label == labels[(form, table, "column", col)]
