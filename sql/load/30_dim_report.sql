-- The new report versions, every one of them (quarantined too: dim_report lists every file
-- content seen). is_current is settled by 70_current.sql. Parameters: $ingested_at.
INSERT INTO dim_report BY NAME
SELECT
    report_id, agency_id, agency, year, template, source_path, sha256, parser_version,
    $ingested_at AS ingested_at, status, false AS is_current, report_key, title, layout, encoding,
    n_errors, n_warnings, n_infos, has_active, has_applications, has_review_litigation
FROM new_report;
