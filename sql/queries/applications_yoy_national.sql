-- Year-over-year applications nationally: per reporting year the reports in the warehouse, new
-- requests, requests handled and carried forward, and the change on the previous year, both
-- raw and like for like (agencies that reported in both years).
WITH a AS (
    SELECT r.agency_id, r.year, t.new, t.total_handled, t.carried_forward
    FROM agg_application_totals AS t JOIN dim_report AS r USING (report_id)
    WHERE r.is_current
),
y AS (
    SELECT year, count(*) AS reports, sum(new) AS applications, sum(total_handled) AS handled,
           sum(carried_forward) AS carried_forward
    FROM a GROUP BY year
),
lfl AS (
    SELECT c.year, count(*) AS agencies_both_years, sum(c.new) AS cur, sum(p.new) AS prev
    FROM a AS c JOIN a AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1
    GROUP BY c.year
)
SELECT
    y.year, y.reports, y.applications, y.handled, y.carried_forward,
    round(100.0 * (y.applications - prev_y.applications) / nullif(prev_y.applications, 0), 1) AS change_pct,
    lfl.agencies_both_years,
    round(100.0 * (lfl.cur - lfl.prev) / nullif(lfl.prev, 0), 1) AS change_pct_like_for_like
FROM y
LEFT JOIN y AS prev_y ON prev_y.year = y.year - 1
LEFT JOIN lfl ON lfl.year = y.year
ORDER BY y.year;
