-- Table 3 totals of the reports loaded by this run (facts of a loaded report never change).
-- Parameters: none.
INSERT INTO agg_application_totals
SELECT
    report_id,
    max(count) FILTER (WHERE row_code = 'new') AS new,
    max(count) FILTER (WHERE row_code = 'carried_over') AS carried_over,
    max(count) FILTER (WHERE row_code = 'total_handled') AS total_handled,
    max(count) FILTER (WHERE row_code = 'carried_forward') AS carried_forward
FROM fact_application
WHERE applicant_type = 'total'
  AND row_code IN ('new', 'carried_over', 'total_handled', 'carried_forward')
  AND report_id NOT IN (SELECT report_id FROM agg_application_totals)
GROUP BY report_id;
