-- Per report, the rule-6 cells charged to it: (report, column, its row, the neighbouring year's
-- value it should equal). Parameters: $report_ids.
WITH charged AS (
    SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END AS report_id, col,
           CASE WHEN blame_previous THEN last_row ELSE this_row END AS row_code,
           CASE WHEN blame_previous THEN this_value ELSE last_value END AS value
    FROM checks.continuity
)
SELECT report_id, col, row_code, value
FROM charged
WHERE report_id IN (SELECT unnest($report_ids::VARCHAR[]));
