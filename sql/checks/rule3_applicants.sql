-- Rule 3, applicants: {{ rule_text.rule3 | escape_sql }} (the templates' rule3).
-- One rule of checks.sum_rules (rule1_4_sums.sql), for reading a single rule by hand.
CREATE OR REPLACE VIEW checks.rule3 AS SELECT * FROM checks.sum_rules WHERE rule = 'rule3';
