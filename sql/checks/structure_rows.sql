-- Structure, complete tables: every report with status ok has every cell of its template in each
-- table it prints: the cells found (observed) vs the cells the template has (expected), per table.
-- A table the report does not contain at all is left out, as in the gold files.
CREATE OR REPLACE VIEW checks.structure_rows AS
WITH facts AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome FROM fact_review_litigation
),
wanted AS (
    SELECT r.report_id, r.template, c.table_name, count(*) AS cells
    FROM checks.report r JOIN checks.cell_code c ON c.template = r.template
    WHERE r.status = 'ok'
      AND (r.report_id, c.table_name) IN (SELECT DISTINCT report_id, table_name FROM facts)
    GROUP BY ALL
),
found AS (
    SELECT f.report_id, f.table_name, count(*) AS cells
    FROM facts f
    JOIN checks.report r ON r.report_id = f.report_id AND r.status = 'ok'
    JOIN checks.cell_code c
      ON c.template = r.template AND c.table_name = f.table_name
     AND c.row_code = f.row_code AND c.col_code = f.col_code
    GROUP BY ALL
)
SELECT w.report_id, w.table_name, 'structure' AS rule, 'rows' AS check_kind,
       'rows/' || w.table_name AS check_name,
       coalesce(f.cells, 0)::DOUBLE AS observed, w.cells::DOUBLE AS expected
FROM wanted w LEFT JOIN found f USING (report_id, table_name);
