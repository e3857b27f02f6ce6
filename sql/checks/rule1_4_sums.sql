-- Rules 1-4, the sum rules: for every equation of pipelines.spec.sum_rules (the rows of
-- checks.rule_term), the printed cells of its left side added up (observed) vs those of its right
-- side (expected). Rule 1 balance and rule 2 handled are per applicant column of table 3, rule 3
-- applicants per row of table 3, rule 4 per group of table 4. A blank cell is 0; a report without
-- a table has no rows for that table's rules.
--
-- checks.equation_term: the terms of checks.rule_term, each equation numbered (reports' equations
-- are grouped by number: faster than by names). An equation belongs to a template and the form
-- its table was printed in.
CREATE OR REPLACE VIEW checks.equation_term AS
SELECT *, dense_rank() OVER (ORDER BY template, form, rule, table_name, equation)::INTEGER AS equation_no
FROM checks.rule_term;

-- checks.equation_sides: the two sides of every equation that has a printed cell, per report.
CREATE OR REPLACE VIEW checks.equation_sides AS
WITH cells AS (  -- both tables in one shape: report, table, row code, column code, count
    SELECT report_id, 'applications' AS table_name, row_code, applicant_type AS col_code, count
    FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, count
    FROM fact_review_litigation
),
sides AS (
    SELECT c.report_id, t.equation_no,
           sum(CASE WHEN t.side = 'left' THEN coalesce(c.count, 0) ELSE 0 END) AS left_sum,
           sum(CASE WHEN t.side = 'right' THEN coalesce(c.count, 0) ELSE 0 END) AS right_sum
    FROM cells c
    JOIN checks.report_table r USING (report_id, table_name)
    JOIN checks.equation_term t
      ON t.template = r.template AND t.form = r.form AND t.table_name = c.table_name
     AND t.row_code = c.row_code AND t.col_code = c.col_code
    GROUP BY c.report_id, t.equation_no
)
SELECT s.report_id, e.rule, e.table_name, e.equation, s.left_sum, s.right_sum
FROM sides s
JOIN (SELECT DISTINCT equation_no, rule, table_name, equation FROM checks.equation_term) e USING (equation_no);

-- checks.sum_rules: every equation of every report that prints its table, even with no cell found.
CREATE OR REPLACE VIEW checks.sum_rules AS
WITH printed AS (
    SELECT DISTINCT report_id, 'applications' AS table_name FROM fact_application
    UNION ALL
    SELECT DISTINCT report_id, 'review_litigation' FROM fact_review_litigation
),
equations AS (
    SELECT r.report_id, e.rule, e.table_name, e.equation
    FROM checks.report_table r
    JOIN (SELECT DISTINCT template, form, rule, table_name, equation FROM checks.rule_term) e
      USING (template, form, table_name)
    JOIN printed p ON p.report_id = r.report_id AND p.table_name = e.table_name
)
SELECT e.report_id, e.table_name, e.rule, 'equation' AS check_kind, e.equation AS check_name,
       coalesce(s.left_sum, 0)::DOUBLE AS observed, coalesce(s.right_sum, 0)::DOUBLE AS expected
FROM equations e LEFT JOIN checks.equation_sides s USING (report_id, rule, table_name, equation);

-- checks.sum_rule_failures: the equations whose sides differ (an equation with no cell holds: 0 = 0).
CREATE OR REPLACE VIEW checks.sum_rule_failures AS
SELECT report_id, table_name, rule, 'equation' AS check_kind, equation AS check_name,
       left_sum::DOUBLE AS observed, right_sum::DOUBLE AS expected
FROM checks.equation_sides
WHERE left_sum <> right_sum;
