-- Every printed cell of the reports in scope, one row each, with the text printed there and where
-- it was read: the provenance of each number (the first $limit cells, in year and agency order).
-- $failing_only: only the reports that break a rule in the latest check run (what an analyst
-- looks up in the source when the scope holds many agencies). `printed_cell` is made with the
-- scope (scope.sql).
SELECT s.agency, s.year, s.template, p.table_name, p.row_code, p.col_code, p.value, p.unit, p.raw_text,
       p.source_location, s.source_path, s.report_id
FROM printed_cell p
JOIN report_scope s USING (report_id)
WHERE NOT $failing_only
   OR s.report_id IN (SELECT report_id FROM report_quality WHERE NOT passes_all_rules)
ORDER BY s.year, s.agency, s.report_id
LIMIT $limit;
