-- What this run did, for the ingest log and the build summary. Parameters: none.
SELECT
    (SELECT count(*) FROM stg_report) AS files_seen,
    (SELECT count(*) FROM new_report) AS reports_new,
    (SELECT count(DISTINCT report_id) FROM stg_report
      WHERE report_id NOT IN (SELECT report_id FROM new_report)) AS reports_unchanged,
    (SELECT count(*) - count(DISTINCT report_id) FROM stg_report) AS duplicates,
    (SELECT count(*) FROM new_report WHERE status = 'quarantined') AS quarantined_new,
    (SELECT count(*) FROM current_before
      WHERE report_id NOT IN (SELECT report_id FROM dim_report WHERE is_current)) AS superseded,
    (SELECT count(*) FROM stg_skipped) AS files_skipped;
