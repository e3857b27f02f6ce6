-- The reports under check, with what adjudications match them by. Parameters: none.
SELECT c.report_id, c.agency_id, c.year, c.template, d.agency, d.sha256
FROM checks.report c
JOIN dim_report d USING (report_id)
ORDER BY c.report_id;
