-- v_review_litigation_wide: table 4 of each current report on one row (groups x outcomes, one
-- column <group>_<outcome> each, generated from the templates); each column is one printed cell
-- (max over the one row it has).
CREATE OR REPLACE VIEW v_review_litigation_wide AS
WITH t AS (
    SELECT report_id, group_code, outcome, count FROM fact_review_litigation
    WHERE report_id IN (SELECT report_id FROM dim_report WHERE is_current)
)
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.city, r.county, r.year, r.template, r.status,
{% for g in rows.review_litigation %}
{% for o in columns.review_litigation %}
    max(count) FILTER (WHERE group_code = {{ g | literal }} AND outcome = {{ o | literal }}) AS {{ (g ~ "_" ~ o) | ident }},
{% endfor %}
{% endfor %}
FROM v_report AS r
JOIN t USING (report_id)
GROUP BY ALL;

COMMENT ON VIEW v_review_litigation_wide IS 'Table 4 of each current report on one row: <group>_<outcome> for the groups {{ rows.review_litigation | join(", ") }} and the outcomes {{ columns.review_litigation | join(", ") }} (as printed). Column comments give the labels.';
COMMENT ON COLUMN v_review_litigation_wide.report_id IS 'The report version (dim_report.report_id), current only.';
COMMENT ON COLUMN v_review_litigation_wide.agency_id IS 'The agency (dim_agency.agency_id).';
COMMENT ON COLUMN v_review_litigation_wide.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_review_litigation_wide.province IS 'Province of the agency (dim_agency.province).';
COMMENT ON COLUMN v_review_litigation_wide.city IS 'Prefecture-level city of the agency (dim_agency.city).';
COMMENT ON COLUMN v_review_litigation_wide.county IS 'County of the agency (dim_agency.county).';
COMMENT ON COLUMN v_review_litigation_wide.year IS 'Reporting year.';
COMMENT ON COLUMN v_review_litigation_wide.template IS 'The report''s template (dim_report.template).';
COMMENT ON COLUMN v_review_litigation_wide.status IS 'ok or issues (dim_report.status).';
{% for g in rows.review_litigation %}
{% set gd = code("review_litigation", "row", g) %}
{% for o in columns.review_litigation %}
COMMENT ON COLUMN v_review_litigation_wide.{{ (g ~ "_" ~ o) | ident }} IS '{{ (gd.parent_label ~ " ") if gd.parent_label else "" }}{{ gd.label | escape_sql }} · {{ label("review_litigation", "column", o) | escape_sql }}: group {{ g }}, outcome {{ o }}.';
{% endfor %}
{% endfor %}
