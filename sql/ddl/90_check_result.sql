-- The outcome of the cross-sum checks (pipelines/quality): written by `xxgk validate` into the
-- warehouse before it is published. Holds the latest run only (a rebuild re-runs the checks).
-- A report that breaks a rule is kept in the facts and listed here, never dropped or changed.
CREATE TABLE IF NOT EXISTS check_result (
    run_id              VARCHAR NOT NULL,
    checked_at          TIMESTAMP NOT NULL,
    suite               VARCHAR NOT NULL,
    expectation         VARCHAR NOT NULL,
    expectation_type    VARCHAR NOT NULL,
    rule                VARCHAR NOT NULL,
    report_id           VARCHAR,
    check_name          VARCHAR,
    observed            DOUBLE,
    expected            DOUBLE,
    status              VARCHAR NOT NULL
        CHECK (status IN ('passed', 'failed', 'confirmed', 'dismissed', 'error')),
    element_count       BIGINT,
    suggestion          VARCHAR,
    adjudication        VARCHAR CHECK (adjudication IN ('confirmed', 'dismissed')),
    adjudication_reason VARCHAR,
    message             VARCHAR,
    cells               VARCHAR
);
-- warehouses checked before these columns existed
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS message VARCHAR;
ALTER TABLE check_result ADD COLUMN IF NOT EXISTS cells VARCHAR;
COMMENT ON TABLE check_result IS 'Cross-sum and structure checks of the latest validation run (GX suites over the warehouse). One summary row per expectation (report_id NULL) and one row per failing equation or cell of a report.';
COMMENT ON COLUMN check_result.run_id IS 'Identifies the validation run; the GX Data Docs of the run carry the same id.';
COMMENT ON COLUMN check_result.checked_at IS 'When the run started (UTC).';
COMMENT ON COLUMN check_result.suite IS 'The GX suite, named after the warehouse table it checks (fact_application, dim_report, ...).';
COMMENT ON COLUMN check_result.expectation IS 'The expectation''s name in the suite, e.g. "rule1 balance" (meta.name in expectations/gx/expectations/*.json).';
COMMENT ON COLUMN check_result.expectation_type IS 'The GX expectation type, e.g. expect_column_pair_values_to_be_equal.';
COMMENT ON COLUMN check_result.rule IS 'rule1 … rule6 as numbered in the spec (pipelines.spec.RULE_TEXT), or structure.';
COMMENT ON COLUMN check_result.report_id IS 'The report that breaks the rule (dim_report.report_id); NULL on the summary row of an expectation.';
COMMENT ON COLUMN check_result.check_name IS 'Which equation or cell: e.g. balance/total, applicants/granted, continuity/natural_person, applications/new/total; NULL on a summary row.';
COMMENT ON COLUMN check_result.observed IS 'The rule''s left side as printed (or the cell''s value); on a summary row, the number of failing rows.';
COMMENT ON COLUMN check_result.expected IS 'The rule''s right side as printed (or what the cell should be); on a summary row, 0.';
COMMENT ON COLUMN check_result.status IS 'passed (summary rows only), failed (the report breaks the rule), confirmed (an analyst confirmed it is the report''s own error), dismissed (an analyst dismissed it, with a reason; the report counts as passing), error (the expectation could not be evaluated).';
COMMENT ON COLUMN check_result.element_count IS 'On a summary row, the number of rows the expectation looked at.';
COMMENT ON COLUMN check_result.suggestion IS 'The smallest correction of the report''s printed cells that makes all its rules hold, proposed and never applied; NULL when none is small enough to propose.';
COMMENT ON COLUMN check_result.adjudication IS 'The analyst''s decision from expectations/adjudications.csv, if any.';
COMMENT ON COLUMN check_result.adjudication_reason IS 'The analyst''s reason from expectations/adjudications.csv.';
COMMENT ON COLUMN check_result.cells IS 'The cells the failing check reads, written out, e.g. "applications: new/total + carried_over/total = total_handled/total + carried_forward/total".';
COMMENT ON COLUMN check_result.message IS 'On a summary row with status error, why GX could not evaluate the expectation; on a failing row without a suggestion, why no correction is proposed.';

-- Per current report: does it pass every rule, and which rules does it break.
CREATE OR REPLACE VIEW report_quality AS
SELECT r.report_id, r.agency, r.year, r.template, r.status,
       CASE WHEN r.status = 'quarantined' OR run.run_id IS NULL THEN NULL
            ELSE count(c.report_id) FILTER (WHERE c.status IN ('failed', 'confirmed')) = 0 END
           AS passes_all_rules,
       list(DISTINCT c.rule ORDER BY c.rule) FILTER (WHERE c.status IN ('failed', 'confirmed'))
           AS rules_broken,
       count(c.report_id) FILTER (WHERE c.status = 'failed') AS checks_failed,
       count(c.report_id) FILTER (WHERE c.status = 'confirmed') AS checks_confirmed,
       count(c.report_id) FILTER (WHERE c.status = 'dismissed') AS checks_dismissed,
       any_value(c.suggestion) FILTER (WHERE c.suggestion IS NOT NULL) AS suggestion
FROM dim_report r
LEFT JOIN check_result c ON c.report_id = r.report_id
LEFT JOIN (SELECT any_value(run_id) AS run_id FROM check_result) run ON true
WHERE r.is_current
GROUP BY r.report_id, r.agency, r.year, r.template, r.status, run.run_id;
COMMENT ON VIEW report_quality IS 'One row per current report: whether it passes every cross-sum and structure rule in the latest check run (NULL when quarantined or not yet checked), the rules it breaks, and the suggested correction.';
COMMENT ON COLUMN report_quality.report_id IS 'The report version (dim_report.report_id), current only.';
COMMENT ON COLUMN report_quality.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN report_quality.year IS 'Reporting year.';
COMMENT ON COLUMN report_quality.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN report_quality.status IS 'ok, issues or quarantined (dim_report.status).';
COMMENT ON COLUMN report_quality.passes_all_rules IS 'True when the report breaks no rule in the latest check run (dismissed failures aside); NULL when quarantined or not yet checked.';
COMMENT ON COLUMN report_quality.rules_broken IS 'The rules it breaks (failed or confirmed), e.g. [rule1, rule3].';
COMMENT ON COLUMN report_quality.checks_failed IS 'Its failing equations and cells that no analyst has decided on.';
COMMENT ON COLUMN report_quality.checks_confirmed IS 'Its failures an analyst confirmed as the report''s own error.';
COMMENT ON COLUMN report_quality.checks_dismissed IS 'Its failures an analyst dismissed (counted as passing).';
COMMENT ON COLUMN report_quality.suggestion IS 'The smallest correction of its printed cells that makes every rule hold, proposed and never applied.';
