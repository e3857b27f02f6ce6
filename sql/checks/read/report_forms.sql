-- The tables some reports printed in another template's form (report_table_form), for their
-- equations and suggestions. Parameters: $report_ids.
SELECT report_id, table_name, form
FROM checks.report_table
WHERE form <> template AND list_contains($report_ids::VARCHAR[], report_id);
