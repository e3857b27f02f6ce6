-- Raw files that could not be used at all, with why. Every file seen is in dim_report, and the
-- unusable ones are also here for an operator to review.
CREATE TABLE IF NOT EXISTS quarantine (
    path           VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    seen_at        TIMESTAMP NOT NULL,
    report_id      VARCHAR NOT NULL,
    issue_codes    VARCHAR[],
    parser_version VARCHAR NOT NULL,
    PRIMARY KEY (report_id)
);

COMMENT ON TABLE quarantine IS 'Raw files whose report is unusable as a whole (unreadable, empty, binary, not a disclosure report, or the parser failed). They never become current; fix the file or the parser and the next build loads the new version.';
COMMENT ON COLUMN quarantine.path IS 'Path of the raw file as given to the build.';
COMMENT ON COLUMN quarantine.sha256 IS 'sha256 of the raw file bytes (hex).';
COMMENT ON COLUMN quarantine.reason IS 'Why the file was quarantined: the messages of its error issues.';
COMMENT ON COLUMN quarantine.seen_at IS 'Start time of the ingest run that first saw this file content.';
COMMENT ON COLUMN quarantine.report_id IS 'The matching dim_report row (status quarantined); its issues are in parse_issue.';
COMMENT ON COLUMN quarantine.issue_codes IS 'Codes of the error issues that caused the quarantine.';
COMMENT ON COLUMN quarantine.parser_version IS 'Version of the parser that judged the file.';
