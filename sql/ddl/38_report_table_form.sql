-- Which template's form each report printed each of its tables in: its own template's, unless it
-- prints a cell only a known mixture's form has (dim_table_form), e.g. a v2021 report with the
-- 2019 form of table 3 (its single other row). The facts keep the codes as printed; the views and the
-- checks read a table by the form it was printed in, so such a report breaks no rule it keeps.
CREATE OR REPLACE VIEW report_table_form AS
WITH telling AS (  -- the few printed cells that tell another form
    SELECT f.report_id, m.template, m.table_name, m.form, m.preference
    FROM fact_active_disclosure AS f
    JOIN dim_table_form AS m ON m.table_name = 'active' AND m.row_code = f.item AND m.col_code = f.metric
    UNION ALL
    SELECT f.report_id, m.template, m.table_name, m.form, m.preference
    FROM fact_application AS f
    JOIN dim_table_form AS m
      ON m.table_name = 'applications' AND m.row_code = f.row_code AND m.col_code = f.applicant_type
    UNION ALL
    SELECT f.report_id, m.template, m.table_name, m.form, m.preference
    FROM fact_review_litigation AS f
    JOIN dim_table_form AS m
      ON m.table_name = 'review_litigation' AND m.row_code = f.group_code AND m.col_code = f.outcome
),
mixed AS (
    SELECT t.report_id, t.table_name, arg_min(t.form, t.preference) AS form
    FROM telling AS t
    JOIN dim_report AS r ON r.report_id = t.report_id AND r.template = t.template
    GROUP BY t.report_id, t.table_name
)
SELECT r.report_id, tb.table_name, r.template, coalesce(m.form, r.template) AS form
FROM dim_report AS r
CROSS JOIN (VALUES {% for t in tables %}({{ t | literal }}){{ ", " if not loop.last }}{% endfor %}) AS tb(table_name)
LEFT JOIN mixed AS m ON m.report_id = r.report_id AND m.table_name = tb.table_name;

COMMENT ON VIEW report_table_form IS 'One row per report version and table: the template whose form of the table the report printed (its own template''s unless it printed a cell of a known mixture, dim_table_form). Join dim_code on (form, table_name, axis, code) to label a report''s cells.';
COMMENT ON COLUMN report_table_form.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN report_table_form.table_name IS 'The statistical table: {{ tables | join(", ") }}.';
COMMENT ON COLUMN report_table_form.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN report_table_form.form IS 'The template whose form of this table the report printed; equals template unless the report mixes templates.';
