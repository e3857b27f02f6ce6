-- v_report_cell: every printed cell of the three tables of current reports, long, with the labels
-- and the printed order of its row and column in the form the report printed the table in
-- (report_table_form, dim_code): table 3 as the report lays it out is
-- `ORDER BY row_order, col_order`. Cells whose code the form does not have keep NULL labels.
CREATE OR REPLACE VIEW v_report_cell AS
WITH cell AS (
    SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code, value, unit,
           source_location, raw_text
    FROM fact_active_disclosure
    UNION ALL
    SELECT report_id, 'applications', row_code, applicant_type, count, NULL, source_location, raw_text
    FROM fact_application
    UNION ALL
    SELECT report_id, 'review_litigation', group_code, outcome, count, NULL, source_location, raw_text
    FROM fact_review_litigation
)
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.year, r.template, tf.form,
    c.table_name, rl.section,
    c.row_code, rl.numbering AS row_numbering, rl.label AS row_label, rl.parent_label AS row_parent_label,
    rl.display_order AS row_order,
    c.col_code, cl.label AS col_label, cl.parent_label AS col_parent_label, cl.display_order AS col_order,
    c.value, c.unit, c.source_location, c.raw_text
FROM cell AS c
JOIN v_report AS r USING (report_id)
JOIN report_table_form AS tf ON tf.report_id = c.report_id AND tf.table_name = c.table_name
LEFT JOIN dim_code AS rl
  ON rl.template = tf.form AND rl.table_name = c.table_name AND rl.axis = 'row' AND rl.code = c.row_code
LEFT JOIN dim_code AS cl
  ON cl.template = tf.form AND cl.table_name = c.table_name AND cl.axis = 'column' AND cl.code = c.col_code;

COMMENT ON VIEW v_report_cell IS 'Every printed cell of the three tables of current reports, one row each, with the Chinese labels and printed order of its row and column as the report''s form of the table prints them (dim_code); sort by table_name, row_order, col_order to lay a table out as printed.';
COMMENT ON COLUMN v_report_cell.report_id IS 'The report version (dim_report.report_id), current only.';
COMMENT ON COLUMN v_report_cell.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN v_report_cell.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_report_cell.province IS 'Province of the agency.';
COMMENT ON COLUMN v_report_cell.year IS 'Reporting year.';
COMMENT ON COLUMN v_report_cell.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN v_report_cell.form IS 'The template whose form of this table the report printed (report_table_form).';
COMMENT ON COLUMN v_report_cell.table_name IS 'The statistical table: {{ tables | join(", ") }}.';
COMMENT ON COLUMN v_report_cell.section IS 'The numeral of the report section holding the table.';
COMMENT ON COLUMN v_report_cell.row_code IS 'Row code as printed (item, row_code or group_code of the fact table).';
COMMENT ON COLUMN v_report_cell.row_numbering IS 'Table 3: the outline numbering printed before the row label.';
COMMENT ON COLUMN v_report_cell.row_label IS 'The row''s label as the form prints it; NULL for a code the form does not have.';
COMMENT ON COLUMN v_report_cell.row_parent_label IS 'The printed heading over the row (table 3''s heading, table 2''s clause, table 4''s group header).';
COMMENT ON COLUMN v_report_cell.row_order IS 'Printed position of the row in the table.';
COMMENT ON COLUMN v_report_cell.col_code IS 'Column code as printed (metric, applicant_type or outcome).';
COMMENT ON COLUMN v_report_cell.col_label IS 'The column''s label as the form prints it.';
COMMENT ON COLUMN v_report_cell.col_parent_label IS 'The printed header over the column, if any.';
COMMENT ON COLUMN v_report_cell.col_order IS 'Printed position of the column in the table.';
COMMENT ON COLUMN v_report_cell.value IS 'The number printed (a count, or a decimal for money; a blank cell is 0; NULL when unreadable).';
COMMENT ON COLUMN v_report_cell.unit IS 'Table 2: the unit of value (fact_active_disclosure.unit); NULL for the counts of tables 3 and 4.';
COMMENT ON COLUMN v_report_cell.source_location IS 'Where in the raw file the number was read.';
COMMENT ON COLUMN v_report_cell.raw_text IS 'The text printed in that cell before normalisation.';
