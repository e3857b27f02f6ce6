-- What the GX suite of each fact table validates: every check row of that table, one frame.
-- checks.cells carries rule 5 and the known-codes check in one row per printed cell.
CREATE OR REPLACE VIEW checks.frame AS
SELECT * FROM checks.sum_rules
UNION ALL SELECT * FROM checks.cells
UNION ALL SELECT * FROM checks.rule6
UNION ALL SELECT * FROM checks.structure_rows;
