-- Rule 4, review and litigation: upheld + corrected + other + pending (observed) vs total (expected),
-- per group. A blank cell is 0; a report without table 4 has no rows here.
CREATE OR REPLACE VIEW checks.rule4 AS
SELECT r.report_id, 'review_litigation' AS table_name, t.rule, 'equation' AS check_kind,
       t.equation AS check_name,
       sum(CASE WHEN t.side = 'left' THEN coalesce(f.count, 0) ELSE 0 END)::DOUBLE AS observed,
       sum(CASE WHEN t.side = 'right' THEN coalesce(f.count, 0) ELSE 0 END)::DOUBLE AS expected
FROM checks.report r
JOIN checks.rule_term t ON t.template = r.template AND t.rule = 'rule4'
LEFT JOIN fact_review_litigation f
       ON f.report_id = r.report_id AND f.group_code = t.row_code AND f.outcome = t.col_code
WHERE r.report_id IN (SELECT report_id FROM fact_review_litigation)
GROUP BY r.report_id, t.rule, t.equation;
