-- Rule 5, every count is a non-negative integer: one row per count cell, the value printed
-- (observed) vs the nearest non-negative integer (expected). `change` and money are not counts.
CREATE OR REPLACE VIEW checks.rule5 AS
SELECT f.report_id, 'applications' AS table_name, 'rule5' AS rule, 'cell' AS check_kind,
       'applications/' || f.row_code || '/' || f.applicant_type AS check_name,
       coalesce(f.count, 0)::DOUBLE AS observed, greatest(round(coalesce(f.count, 0)), 0)::DOUBLE AS expected
FROM fact_application f JOIN checks.report r USING (report_id)
UNION ALL
SELECT f.report_id, 'review_litigation', 'rule5', 'cell',
       'review_litigation/' || f.group_code || '/' || f.outcome,
       coalesce(f.count, 0)::DOUBLE, greatest(round(coalesce(f.count, 0)), 0)::DOUBLE
FROM fact_review_litigation f JOIN checks.report r USING (report_id)
UNION ALL
SELECT f.report_id, 'active', 'rule5', 'cell',
       'active/' || f.item || '/' || f.metric,
       coalesce(f.value, 0)::DOUBLE, greatest(round(coalesce(f.value, 0)), 0)::DOUBLE
FROM fact_active_disclosure f JOIN checks.report r USING (report_id)
WHERE NOT EXISTS (
    SELECT 1 FROM checks.cell_code c
    WHERE c.template = r.template AND c.table_name = 'active'
      AND c.row_code = f.item AND c.col_code = f.metric AND c.kind <> 'count'
);
