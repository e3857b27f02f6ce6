-- Year-over-year applications per agency: new requests received each year (row new, total
-- column of table 3), the number the year before, the change and the change in percent.
-- Current report versions only; a year without a report shows previous_year NULL.
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
-- @param from_year INTEGER = 2019  first reporting year shown
-- @param to_year INTEGER = 2100  last reporting year shown
WITH a AS (
    SELECT agency_id, agency, province, city, year, new
    FROM v_applications_wide
    WHERE CAST($agency AS VARCHAR) IS NULL OR agency LIKE '%' || CAST($agency AS VARCHAR) || '%'
)
SELECT
    c.agency, c.province, c.city, c.year,
    c.new AS applications,
    p.new AS previous_year,
    c.new - p.new AS change,
    round(100.0 * (c.new - p.new) / nullif(p.new, 0), 1) AS change_pct
FROM a AS c
LEFT JOIN a AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1
WHERE c.year BETWEEN $from_year AND $to_year
ORDER BY c.agency, c.year;
