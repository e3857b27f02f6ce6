-- The other cuts of the new report versions' ambiguous rows (a file copied within the batch gives
-- the same rows twice: kept once). Parameters: none; reads stg_alternative.
INSERT INTO row_alternative BY NAME
SELECT DISTINCT ON (report_id, table_name, row_code, alternative_no, col_code)
    report_id, table_name, row_code, alternative_no, col_code, value
FROM stg_alternative
WHERE report_id IN (SELECT report_id FROM new_report);
