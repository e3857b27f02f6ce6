-- v_report: the current version of every usable report, with its agency's region.
CREATE OR REPLACE VIEW v_report AS
SELECT
    r.report_id, r.agency_id, r.agency, a.province, a.city, a.county, a.adcode, a.kind, a.level,
    r.year, r.template, r.status, r.n_errors, r.n_warnings, r.n_infos,
    r.has_active, r.has_applications, r.has_review_litigation,
    r.source_path, r.sha256, r.parser_version, r.ingested_at
FROM dim_report AS r
LEFT JOIN dim_agency AS a USING (agency_id)
WHERE r.is_current;

COMMENT ON VIEW v_report IS 'Current version of every usable report (dim_report.is_current) with the agency''s region; the starting point of most analyses.';
COMMENT ON COLUMN v_report.report_id IS 'The report version (dim_report.report_id); current versions only.';
COMMENT ON COLUMN v_report.agency_id IS 'The agency (dim_agency.agency_id); NULL when the parser found no agency name.';
COMMENT ON COLUMN v_report.agency IS 'Agency name as parsed.';
COMMENT ON COLUMN v_report.province IS 'Province-level region of the agency (dim_agency.province); NULL when unresolved.';
COMMENT ON COLUMN v_report.city IS 'Prefecture-level region of the agency (dim_agency.city).';
COMMENT ON COLUMN v_report.county IS 'County-level region of the agency (dim_agency.county).';
COMMENT ON COLUMN v_report.adcode IS 'Administrative division code of the most specific region resolved (dim_agency.adcode).';
COMMENT ON COLUMN v_report.kind IS 'What sort of agency (dim_agency.kind).';
COMMENT ON COLUMN v_report.level IS 'Administrative level of the agency (dim_agency.level).';
COMMENT ON COLUMN v_report.year IS 'Reporting year the report covers.';
COMMENT ON COLUMN v_report.template IS 'The report''s template: {{ templates | join(", ") }} (dim_code holds each one''s codes and labels).';
COMMENT ON COLUMN v_report.status IS 'ok: parsed cleanly; issues: parsed with warnings or errors (see parse_issue).';
COMMENT ON COLUMN v_report.n_errors IS 'Number of parse issues of severity error.';
COMMENT ON COLUMN v_report.n_warnings IS 'Number of parse issues of severity warning.';
COMMENT ON COLUMN v_report.n_infos IS 'Number of parse issues of severity info.';
COMMENT ON COLUMN v_report.has_active IS 'The report contains table 2 (section {{ section_no.active }}).';
COMMENT ON COLUMN v_report.has_applications IS 'The report contains table 3 (section {{ section_no.applications }}).';
COMMENT ON COLUMN v_report.has_review_litigation IS 'The report contains table 4 (section {{ section_no.review_litigation }}).';
COMMENT ON COLUMN v_report.source_path IS 'Path of the raw file this version was read from.';
COMMENT ON COLUMN v_report.sha256 IS 'sha256 of the raw file bytes (hex).';
COMMENT ON COLUMN v_report.parser_version IS 'Version of the parser that produced the numbers.';
COMMENT ON COLUMN v_report.ingested_at IS 'Start time of the ingest run that first loaded this version.';
