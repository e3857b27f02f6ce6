-- Rule 1, balance: {{ rule_text.rule1 | escape_sql }} (the templates' rule1).
-- One rule of checks.sum_rules (rule1_4_sums.sql), for reading a single rule by hand.
CREATE OR REPLACE VIEW checks.rule1 AS SELECT * FROM checks.sum_rules WHERE rule = 'rule1';
