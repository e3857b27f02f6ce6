-- Every version of every report ever loaded (history is kept): one row per raw file content and
-- parser version. Analysts filter on is_current; superseded versions keep their facts.
CREATE TABLE IF NOT EXISTS dim_report (
    report_id      VARCHAR PRIMARY KEY,
    agency_id      VARCHAR,
    agency         VARCHAR,
    year           INTEGER,
    template       VARCHAR,
    source_path    VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    parser_version VARCHAR NOT NULL,
    ingested_at    TIMESTAMP NOT NULL,
    status         VARCHAR NOT NULL CHECK (status IN ('ok', 'issues', 'quarantined')),
    is_current     BOOLEAN NOT NULL DEFAULT false,
    report_key     VARCHAR NOT NULL,
    superseded_by  VARCHAR,
    title          VARCHAR,
    layout         VARCHAR,
    encoding       VARCHAR,
    n_errors       INTEGER NOT NULL DEFAULT 0,
    n_warnings     INTEGER NOT NULL DEFAULT 0,
    n_infos        INTEGER NOT NULL DEFAULT 0,
    has_active           BOOLEAN NOT NULL DEFAULT false,
    has_applications     BOOLEAN NOT NULL DEFAULT false,
    has_review_litigation BOOLEAN NOT NULL DEFAULT false
);

COMMENT ON TABLE dim_report IS 'One row per loaded version of a report (raw file content x parser version). History is kept: a revised report for the same agency and year becomes current and the older row gets is_current = false. Quarantined files are listed here too (status quarantined, never current) with their reason in quarantine.';
COMMENT ON COLUMN dim_report.report_id IS 'Stable key: first 16 hex digits of sha256(raw sha256 || '':'' || parser_version). Loading the same bytes with the same parser again changes nothing.';
COMMENT ON COLUMN dim_report.agency_id IS 'The publishing agency (dim_agency.agency_id); NULL when the parser found no agency name.';
COMMENT ON COLUMN dim_report.agency IS 'Agency name as parsed (denormalised from dim_agency.name for convenience).';
COMMENT ON COLUMN dim_report.year IS 'Reporting year the report covers (the report is published by 31 January of the next year).';
COMMENT ON COLUMN dim_report.template IS 'Statistical format of the tables (pipelines/templates): {% for t in templates %}{{ t }} (assumed from reporting year {{ first_year[t] }}){{ ", " if not loop.last }}{% endfor %}; a table printed in another template''s form: report_table_form.';
COMMENT ON COLUMN dim_report.source_path IS 'Path of the raw file this version was read from, as given to the build; for a reconciled version, its primary copy''s (report_copy).';
COMMENT ON COLUMN dim_report.sha256 IS 'sha256 of the raw file bytes (hex); for a reconciled version, a digest of the versions it reads.';
COMMENT ON COLUMN dim_report.parser_version IS 'Version of the parser that produced the numbers (pipelines.parse.report.PARSER_VERSION).';
COMMENT ON COLUMN dim_report.ingested_at IS 'Start time of the ingest run that first loaded this version.';
COMMENT ON COLUMN dim_report.status IS 'ok: parsed cleanly; issues: parsed with warnings or errors (see parse_issue); quarantined: unusable, see quarantine.';
COMMENT ON COLUMN dim_report.is_current IS 'True for the one version per report_key analysts should use: the most recently ingested non-quarantined version (ties: fewer errors and warnings, then path) — or, where other files are copies of it, the reconciled version of them all (layout reconciled).';
COMMENT ON COLUMN dim_report.report_key IS 'What makes two files versions of the same report: agency_id and year when both are known, else the source path.';
COMMENT ON COLUMN dim_report.superseded_by IS 'report_id of the current version that replaced this one; NULL when this row is current or quarantined.';
COMMENT ON COLUMN dim_report.title IS 'Report title as printed.';
COMMENT ON COLUMN dim_report.layout IS 'How the report arrived, as detected by the parser: html, markdown, text-tabs, text (rows, one cell per line, text extracted from a PDF), text-oneline (a crawler''s body), pdf (a PDF file, read through its text layer), docx (a Word file); reconciled (not a file: the copies of one report read as one, see report_copy and cell_evidence).';
COMMENT ON COLUMN dim_report.encoding IS 'Text encoding of the raw file as detected (utf-8, gb18030 …); pdf or docx for those files.';
COMMENT ON COLUMN dim_report.n_errors IS 'Number of parse issues of severity error.';
COMMENT ON COLUMN dim_report.n_warnings IS 'Number of parse issues of severity warning (includes the report''s own broken cross-sums, code rule_broken).';
COMMENT ON COLUMN dim_report.n_infos IS 'Number of parse issues of severity info (repairs and inferences).';
COMMENT ON COLUMN dim_report.has_active IS 'The report contains table 2 (proactive disclosure).';
COMMENT ON COLUMN dim_report.has_applications IS 'The report contains table 3 (applications received and handled).';
COMMENT ON COLUMN dim_report.has_review_litigation IS 'The report contains table 4 (administrative review and litigation).';
