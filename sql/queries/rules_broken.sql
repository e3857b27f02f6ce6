-- Cross-sum rules the printed numbers break, as the parser found them (issue rule_broken), over
-- current report versions: per rule the number of broken equations and of reports.
SELECT
    regexp_extract(i.message, '^(rule[0-9]+)', 1) AS rule,
    count(*) AS equations_broken,
    count(DISTINCT i.report_id) AS reports
FROM parse_issue AS i
JOIN dim_report AS r USING (report_id)
WHERE r.is_current AND i.code = 'rule_broken'
GROUP BY ALL
ORDER BY rule;
