-- The 总计 (total) column of the four balance rows of table 3, one row per report: what the
-- year-over-year queries add up, kept so they read one narrow row per report instead of
-- pivoting every cell of fact_application.
CREATE TABLE IF NOT EXISTS agg_application_totals (
    report_id       VARCHAR NOT NULL,
    new             BIGINT,
    carried_over    BIGINT,
    total_handled   BIGINT,
    carried_forward BIGINT
);

COMMENT ON TABLE agg_application_totals IS 'Table 3 totals per report (the 总计 column of rows 一 本年新收, 二 上年结转, (七) 总计, 四 结转下年度), derived from fact_application at load; the fast path of the year-over-year queries.';
COMMENT ON COLUMN agg_application_totals.report_id IS 'The report (dim_report.report_id); every version, current or not.';
COMMENT ON COLUMN agg_application_totals.new IS 'New requests received in the year (row new, column total).';
COMMENT ON COLUMN agg_application_totals.carried_over IS 'Requests carried over from the previous year (row carried_over, column total).';
COMMENT ON COLUMN agg_application_totals.total_handled IS 'Requests handled in the year (row total_handled, column total).';
COMMENT ON COLUMN agg_application_totals.carried_forward IS 'Requests carried forward into the next year (row carried_forward, column total).';
