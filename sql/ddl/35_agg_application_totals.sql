-- The total column of table 3's balance rows (rule 1's rows), one row per current report, with
-- the same agency's new requests of the year before: what the year-over-year queries add up,
-- kept so they read one narrow table instead of pivoting fact_application and joining it to
-- itself. Rebuilt from the facts at every load (sql/load/75_application_totals.sql). One column
-- per balance row, named by its code (placeholders: sql/README.md).
CREATE TABLE IF NOT EXISTS agg_application_totals (
    report_id         VARCHAR NOT NULL,
    agency_id         VARCHAR,
    year              INTEGER,
{% for c in balance_rows %}
    {{ c | ident }} BIGINT,
{% endfor %}
    previous_year_new BIGINT
);

COMMENT ON TABLE agg_application_totals IS 'Table 3 totals per current report (the {{ total.applications }} column of the balance rows {% for c in balance_rows %}{{ code("applications", "row", c).numbering }}{{ label("applications", "row", c) | escape_sql }}{{ ", " if not loop.last }}{% endfor %}) and the agency''s new requests of the previous year; rebuilt from fact_application at every load; what the year-over-year queries read.';
COMMENT ON COLUMN agg_application_totals.report_id IS 'The report (dim_report.report_id); current reports only.';
COMMENT ON COLUMN agg_application_totals.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN agg_application_totals.year IS 'The reporting year.';
{% for c in balance_rows %}
COMMENT ON COLUMN agg_application_totals.{{ c | ident }} IS 'Row {{ c }} of table 3 ({{ label("applications", "row", c) | escape_sql }}), column {{ total.applications }}.';
{% endfor %}
COMMENT ON COLUMN agg_application_totals.previous_year_new IS 'The same agency''s new requests in year - 1 (row {{ balance_rows[0] }}, its current report of that year); NULL where it has none: the like-for-like base of the year-over-year change.';
