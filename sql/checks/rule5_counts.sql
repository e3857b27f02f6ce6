-- Rule 5, every count is a non-negative integer: one row per count cell (checks.cells), the value
-- printed (observed) vs the nearest non-negative integer (expected). `change` and money are not counts.
CREATE OR REPLACE VIEW checks.rule5 AS
SELECT * FROM checks.cells WHERE rule = 'rule5';
