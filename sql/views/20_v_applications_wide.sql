-- v_applications_wide: table 3 of each current report on one row: the total column of every row
-- code of every template, subtotals per outcome heading that make the templates comparable, and
-- the applicant mix of new requests. The columns are generated from the templates (sql/README.md):
-- a new row code becomes a new column. A cell column is max() over the one fact row it has, so
-- its type stays BIGINT.
CREATE OR REPLACE VIEW v_applications_wide AS
WITH t AS (
    SELECT report_id, row_code, applicant_type, count FROM fact_application
    WHERE report_id IN (SELECT report_id FROM dim_report WHERE is_current)
)
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.city, r.county, r.year, r.template, r.status,
{% for c in rows.applications %}
    max(count) FILTER (WHERE applicant_type = {{ total.applications | literal }} AND row_code = {{ c | literal }}) AS {{ c | ident }},
{% endfor %}
    -- subtotals comparable across templates: each heading's outcome rows, in whichever form printed
{% for g, members in group_rows.items() %}
    CAST(sum(count) FILTER (WHERE applicant_type = {{ total.applications | literal }} AND row_code IN ({{ members | in_list }})) AS BIGINT) AS {{ (g ~ "_all") | ident }},
{% endfor %}
    -- who asked: the first balance row (new requests) by applicant type
{% for col in parts.applications %}
    max(count) FILTER (WHERE row_code = {{ balance_rows[0] | literal }} AND applicant_type = {{ col | literal }}) AS {{ (balance_rows[0] ~ "_" ~ col) | ident }},
{% endfor %}
FROM v_report AS r
JOIN t USING (report_id)
GROUP BY ALL;

COMMENT ON VIEW v_applications_wide IS 'Table 3 of each current report on one row: the {{ total.applications }} column of every row code (NULL where the report''s form has no such row), subtotals {% for g in group_rows %}{{ g }}_all{{ ", " if not loop.last }}{% endfor %} comparable across templates, and new requests by applicant type. Column comments give the labels; dim_code has them all.';
COMMENT ON COLUMN v_applications_wide.report_id IS 'The report version (dim_report.report_id), current only.';
COMMENT ON COLUMN v_applications_wide.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN v_applications_wide.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_applications_wide.province IS 'Province of the agency (dim_agency.province).';
COMMENT ON COLUMN v_applications_wide.city IS 'Prefecture-level city of the agency (dim_agency.city).';
COMMENT ON COLUMN v_applications_wide.county IS 'County of the agency (dim_agency.county).';
COMMENT ON COLUMN v_applications_wide.year IS 'Reporting year.';
COMMENT ON COLUMN v_applications_wide.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN v_applications_wide.status IS 'ok or issues (dim_report.status).';
{% for c in rows.applications %}
{% set d = code("applications", "row", c) %}
COMMENT ON COLUMN v_applications_wide.{{ c | ident }} IS '{{ (d.parent_label ~ " ") if d.depth == 2 else "" }}{{ d.numbering }}{{ d.label | escape_sql }}: row {{ c }}, column {{ total.applications }}{{ "; printed by " ~ templates_with("applications", "row", c) | join(", ") if templates_with("applications", "row", c) | length < templates | length else "" }}.';
{% endfor %}
{% for g, members in group_rows.items() %}
COMMENT ON COLUMN v_applications_wide.{{ (g ~ "_all") | ident }} IS '{{ label("applications", "row", g) | escape_sql }}, all reasons: the sum of rows {{ members | join(", ") }} (column {{ total.applications }}), whichever the report printed.';
{% endfor %}
{% for col in parts.applications %}
COMMENT ON COLUMN v_applications_wide.{{ (balance_rows[0] ~ "_" ~ col) | ident }} IS '{{ label("applications", "row", balance_rows[0]) | escape_sql }}, column {{ col }} ({{ label("applications", "column", col) | escape_sql }}).';
{% endfor %}
