-- Per year of the scope: what became of the reports its agencies owe (v_coverage, against the
-- roster of agencies expected to publish): published on time or late, quarantined, fetch failed,
-- not found, not yet due. The agencies: one agency's roster entry ($agency_id), a region's (as in
-- scope.sql), or every one; the years $year_from … $year_to.
SELECT c.year, c.status, c.late, count(*) AS agencies
FROM v_coverage c
JOIN v_agency_registry g USING (roster_key)
WHERE (CAST($agency_id AS VARCHAR) IS NULL OR list_contains(g.agency_ids, $agency_id))
  AND (CAST($level AS VARCHAR) IS NULL
       OR (c.province = $province
           AND ($level = 'province'
                OR (c.city IS NOT DISTINCT FROM CAST($city AS VARCHAR)
                    AND ($level = 'city' OR c.county = $county)))))
  AND c.year BETWEEN $year_from AND $year_to
GROUP BY ALL
ORDER BY ALL;
