-- Top agencies by applications: the agencies that received the most new requests in a year,
-- with how they answered them (granted and denied shares of requests handled).
-- @param year INTEGER = NULL  reporting year (default: the latest year in the warehouse)
-- @param limit INTEGER = 20  how many agencies to list
WITH y AS (
    SELECT coalesce(CAST($year AS INTEGER), (SELECT max(year) FROM v_applications_wide)) AS year
)
SELECT
    row_number() OVER (ORDER BY new DESC, agency) AS rank,
    agency, province, city, year, new AS applications, total_handled,
    round(100.0 * (granted + partial) / nullif(total_handled, 0), 1) AS granted_or_partial_pct,
    round(100.0 * denied_all / nullif(total_handled, 0), 1) AS denied_pct
FROM v_applications_wide
WHERE year = (SELECT year FROM y) AND new IS NOT NULL
ORDER BY new DESC, agency
LIMIT $limit;
