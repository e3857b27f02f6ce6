-- Rule 1, balance: new + carried_over (observed) vs total_handled + carried_forward (expected), per applicant column.
-- A blank cell is 0; a report without table 3 has no rows here.
CREATE OR REPLACE VIEW checks.rule1 AS
WITH sides AS (  -- the printed cells of each equation, added up per side
    SELECT f.report_id, t.equation,
           sum(CASE WHEN t.side = 'left' THEN coalesce(f.count, 0) ELSE 0 END) AS left_sum,
           sum(CASE WHEN t.side = 'right' THEN coalesce(f.count, 0) ELSE 0 END) AS right_sum
    FROM fact_application f
    JOIN checks.report r USING (report_id)
    JOIN checks.rule_term t
      ON t.template = r.template AND t.rule = 'rule1'
     AND t.row_code = f.row_code AND t.col_code = f.applicant_type
    GROUP BY ALL
),
equations AS (  -- every equation of every report that prints table 3, even with no cell found
    SELECT r.report_id, e.equation
    FROM checks.report r
    JOIN (SELECT DISTINCT template, equation FROM checks.rule_term WHERE rule = 'rule1') e USING (template)
    WHERE r.report_id IN (SELECT report_id FROM fact_application)
)
SELECT e.report_id, 'applications' AS table_name, 'rule1' AS rule, 'equation' AS check_kind,
       e.equation AS check_name,
       coalesce(s.left_sum, 0)::DOUBLE AS observed, coalesce(s.right_sum, 0)::DOUBLE AS expected
FROM equations e LEFT JOIN sides s USING (report_id, equation);
