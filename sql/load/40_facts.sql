-- The cells of the new report versions. Identical bytes give identical cells, so duplicates in
-- the batch collapse on the key. Parameters: none; reads stg_active, stg_application,
-- stg_review_litigation.
INSERT INTO fact_active_disclosure BY NAME
SELECT DISTINCT ON (report_id, item, metric)
    report_id, item, metric, value, unit, source_location, raw_text
FROM stg_active
WHERE report_id IN (SELECT report_id FROM new_report)
ORDER BY report_id, item, metric;

INSERT INTO fact_application BY NAME
SELECT DISTINCT ON (report_id, row_code, applicant_type)
    report_id, row_code, applicant_type, count, source_location, raw_text
FROM stg_application
WHERE report_id IN (SELECT report_id FROM new_report)
ORDER BY report_id, row_code, applicant_type;

INSERT INTO fact_review_litigation BY NAME
SELECT DISTINCT ON (report_id, group_code, outcome)
    report_id, group_code, outcome, count, source_location, raw_text
FROM stg_review_litigation
WHERE report_id IN (SELECT report_id FROM new_report)
ORDER BY report_id, group_code, outcome;
