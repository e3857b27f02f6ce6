-- The agencies an analyst's --agency NAME may mean: the one of that exact name, else every agency
-- whose name contains it, with how many current reports each has.
SELECT a.agency_id, a.name, a.province, a.city, a.county, a.name = $name AS exact,
       (SELECT count(*) FROM dim_report r WHERE r.agency_id = a.agency_id AND r.is_current) AS reports
FROM dim_agency a
WHERE contains(a.name, $name)
ORDER BY exact DESC, reports DESC, a.name;
