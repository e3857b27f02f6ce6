-- The cells of some reports whose characters OCR was unsure of, as "table/row/col" (the parse
-- issue's location), for the suggestions to prefer among equally small corrections.
-- Parameters: $report_ids, $code (the issue code of such a doubt).
SELECT DISTINCT report_id, location
FROM parse_issue
WHERE code = $code AND list_contains($report_ids::VARCHAR[], report_id);
