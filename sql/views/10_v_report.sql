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
