-- v_continuity: rule 6 between the current reports of one agency in consecutive years, per
-- column of the rule's table: this year's row (carried over) beside the row of the year before it
-- must equal (carried forward). The rows are the templates' rule 6 (`continuity`).
CREATE OR REPLACE VIEW v_continuity AS
WITH cell AS (
    SELECT r.report_id, r.agency_id, r.agency, r.province, r.year, f.row_code, f.applicant_type, f.count
    FROM fact_application AS f
    JOIN v_report AS r USING (report_id)
    WHERE f.row_code IN ({{ [continuity.this_year, continuity.last_year] | in_list }})
      AND r.agency_id IS NOT NULL
)
SELECT
    c.agency_id, c.agency, c.province, c.year, c.applicant_type,
    c.count AS {{ continuity.this_year | ident }},
    p.count AS {{ ("previous_" ~ continuity.last_year) | ident }},
    c.count - p.count AS difference,
    c.count IS NOT DISTINCT FROM p.count AS holds,
    c.report_id, p.report_id AS previous_report_id,
    coalesce(l.label, c.applicant_type) AS applicant_label,
    l.display_order AS applicant_order
FROM cell AS c
JOIN cell AS p
  ON p.agency_id = c.agency_id AND p.year = c.year - 1 AND p.applicant_type = c.applicant_type
 AND p.row_code = {{ continuity.last_year | literal }}
LEFT JOIN report_table_form AS tf ON tf.report_id = c.report_id AND tf.table_name = {{ continuity.table | literal }}
LEFT JOIN dim_code AS l
  ON l.template = tf.form AND l.table_name = {{ continuity.table | literal }} AND l.axis = 'column'
 AND l.code = c.applicant_type
WHERE c.row_code = {{ continuity.this_year | literal }};

COMMENT ON VIEW v_continuity IS 'Rule 6 ({{ rule_text.rule6 | escape_sql }}) for every agency with current reports in two consecutive years, one row per column: this year''s {{ continuity.this_year }} beside the previous year''s {{ continuity.last_year }}.';
COMMENT ON COLUMN v_continuity.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN v_continuity.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_continuity.province IS 'Province of the agency.';
COMMENT ON COLUMN v_continuity.year IS 'The later of the two reporting years.';
COMMENT ON COLUMN v_continuity.applicant_type IS 'The column of table 3 (applicant type code).';
COMMENT ON COLUMN v_continuity.{{ continuity.this_year | ident }} IS 'This year''s row {{ continuity.this_year }} ({{ label(continuity.table, "row", continuity.this_year) | escape_sql }}) in that column.';
COMMENT ON COLUMN v_continuity.{{ ("previous_" ~ continuity.last_year) | ident }} IS 'The previous year''s row {{ continuity.last_year }} ({{ label(continuity.table, "row", continuity.last_year) | escape_sql }}) in that column.';
COMMENT ON COLUMN v_continuity.difference IS 'This year''s value minus the previous year''s; 0 when the rule holds.';
COMMENT ON COLUMN v_continuity.holds IS 'Whether the two values are equal (rule 6 holds for this column).';
COMMENT ON COLUMN v_continuity.report_id IS 'This year''s report (dim_report.report_id).';
COMMENT ON COLUMN v_continuity.previous_report_id IS 'The previous year''s report.';
COMMENT ON COLUMN v_continuity.applicant_label IS 'The column''s label as the report''s form prints it.';
COMMENT ON COLUMN v_continuity.applicant_order IS 'The column''s printed position (for sorting).';
