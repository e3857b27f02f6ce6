-- The printed cells of the tables the sum rules add up, of some reports, as "table/row/col" and
-- value: only the cells that are not 0 or blank (a cell left out reads as 0, and most are 0).
-- Parameters: $report_ids.
SELECT report_id, 'applications/' || row_code || '/' || applicant_type, count
FROM fact_application
WHERE report_id IN (SELECT unnest($report_ids::VARCHAR[])) AND count <> 0
UNION ALL
SELECT report_id, 'review_litigation/' || group_code || '/' || outcome, count
FROM fact_review_litigation
WHERE report_id IN (SELECT unnest($report_ids::VARCHAR[])) AND count <> 0;
