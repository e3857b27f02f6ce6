-- Coverage: for each reporting year (and province, or city of one province), how many agencies
-- were expected to publish, how many did (on time, late), how many reports were quarantined,
-- listed on a site but not fetched, or not found at all.
-- @param year INTEGER = NULL  one reporting year (default: every year)
-- @param province VARCHAR = NULL  break this province down by city (default: all provinces)
-- @param kind VARCHAR = NULL  one kind of agency: government, department, special_zone … (default: all)
SELECT
    year,
    CASE WHEN CAST($province AS VARCHAR) IS NULL THEN coalesce(province, '(unresolved)')
         ELSE coalesce(city, '(province level)') END AS region,
    count(*) AS expected,
    count(*) FILTER (WHERE published) AS published,
    count(*) FILTER (WHERE published AND NOT late) AS on_time,
    count(*) FILTER (WHERE late) AS late,
    count(*) FILTER (WHERE status = 'quarantined') AS quarantined,
    count(*) FILTER (WHERE status = 'fetch_failed') AS fetch_failed,
    count(*) FILTER (WHERE status = 'not_found') AS not_found,
    count(*) FILTER (WHERE status = 'not_yet_due') AS not_yet_due,
    round(100.0 * count(*) FILTER (WHERE published) / count(*), 1) AS published_pct
FROM v_coverage
WHERE (CAST($year AS INTEGER) IS NULL OR year = CAST($year AS INTEGER))
  AND (CAST($province AS VARCHAR) IS NULL OR province = CAST($province AS VARCHAR))
  AND (CAST($kind AS VARCHAR) IS NULL OR kind = CAST($kind AS VARCHAR))
GROUP BY ALL
ORDER BY year DESC, region;
