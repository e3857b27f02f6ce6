-- Evidence across readings of one report (pipelines/reconcile): the other cuts the parser found
-- for a row, which readings a reconciled version was made of, and what each of its cells rests on.
-- Not declared with keys for the reasons given in 30_facts.sql; the load keeps them unique.
CREATE TABLE IF NOT EXISTS row_alternative (
    report_id      VARCHAR NOT NULL,
    table_name     VARCHAR NOT NULL,
    row_code       VARCHAR NOT NULL,
    alternative_no INTEGER NOT NULL,
    col_code       VARCHAR NOT NULL,
    value          DECIMAL(20, 6)
);

COMMENT ON TABLE row_alternative IS 'Rows whose digits ran together and that several cuts fit, every sum holding: one row per cut and column. alternative_no 0 is the cut the facts hold, the others follow in the parser''s order of preference. A copy or the previous year may settle which is right (cell_evidence).';
COMMENT ON COLUMN row_alternative.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN row_alternative.table_name IS 'The statistical table: {{ tables | join(", ") }}.';
COMMENT ON COLUMN row_alternative.row_code IS 'Row code (item, row_code or group_code of the facts).';
COMMENT ON COLUMN row_alternative.alternative_no IS 'Which cut: 0 the one chosen, 1, 2 … the others in order of preference.';
COMMENT ON COLUMN row_alternative.col_code IS 'Column code (metric, applicant_type or outcome of the facts).';
COMMENT ON COLUMN row_alternative.value IS 'The cell''s value under this cut.';

CREATE TABLE IF NOT EXISTS report_copy (
    report_id VARCHAR NOT NULL,
    member_id VARCHAR NOT NULL,
    role      VARCHAR NOT NULL CHECK (role IN ('primary', 'copy', 'prior_year')),
    rank      INTEGER NOT NULL
);

COMMENT ON TABLE report_copy IS 'What each reconciled version (dim_report.layout = ''reconciled'') was made of: its copies (the same report as a page, its attachment, a crawler''s text) and the previous year''s report that settled a cell. One row per reconciled version and reading.';
COMMENT ON COLUMN report_copy.report_id IS 'The reconciled version (dim_report.report_id).';
COMMENT ON COLUMN report_copy.member_id IS 'A version it reads (dim_report.report_id): a copy, superseded by the reconciled version while that is current, or the previous year''s report.';
COMMENT ON COLUMN report_copy.role IS 'primary: the copy the reconciled version starts from (fewest doubtful cells); copy: another copy; prior_year: the agency''s report of the year before, which settled a cell of the continuity row.';
COMMENT ON COLUMN report_copy.rank IS 'Order of the copies, the primary 1; the previous year''s report last.';

CREATE TABLE IF NOT EXISTS cell_evidence (
    report_id  VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_code   VARCHAR NOT NULL,
    col_code   VARCHAR NOT NULL,
    value      DECIMAL(20, 6),
    evidence   VARCHAR NOT NULL
        CHECK (evidence IN ('confirmed', 'single', 'settled_by_copy', 'settled_by_prior_year', 'copies_disagree', 'doubtful')),
    sources    STRUCT(report_id VARCHAR, source_path VARCHAR, location VARCHAR, raw_text VARCHAR,
                      value DECIMAL(20, 6), certain BOOLEAN, role VARCHAR)[]
);

COMMENT ON TABLE cell_evidence IS 'For every cell of a reconciled version, what its value rests on: which copies read it, where, how, and whether with certainty. One row per reconciled version and cell; a version read from one file alone has none (its facts are its evidence).';
COMMENT ON COLUMN cell_evidence.report_id IS 'The reconciled version (dim_report.report_id); its facts hold the same values.';
COMMENT ON COLUMN cell_evidence.table_name IS 'The statistical table: {{ tables | join(", ") }}.';
COMMENT ON COLUMN cell_evidence.row_code IS 'Row code (item, row_code or group_code of the facts).';
COMMENT ON COLUMN cell_evidence.col_code IS 'Column code (metric, applicant_type or outcome of the facts).';
COMMENT ON COLUMN cell_evidence.value IS 'The value the reconciled version holds.';
COMMENT ON COLUMN cell_evidence.evidence IS 'confirmed: every copy that read the cell with certainty agrees (two or more); single: one copy read it, with certainty; settled_by_copy: a copy was doubtful (digits cut more than one way, OCR doubt, unreadable, a row placed by position …) and a certain copy settled it, within what the doubtful copy allows; settled_by_prior_year: the previous year''s report settled it (spec continuity); copies_disagree: certain readings differ, or a certain one the doubtful copy does not allow (the better-ranked copy''s value is kept); doubtful: no copy read it with certainty.';
COMMENT ON COLUMN cell_evidence.sources IS 'Each reading of the cell: the version (report_id, source_path), where in its file (location), the text printed there (raw_text), its value, whether that reading was certain, and its role (copy, or prior_year for the previous year''s cell).';
