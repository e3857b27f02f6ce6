-- Rule 6, continuity: this year's carried_over vs the same agency's carried_forward of the
-- previous year, per applicant column. A break is charged to the report whose own balance
-- (rule 1) also fails in that column — the earlier one when only it does, else the later one.
CREATE OR REPLACE VIEW checks.continuity AS
WITH balance_failures AS (  -- rule 1 failing, per report and applicant column (balance/<column>)
    SELECT report_id, check_name FROM checks.sum_rule_failures WHERE rule = 'rule1'
)
SELECT cur.report_id AS cur_report_id, prev.report_id AS prev_report_id, co.applicant_type AS col,
       coalesce(co.count, 0)::DOUBLE AS carried_over, coalesce(cf.count, 0)::DOUBLE AS carried_forward,
       pb.report_id IS NOT NULL AND cb.report_id IS NULL AS blame_previous
FROM checks.report cur
JOIN checks.report prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
JOIN fact_application co ON co.report_id = cur.report_id AND co.row_code = 'carried_over'
JOIN fact_application cf
  ON cf.report_id = prev.report_id AND cf.row_code = 'carried_forward'
 AND cf.applicant_type = co.applicant_type
LEFT JOIN balance_failures cb
  ON cb.report_id = cur.report_id AND cb.check_name = 'balance/' || co.applicant_type
LEFT JOIN balance_failures pb
  ON pb.report_id = prev.report_id AND pb.check_name = 'balance/' || co.applicant_type;

-- observed: the blamed report's own cell; expected: the neighbouring year's cell it should equal.
CREATE OR REPLACE VIEW checks.rule6 AS
SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END AS report_id,
       'applications' AS table_name, 'rule6' AS rule, 'equation' AS check_kind,
       'continuity/' || col AS check_name,
       CASE WHEN blame_previous THEN carried_forward ELSE carried_over END AS observed,
       CASE WHEN blame_previous THEN carried_over ELSE carried_forward END AS expected
FROM checks.continuity;
