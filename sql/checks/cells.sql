-- Every printed cell of the three tables, one row each, named template/table/row/column: the
-- cells a failing known-codes check (structure) or rule 5 check lists, read for those reports only.
-- observed: the value printed; expected: for a count, the nearest non-negative integer (rule 5);
-- `change` and money are not counts (their rule is structure only). known: the template has the code.
CREATE OR REPLACE VIEW checks.cells AS
WITH printed AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code, value::DOUBLE AS v
    FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type, count::DOUBLE FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, count::DOUBLE FROM fact_review_litigation
)
SELECT p.report_id, p.table_name,
       CASE WHEN coalesce(c.kind, 'count') = 'count' THEN 'rule5' ELSE 'structure' END AS rule,
       'cell' AS check_kind,
       coalesce(r.template, '?') || '/' || p.table_name || '/' || p.row_code || '/' || p.col_code AS check_name,
       coalesce(p.v, 0) AS observed,
       CASE WHEN coalesce(c.kind, 'count') = 'count' THEN greatest(round(coalesce(p.v, 0)), 0)
            ELSE coalesce(p.v, 0) END AS expected,
       c.kind IS NOT NULL AS known
FROM printed p
JOIN checks.report r USING (report_id)
LEFT JOIN checks.cell_code c
       ON c.template = r.template AND c.table_name = p.table_name
      AND c.row_code = p.row_code AND c.col_code = p.col_code;

-- The same cells counted per report and table, in one pass and without naming them: what the
-- GX suites validate (checks.frame). A cell of an unknown code is held to rule 5, as above.
CREATE OR REPLACE VIEW checks.cell_counts AS
WITH printed AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code, value::DOUBLE AS v
    FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type, count::DOUBLE FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, count::DOUBLE FROM fact_review_litigation
),
template_cells AS (SELECT template, table_name, count(*) AS cells FROM checks.cell_code GROUP BY ALL),
per_table AS (
    SELECT p.report_id, p.table_name,
           count(*) AS printed,
           count(c.kind) AS known,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count') AS counts,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count' AND coalesce(p.v, 0) >= 0) AS non_negative,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count'
                            AND coalesce(p.v, 0) = greatest(round(coalesce(p.v, 0)), 0)) AS integral
    FROM printed p
    JOIN checks.report r USING (report_id)
    LEFT JOIN checks.cell_code c
           ON c.template = r.template AND c.table_name = p.table_name
          AND c.row_code = p.row_code AND c.col_code = p.col_code
    GROUP BY p.report_id, p.table_name
)
SELECT t.*, r.template, r.status, coalesce(w.cells, 0) AS template_cells
FROM per_table t
JOIN checks.report r USING (report_id)
LEFT JOIN template_cells w ON w.template = r.template AND w.table_name = t.table_name;
