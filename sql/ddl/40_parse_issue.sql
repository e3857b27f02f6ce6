-- What the parser doubted, per report version: the machine-readable issues of the Report.
-- (report_id, issue_no) is unique; not declared as a key for the reasons given in 30_facts.sql.
CREATE TABLE IF NOT EXISTS parse_issue (
    report_id VARCHAR NOT NULL,
    issue_no  INTEGER NOT NULL,
    code      VARCHAR NOT NULL,
    severity  VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    location  VARCHAR,
    message   VARCHAR
);

COMMENT ON TABLE parse_issue IS 'Issues the parser raised for each report version (pipelines/parse/report.py ISSUE_CODES), including cross-sum rules the printed numbers break (code rule_broken).';
COMMENT ON COLUMN parse_issue.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN parse_issue.issue_no IS 'Order of the issue within the report, from 1.';
COMMENT ON COLUMN parse_issue.code IS 'Stable issue code, e.g. table_missing, digits_ambiguous, rule_broken, not_a_report.';
COMMENT ON COLUMN parse_issue.severity IS 'error: a table or the report could not be read; warning: a number may be wrong, or the report''s own arithmetic is; info: something was repaired or inferred.';
COMMENT ON COLUMN parse_issue.location IS 'The table/row/column or place in the file the issue concerns.';
COMMENT ON COLUMN parse_issue.message IS 'Human-readable explanation.';
