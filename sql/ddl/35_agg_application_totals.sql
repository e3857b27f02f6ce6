-- The 总计 (total) column of the four balance rows of table 3, one row per current report, with
-- the same agency's new requests of the year before: what the year-over-year queries add up,
-- kept so they read one narrow table instead of pivoting fact_application and joining it to
-- itself. Rebuilt from the facts at every load (sql/load/75_application_totals.sql).
CREATE TABLE IF NOT EXISTS agg_application_totals (
    report_id         VARCHAR NOT NULL,
    agency_id         VARCHAR,
    year              INTEGER,
    new               BIGINT,
    carried_over      BIGINT,
    total_handled     BIGINT,
    carried_forward   BIGINT,
    previous_year_new BIGINT
);

COMMENT ON TABLE agg_application_totals IS 'Table 3 totals per current report (the 总计 column of rows 一 本年新收, 二 上年结转, (七) 总计, 四 结转下年度) and the agency''s new requests of the previous year; rebuilt from fact_application at every load; what the year-over-year queries read.';
COMMENT ON COLUMN agg_application_totals.report_id IS 'The report (dim_report.report_id); current reports only.';
COMMENT ON COLUMN agg_application_totals.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN agg_application_totals.year IS 'The reporting year.';
COMMENT ON COLUMN agg_application_totals.new IS 'New requests received in the year (row new, column total).';
COMMENT ON COLUMN agg_application_totals.carried_over IS 'Requests carried over from the previous year (row carried_over, column total).';
COMMENT ON COLUMN agg_application_totals.total_handled IS 'Requests handled in the year (row total_handled, column total).';
COMMENT ON COLUMN agg_application_totals.carried_forward IS 'Requests carried forward into the next year (row carried_forward, column total).';
COMMENT ON COLUMN agg_application_totals.previous_year_new IS 'The same agency''s new requests in year - 1 (its current report of that year); NULL where it has none: the like-for-like base of the year-over-year change.';
