-- Reports by status: every report version in the warehouse by status (ok, issues, quarantined),
-- and how many of them are current.
SELECT
    status,
    count(*) AS versions,
    count(*) FILTER (WHERE is_current) AS current,
    count(DISTINCT report_key) FILTER (WHERE status <> 'quarantined') AS reports
FROM dim_report
GROUP BY status
ORDER BY list_position(['ok', 'issues', 'quarantined'], status);
