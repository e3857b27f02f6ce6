-- The failing equations of one equation check (rules 1-4, 6) of some reports, as the frame
-- listed them: (report, equation, observed, expected). Parameters: $table_name, $check_key,
-- $report_ids.
SELECT report_id, f.check_name, f.observed, f.expected
FROM (
    SELECT report_id, unnest(failures) AS f FROM check_frame
    WHERE table_name = $table_name AND check_key = $check_key AND list_contains($report_ids::VARCHAR[], report_id)
)
ORDER BY report_id, f.check_name;
