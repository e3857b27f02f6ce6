-- Year-over-year applications per region: new requests per province and year (or per city of
-- one province), with the number of reports behind each figure, and the change on the previous
-- year counted like for like (only agencies that reported in both years), so a region whose
-- coverage grew does not look busier than it is.
-- @param province VARCHAR = NULL  break this province down by city (default: all provinces)
WITH a AS (
    SELECT
        agency_id, year, new,
        CASE WHEN CAST($province AS VARCHAR) IS NULL THEN coalesce(province, '(unresolved)')
             ELSE coalesce(city, '(province level)') END AS region
    FROM v_applications_wide
    WHERE CAST($province AS VARCHAR) IS NULL OR province = CAST($province AS VARCHAR)
),
totals AS (
    SELECT region, year, count(*) AS reports, sum(new) AS applications FROM a GROUP BY ALL
),
like_for_like AS (
    SELECT c.region, c.year, count(*) AS agencies_both_years,
           sum(c.new) AS applications_lfl, sum(p.new) AS previous_year_lfl
    FROM a AS c JOIN a AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1
    GROUP BY ALL
)
SELECT
    t.region, t.year, t.reports, t.applications,
    l.agencies_both_years,
    l.previous_year_lfl,
    round(100.0 * (l.applications_lfl - l.previous_year_lfl) / nullif(l.previous_year_lfl, 0), 1)
        AS change_pct_like_for_like
FROM totals AS t
LEFT JOIN like_for_like AS l USING (region, year)
ORDER BY t.region, t.year;
