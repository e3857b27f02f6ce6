-- Rule 6, continuity: this year's carried_over (observed) vs the same agency's carried_forward of
-- the previous year (expected), per applicant column. The later report carries the failure.
CREATE OR REPLACE VIEW checks.rule6 AS
SELECT cur.report_id, 'applications' AS table_name, 'rule6' AS rule, 'equation' AS check_kind,
       'continuity/' || co.applicant_type AS check_name,
       coalesce(co.count, 0)::DOUBLE AS observed, coalesce(cf.count, 0)::DOUBLE AS expected
FROM checks.report cur
JOIN checks.report prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
JOIN fact_application co ON co.report_id = cur.report_id AND co.row_code = 'carried_over'
JOIN fact_application cf
  ON cf.report_id = prev.report_id AND cf.row_code = 'carried_forward'
 AND cf.applicant_type = co.applicant_type;
