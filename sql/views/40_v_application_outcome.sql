-- v_application_outcome: the outcomes of table 3 (total column) of current reports, long, each
-- with its labels and the outcome group it counts under (the top outcome entries of the outline:
-- granted, partial, denied, unable, rejected, other …), so that every template compares. A report
-- that printed table 3 in another template's form is read by that form (report_table_form).
CREATE OR REPLACE VIEW v_application_outcome AS
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.year, r.template,
    c.outcome_group,
    f.row_code AS outcome,
    f.count,
    g.label AS outcome_group_label,
    c.label AS outcome_label,
    c.numbering AS outcome_numbering,
    g.display_order AS outcome_group_order,
    c.display_order AS outcome_order,
    c.outcome_group <> f.row_code AS is_reason
FROM fact_application AS f
JOIN v_report AS r USING (report_id)
JOIN report_table_form AS tf ON tf.report_id = f.report_id AND tf.table_name = 'applications'
JOIN dim_code AS c
  ON c.template = tf.form AND c.table_name = 'applications' AND c.axis = 'row' AND c.code = f.row_code
JOIN dim_code AS g
  ON g.template = tf.form AND g.table_name = 'applications' AND g.axis = 'row' AND g.code = c.outcome_group
WHERE f.applicant_type = {{ total.applications | literal }}
  AND c.is_outcome;

COMMENT ON VIEW v_application_outcome IS 'How the requests of current reports were handled ({{ total.applications }} column), one row per report and outcome row, with the outcome group it counts under ({{ outcome_groups | join(" / ") }}) and the labels the report''s form prints. Outcome rows only: the balance rows and the printed total are left out.';
COMMENT ON COLUMN v_application_outcome.report_id IS 'The report version (dim_report.report_id), current only.';
COMMENT ON COLUMN v_application_outcome.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN v_application_outcome.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_application_outcome.province IS 'Province of the agency.';
COMMENT ON COLUMN v_application_outcome.year IS 'Reporting year.';
COMMENT ON COLUMN v_application_outcome.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN v_application_outcome.outcome_group IS 'The top outcome entry the row counts under: {{ outcome_groups | join(", ") }} (dim_code.outcome_group).';
COMMENT ON COLUMN v_application_outcome.outcome IS 'The outcome row code as printed (fact_application.row_code).';
COMMENT ON COLUMN v_application_outcome.count IS 'Requests with that outcome ({{ total.applications }} column as printed).';
COMMENT ON COLUMN v_application_outcome.outcome_group_label IS 'The label the report''s form prints for the outcome group.';
COMMENT ON COLUMN v_application_outcome.outcome_label IS 'The label the report''s form prints for the outcome row.';
COMMENT ON COLUMN v_application_outcome.outcome_numbering IS 'The outline numbering printed before the outcome''s label.';
COMMENT ON COLUMN v_application_outcome.outcome_group_order IS 'Printed position of the outcome group in table 3 (for sorting).';
COMMENT ON COLUMN v_application_outcome.outcome_order IS 'Printed position of the outcome row in table 3 (for sorting).';
COMMENT ON COLUMN v_application_outcome.is_reason IS 'The row is one reason under a heading (e.g. a reason for denial), not an outcome group of its own.';
