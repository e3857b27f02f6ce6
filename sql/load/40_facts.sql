-- The cells of the new report versions. Identical bytes give identical cells: the cells of a file
-- copied within the batch (copies > 1) collapse on the key; the rest go straight in, unsorted.
-- Parameters: none; reads stg_active, stg_application, stg_review_litigation.
INSERT INTO fact_active_disclosure BY NAME
SELECT report_id, item, metric, value, unit, source_location, raw_text
FROM stg_active
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies = 1)
UNION ALL
SELECT DISTINCT ON (report_id, item, metric) report_id, item, metric, value, unit, source_location, raw_text
FROM stg_active
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies > 1);

INSERT INTO fact_application BY NAME
SELECT report_id, row_code, applicant_type, count, source_location, raw_text
FROM stg_application
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies = 1)
UNION ALL
SELECT DISTINCT ON (report_id, row_code, applicant_type)
    report_id, row_code, applicant_type, count, source_location, raw_text
FROM stg_application
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies > 1);

INSERT INTO fact_review_litigation BY NAME
SELECT report_id, group_code, outcome, count, source_location, raw_text
FROM stg_review_litigation
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies = 1)
UNION ALL
SELECT DISTINCT ON (report_id, group_code, outcome)
    report_id, group_code, outcome, count, source_location, raw_text
FROM stg_review_litigation
WHERE report_id IN (SELECT report_id FROM new_report WHERE copies > 1);
