-- Late reports: reports published after their due date (31 January of the next year from
-- reporting year 2019, 31 March before), latest first, with how many days late and where.
-- @param year INTEGER = NULL  one reporting year (default: every year)
-- @param province VARCHAR = NULL  one province (default: all)
-- @param city VARCHAR = NULL  one city (default: all)
-- @param kind VARCHAR = NULL  one kind of agency: government, department, special_zone … (default: all)
SELECT agency, province, city, county, kind, year, status, published_at, due_date, days_late, source_url
FROM v_coverage
WHERE late
  AND (CAST($year AS INTEGER) IS NULL OR year = CAST($year AS INTEGER))
  AND (CAST($province AS VARCHAR) IS NULL OR province = CAST($province AS VARCHAR))
  AND (CAST($city AS VARCHAR) IS NULL OR city = CAST($city AS VARCHAR))
  AND (CAST($kind AS VARCHAR) IS NULL OR kind = CAST($kind AS VARCHAR))
ORDER BY year DESC, days_late DESC, agency;
