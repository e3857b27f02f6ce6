-- Every printed cell of the three tables, added up per year over the reports in scope (one report
-- per year for an agency): the sum of the cells read, how many reports print the cell, how many of
-- those cells could be read (a NULL is never counted as 0), the unit. For one report, also the
-- text printed there and where it was read. `printed_cell` is made with the scope (scope.sql).
SELECT s.year, p.table_name, p.row_code, p.col_code, any_value(p.unit) AS unit,
       sum(p.value) AS value, count(*) AS printed, count(p.value) AS read,
       CASE WHEN count(*) = 1 THEN any_value(p.raw_text) END AS raw_text,
       CASE WHEN count(*) = 1 THEN any_value(p.source_location) END AS source_location
FROM printed_cell p
JOIN report_scope s USING (report_id)
GROUP BY s.year, p.table_name, p.row_code, p.col_code
ORDER BY s.year, p.table_name, p.row_code, p.col_code;
