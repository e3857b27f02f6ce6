-- Rule 1, balance: new + carried_over (observed) vs total_handled + carried_forward (expected), per applicant column.
-- One rule of checks.sum_rules (rule1_4_sums.sql), for reading a single rule by hand.
CREATE OR REPLACE VIEW checks.rule1 AS SELECT * FROM checks.sum_rules WHERE rule = 'rule1';
