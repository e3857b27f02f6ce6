-- Year-over-year applications nationally: per reporting year the reports in the warehouse, new
-- requests, requests handled and carried forward, and the change on the previous year, both
-- raw and like for like (agencies that reported in both years). Reads agg_application_totals
-- (one row per current report, with the agency's previous year beside it).
WITH y AS (
    SELECT
        year, count(*) AS reports, sum(new) AS applications, sum(total_handled) AS handled,
        sum(carried_forward) AS carried_forward,
        count(previous_year_new) AS agencies_both_years,
        sum(new) FILTER (WHERE previous_year_new IS NOT NULL) AS cur,
        sum(previous_year_new) AS prev
    FROM agg_application_totals
    GROUP BY year
)
SELECT
    y.year, y.reports, y.applications, y.handled, y.carried_forward,
    round(100.0 * (y.applications - prev_y.applications) / nullif(prev_y.applications, 0), 1) AS change_pct,
    nullif(y.agencies_both_years, 0) AS agencies_both_years,
    round(100.0 * (y.cur - y.prev) / nullif(y.prev, 0), 1) AS change_pct_like_for_like
FROM y
LEFT JOIN y AS prev_y ON prev_y.year = y.year - 1
ORDER BY y.year;
