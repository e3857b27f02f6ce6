-- Every printed cell of the three tables with its report's template, the form the table was
-- printed in and, where that form has the code, its kind (count, signed, money): what the two
-- views below read.
CREATE OR REPLACE VIEW checks.printed_cell AS
WITH printed AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code, value::DOUBLE AS v
    FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type, count::DOUBLE FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, count::DOUBLE FROM fact_review_litigation
)
SELECT p.report_id, p.table_name, p.row_code, p.col_code, p.v, r.template, r.form, c.kind
FROM printed p
JOIN checks.report_table r USING (report_id, table_name)
LEFT JOIN checks.cell_code c
       ON c.template = r.form AND c.table_name = p.table_name
      AND c.row_code = p.row_code AND c.col_code = p.col_code;

-- Every printed cell of the three tables, one row each, named template/table/row/column: the
-- cells a failing known-codes check (structure) or rule 5 check lists, read for those reports only;
-- the template named is the form the table was printed in.
-- observed: the value printed; expected: for a count, the nearest non-negative integer (rule 5);
-- `change` and money are not counts (their rule is structure only). known: the template has the code.
CREATE OR REPLACE VIEW checks.cells AS
SELECT report_id, table_name,
       CASE WHEN coalesce(kind, 'count') = 'count' THEN 'rule5' ELSE 'structure' END AS rule,
       'cell' AS check_kind,
       coalesce(form, '?') || '/' || table_name || '/' || row_code || '/' || col_code AS check_name,
       coalesce(v, 0) AS observed,
       CASE WHEN coalesce(kind, 'count') = 'count' THEN greatest(round(coalesce(v, 0)), 0)
            ELSE coalesce(v, 0) END AS expected,
       kind IS NOT NULL AS known
FROM checks.printed_cell;

-- The same cells counted per report and table, in one pass and without naming them: what the
-- GX suites validate (checks.frame). A cell of an unknown code is held to rule 5, as above.
CREATE OR REPLACE VIEW checks.cell_counts AS
WITH template_cells AS (SELECT template, table_name, count(*) AS cells FROM checks.cell_code GROUP BY ALL),
per_table AS (
    SELECT report_id, table_name,
           count(*) AS printed,
           count(kind) AS known,
           count(*) FILTER (WHERE coalesce(kind, 'count') = 'count') AS counts,
           count(*) FILTER (WHERE coalesce(kind, 'count') = 'count' AND coalesce(v, 0) >= 0) AS non_negative,
           count(*) FILTER (WHERE coalesce(kind, 'count') = 'count'
                            AND coalesce(v, 0) = greatest(round(coalesce(v, 0)), 0)) AS integral
    FROM checks.printed_cell
    GROUP BY report_id, table_name
)
SELECT t.*, r.template, r.form, r.status, coalesce(w.cells, 0) AS template_cells
FROM per_table t
JOIN checks.report_table r USING (report_id, table_name)
LEFT JOIN template_cells w ON w.template = r.form AND w.table_name = t.table_name;
