-- Structure, known codes: one row per fact row, named template/table/row/column; the suites list
-- the names the spec allows (pipelines.quality.rules.known_codes).
CREATE OR REPLACE VIEW checks.structure_codes AS
SELECT f.report_id, 'active' AS table_name, 'structure' AS rule, 'code' AS check_kind,
       coalesce(r.template, '?') || '/active/' || f.item || '/' || f.metric AS check_name,
       NULL::DOUBLE AS observed, NULL::DOUBLE AS expected
FROM fact_active_disclosure f JOIN checks.report r USING (report_id)
UNION ALL
SELECT f.report_id, 'applications', 'structure', 'code',
       coalesce(r.template, '?') || '/applications/' || f.row_code || '/' || f.applicant_type, NULL, NULL
FROM fact_application f JOIN checks.report r USING (report_id)
UNION ALL
SELECT f.report_id, 'review_litigation', 'structure', 'code',
       coalesce(r.template, '?') || '/review_litigation/' || f.group_code || '/' || f.outcome, NULL, NULL
FROM fact_review_litigation f JOIN checks.report r USING (report_id);
