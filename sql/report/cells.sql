-- Every printed cell of the reports in scope, one row each, with the text printed there and where
-- it was read: the provenance of each number (the first $limit cells, in year and agency order).
-- $failing_only: only the reports that break a rule in the latest check run (what an analyst
-- looks up in the source when the scope holds many agencies).
WITH printed AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code,
           CAST(value AS DECIMAL(38, 6)) AS value, unit, source_location, raw_text
    FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type, CAST(count AS DECIMAL(38, 6)), 'count',
           source_location, raw_text
    FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, CAST(count AS DECIMAL(38, 6)), 'count',
           source_location, raw_text
    FROM fact_review_litigation
)
SELECT s.agency, s.year, s.template, p.table_name, p.row_code, p.col_code, p.value, p.unit, p.raw_text,
       p.source_location, s.source_path, s.report_id
FROM printed p
JOIN report_scope s USING (report_id)
WHERE NOT $failing_only
   OR s.report_id IN (SELECT report_id FROM report_quality WHERE NOT passes_all_rules)
ORDER BY s.year, s.agency, s.report_id
LIMIT $limit;
