-- Parse issues by code and severity over the current report versions (and quarantined files),
-- with how many reports carry each.
SELECT
    i.code, i.severity,
    count(*) AS issues,
    count(DISTINCT i.report_id) AS reports
FROM parse_issue AS i
JOIN dim_report AS r USING (report_id)
WHERE r.is_current OR r.status = 'quarantined'
GROUP BY i.code, i.severity
ORDER BY list_position(['error', 'warning', 'info'], i.severity), issues DESC, i.code;
