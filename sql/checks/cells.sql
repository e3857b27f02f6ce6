-- Every printed cell of the three tables, one row each, named template/table/row/column: the
-- known-codes check (structure) lists the names the spec allows, and rule 5 reads the counts.
-- observed: the value printed; expected: for a count, the nearest non-negative integer (rule 5);
-- `change` and money are not counts (their rule is structure only).
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
            ELSE coalesce(p.v, 0) END AS expected
FROM printed p
JOIN checks.report r USING (report_id)
LEFT JOIN checks.cell_code c
       ON c.template = r.template AND c.table_name = p.table_name
      AND c.row_code = p.row_code AND c.col_code = p.col_code;
