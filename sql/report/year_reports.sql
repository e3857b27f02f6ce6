-- Per year of the scope (every year from the first to the last, gaps included): the reports, the
-- agencies, the agencies of the scope with no report that year, the reports printing each table,
-- the rule status of the latest check run (passing all rules, failing one, not checked), and the
-- agencies of the scope over all its years.
WITH years AS (
    SELECT unnest(range(min(year), max(year) + 1)) AS year FROM report_scope
),
agencies AS (SELECT count(DISTINCT agency_id) AS n FROM report_scope),
per_year AS (
    SELECT s.year, count(*) AS reports, count(DISTINCT s.agency_id) AS agencies,
           count(*) FILTER (WHERE s.has_active) AS with_active,
           count(*) FILTER (WHERE s.has_applications) AS with_applications,
           count(*) FILTER (WHERE s.has_review_litigation) AS with_review_litigation,
           count(*) FILTER (WHERE q.passes_all_rules) AS passing,
           count(*) FILTER (WHERE NOT q.passes_all_rules) AS failing,
           count(*) FILTER (WHERE q.passes_all_rules IS NULL) AS unchecked
    FROM report_scope s
    LEFT JOIN report_quality q USING (report_id)
    GROUP BY s.year
)
SELECT y.year, coalesce(p.reports, 0) AS reports, coalesce(p.agencies, 0) AS agencies,
       a.n - coalesce(p.agencies, 0) AS missing,
       coalesce(p.with_active, 0) AS with_active,
       coalesce(p.with_applications, 0) AS with_applications,
       coalesce(p.with_review_litigation, 0) AS with_review_litigation,
       coalesce(p.passing, 0) AS passing, coalesce(p.failing, 0) AS failing,
       coalesce(p.unchecked, 0) AS unchecked, a.n AS scope_agencies
FROM years y
CROSS JOIN agencies a
LEFT JOIN per_year p USING (year)
ORDER BY y.year;
