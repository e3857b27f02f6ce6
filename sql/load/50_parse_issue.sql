-- The parser's issues for the new report versions. Parameters: none; reads stg_issue.
INSERT INTO parse_issue BY NAME
SELECT DISTINCT ON (report_id, issue_no)
    report_id, issue_no, code, severity, location, message
FROM stg_issue
WHERE report_id IN (SELECT report_id FROM new_report);
