-- Structure, complete tables: every report with status ok has every cell of its template in each
-- table it prints: the cells found (observed) vs the cells the template has (expected), per table.
-- A table the report does not contain at all is left out, as in the gold files.
CREATE OR REPLACE VIEW checks.structure_rows AS
SELECT report_id, table_name, 'structure' AS rule, 'rows' AS check_kind, 'rows/' || table_name AS check_name,
       known::DOUBLE AS observed, template_cells::DOUBLE AS expected
FROM checks.cell_counts
WHERE status = 'ok';
