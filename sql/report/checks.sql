-- The checks the reports in scope fail (or that an analyst confirmed or dismissed), with the
-- agency, its region and the year: one row per failing equation or cell.
SELECT s.agency, s.province, s.city, s.county, s.year, c.rule, c.check_name, c.cells,
       c.observed, c.expected, c.status, c.suggestion, c.adjudication, c.adjudication_reason,
       s.report_id, s.source_path
FROM check_result c
JOIN report_scope s USING (report_id)
WHERE c.status IN ('failed', 'confirmed', 'dismissed')
ORDER BY s.year, s.agency, s.report_id, c.rule, c.check_name
LIMIT $limit;
