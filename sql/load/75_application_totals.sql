-- Table 3 totals of every current report, with the agency's new requests of the year before
-- (rebuilt whole: which report is current may have changed in this run). Parameters: none.
DELETE FROM agg_application_totals;
INSERT INTO agg_application_totals
WITH totals AS (
    SELECT
        report_id,
        max(count) FILTER (WHERE row_code = 'new') AS new,
        max(count) FILTER (WHERE row_code = 'carried_over') AS carried_over,
        max(count) FILTER (WHERE row_code = 'total_handled') AS total_handled,
        max(count) FILTER (WHERE row_code = 'carried_forward') AS carried_forward
    FROM fact_application
    WHERE applicant_type = 'total'
      AND row_code IN ('new', 'carried_over', 'total_handled', 'carried_forward')
    GROUP BY report_id
),
current AS (
    SELECT t.*, r.agency_id, r.year
    FROM totals AS t JOIN dim_report AS r USING (report_id)
    WHERE r.is_current AND r.agency_id IS NOT NULL AND r.year IS NOT NULL
)
SELECT
    c.report_id, c.agency_id, c.year, c.new, c.carried_over, c.total_handled, c.carried_forward,
    p.new AS previous_year_new
FROM current AS c
LEFT JOIN current AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1;
