-- Missing reports: agencies expected to publish a year's report that the warehouse does not
-- hold usable — quarantined, listed on the site but not fetched (with why), or not found —
-- by province, city and kind; agencies with a known column first.
-- @param year INTEGER = NULL  one reporting year (default: every year whose report is due)
-- @param province VARCHAR = NULL  one province (default: all)
-- @param city VARCHAR = NULL  one city (default: all)
-- @param kind VARCHAR = NULL  one kind of agency: government, department, special_zone … (default: all)
-- @param limit INTEGER = 200  how many rows
SELECT agency, province, city, county, kind, year, status, fetch_reason, source_url, list_url, due_date
FROM v_coverage
WHERE status IN ('quarantined', 'fetch_failed', 'not_found')
  AND (CAST($year AS INTEGER) IS NULL OR year = CAST($year AS INTEGER))
  AND (CAST($province AS VARCHAR) IS NULL OR province = CAST($province AS VARCHAR))
  AND (CAST($city AS VARCHAR) IS NULL OR city = CAST($city AS VARCHAR))
  AND (CAST($kind AS VARCHAR) IS NULL OR kind = CAST($kind AS VARCHAR))
ORDER BY list_url IS NULL, year DESC, province, city, county, agency
LIMIT $limit;
