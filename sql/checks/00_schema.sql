-- The rules of the templates as rows (filled from pipelines.spec through pipelines/quality/rules.py
-- when the file is read: placeholders, sql/README.md), and the reports and tables the checks look
-- at. Every check view below joins these; none repeats a rule or a code by hand.
CREATE SCHEMA IF NOT EXISTS checks;

-- template: the report's template (whose rules); form: the template whose form of the table was
-- printed (the same, unless the report mixes templates: report_table_form).
CREATE OR REPLACE TABLE checks.rule_term AS
SELECT * FROM (VALUES
    {{ rule_terms | values }}
) AS t(template, form, rule, equation, side, table_name, row_code, col_code);
COMMENT ON TABLE checks.rule_term IS 'Rules 1-4 of the templates, one row per cell of each equation (pipelines.spec.sum_rules, per template and form of the table): left cells added up must equal right cells added up.';

-- template: the template whose form of the table has the cell.
CREATE OR REPLACE TABLE checks.cell_code AS
SELECT * FROM (VALUES
    {{ cell_codes | values }}
) AS t(template, table_name, row_code, col_code, kind);
COMMENT ON TABLE checks.cell_code IS 'Every cell of each template''s form of each table (pipelines.spec); kind is count (rule 5 applies), signed or money.';

-- The reports under check: the current version of each report that was not quarantined. While
-- the per-report check rows are computed part by part (pipelines/quality/checks.py, `materialise`:
-- variables check_parts and check_part set), one part of them: whole agencies, so that the two
-- years of a continuity pair (rule 6) are always in the same part.
CREATE OR REPLACE VIEW checks.report AS
SELECT report_id, agency_id, year, template, status
FROM dim_report
WHERE is_current AND status <> 'quarantined'
  AND (getvariable('check_parts') IS NULL
       OR hash(coalesce(agency_id, report_id)) % getvariable('check_parts') = getvariable('check_part'));

-- The reports under check, per table, with the form each table was printed in: worked out once
-- per check run (report_table_form reads the facts), for every check view to join.
CREATE OR REPLACE TABLE checks.report_table AS
SELECT r.report_id, r.agency_id, r.year, r.template, r.status, f.table_name, f.form
FROM checks.report AS r
JOIN report_table_form AS f USING (report_id);
COMMENT ON TABLE checks.report_table IS 'The reports under check (current, not quarantined) per table, with the template whose form of the table each printed (report_table_form), as of the latest check run.';
