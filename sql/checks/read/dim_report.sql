-- What the dim_report suite validates. Parameters: none.
SELECT report_id, agency_id, year, template, status, is_current FROM dim_report ORDER BY report_id;
