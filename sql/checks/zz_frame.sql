-- What the GX suite of each fact table validates: per report and table, one row per check, each
-- counting what holds (observed) against what should (expected) — a report passes a check when
-- the two are equal. check_key names the check (the suites' expectations, meta.check).
-- failures: for rules 1-4 and 6, the report's failing equations (check_name, observed, expected),
-- found on the way; the failing cells of the cell checks are read afterwards, for the reports that
-- fail only, from checks.rule5, checks.cells and checks.structure_rows.
--   rule1 … rule4: equations of the rule that hold / equations of the report's template
--   rule6: continuity columns charged to the report that hold / columns charged to it
--   rule5_non_negative, rule5_integer: count cells >= 0 / count cells; integral ones / count cells
--   structure_codes: cells named by a code of the template / cells printed
--   structure_rows (status ok only): cells of the template found / cells of the template
CREATE OR REPLACE VIEW checks.frame AS
WITH counts AS MATERIALIZED (SELECT * FROM checks.cell_counts),
equations AS (
    SELECT template, table_name, rule, count(DISTINCT equation) AS n FROM checks.rule_term GROUP BY ALL
),
failing AS (
    SELECT report_id, table_name, rule, count(*) AS n,
           list({'check_name': check_name, 'observed': observed, 'expected': expected}
                ORDER BY check_name) AS failures
    FROM checks.sum_rule_failures GROUP BY ALL
)
SELECT c.report_id, c.table_name, e.rule, e.rule AS check_key,
       (e.n - coalesce(f.n, 0))::DOUBLE AS observed, e.n::DOUBLE AS expected, f.failures
FROM counts c
JOIN equations e ON e.template = c.template AND e.table_name = c.table_name
LEFT JOIN failing f ON f.report_id = c.report_id AND f.table_name = c.table_name AND f.rule = e.rule
UNION ALL
SELECT report_id, 'applications', 'rule6', 'rule6',
       count(*) FILTER (WHERE observed = expected)::DOUBLE, count(*)::DOUBLE,
       list({'check_name': check_name, 'observed': observed, 'expected': expected} ORDER BY check_name)
           FILTER (WHERE observed <> expected)
FROM checks.rule6 GROUP BY report_id
UNION ALL
SELECT report_id, table_name, 'rule5', 'rule5_non_negative', non_negative::DOUBLE, counts::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'rule5', 'rule5_integer', integral::DOUBLE, counts::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'structure', 'structure_codes', known::DOUBLE, printed::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'structure', 'structure_rows', known::DOUBLE, template_cells::DOUBLE, NULL
FROM counts WHERE status = 'ok';
