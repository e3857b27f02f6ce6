-- Per year and rule: how many reports in scope break the rule in the latest check run (failed or
-- confirmed as the report's own error; dismissed checks count as passing).
SELECT s.year, r.rule, count(*) AS reports
FROM report_scope s
JOIN report_quality q USING (report_id),
     unnest(q.rules_broken) AS r(rule)
GROUP BY s.year, r.rule
ORDER BY s.year, r.rule;
