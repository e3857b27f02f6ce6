-- What the parser doubted in the reports in scope, with the agency and the year.
SELECT s.agency, s.year, i.code, i.severity, i.location, i.message, s.report_id, s.source_path
FROM parse_issue i
JOIN report_scope s USING (report_id)
ORDER BY s.year, s.agency, s.report_id, i.issue_no
LIMIT $limit;
