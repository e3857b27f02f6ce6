-- Rule 2, handled: {{ rule_text.rule2 | escape_sql }} (the templates' rule2).
-- One rule of checks.sum_rules (rule1_4_sums.sql), for reading a single rule by hand.
CREATE OR REPLACE VIEW checks.rule2 AS SELECT * FROM checks.sum_rules WHERE rule = 'rule2';
