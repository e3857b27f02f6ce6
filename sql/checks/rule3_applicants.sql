-- Rule 3, applicants: the six applicant columns added up (observed) vs total (expected), per row.
-- A blank cell is 0; a report without table 3 has no rows here.
CREATE OR REPLACE VIEW checks.rule3 AS
SELECT r.report_id, 'applications' AS table_name, t.rule, 'equation' AS check_kind, t.equation AS check_name,
       sum(CASE WHEN t.side = 'left' THEN coalesce(f.count, 0) ELSE 0 END)::DOUBLE AS observed,
       sum(CASE WHEN t.side = 'right' THEN coalesce(f.count, 0) ELSE 0 END)::DOUBLE AS expected
FROM checks.report r
JOIN checks.rule_term t ON t.template = r.template AND t.rule = 'rule3'
LEFT JOIN fact_application f
       ON f.report_id = r.report_id AND f.row_code = t.row_code AND f.applicant_type = t.col_code
WHERE r.report_id IN (SELECT report_id FROM fact_application)
GROUP BY r.report_id, t.rule, t.equation;
