-- Rule 4, review: {{ rule_text.rule4 | escape_sql }} (the templates' rule4).
-- One rule of checks.sum_rules (rule1_4_sums.sql), for reading a single rule by hand.
CREATE OR REPLACE VIEW checks.rule4 AS SELECT * FROM checks.sum_rules WHERE rule = 'rule4';
