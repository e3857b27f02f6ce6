-- Record each path whose bytes differ from what the last run saw there (or that is new), so the
-- current version follows the latest bytes at a path even when they were seen before.
-- A second run stamped with the same time (a re-run of a run) replaces what that time recorded.
-- Parameters: $ingested_at; reads stg_report.
INSERT OR REPLACE INTO report_seen BY NAME
SELECT s.source_path, s.report_id, $ingested_at AS seen_at
FROM (SELECT DISTINCT source_path, report_id FROM stg_report) AS s
LEFT JOIN (
    SELECT source_path, arg_max(report_id, seen_at) AS report_id FROM report_seen GROUP BY source_path
) AS last USING (source_path)
WHERE last.report_id IS DISTINCT FROM s.report_id;
