-- Agencies with current reports in the years asked for whose region the parser could not resolve
-- (no province): a region's report cannot count them, and says how many there are.
SELECT count(DISTINCT agency_id) AS agencies, count(*) AS reports
FROM v_report
WHERE province IS NULL
  AND (CAST($year_from AS INTEGER) IS NULL OR year >= $year_from)
  AND (CAST($year_to AS INTEGER) IS NULL OR year <= $year_to);
