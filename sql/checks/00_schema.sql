-- The rules of the spec as rows (filled from pipelines.spec by pipelines/quality/checks.py), and the
-- reports the checks look at. Every check view below joins these; none repeats a rule by hand.
CREATE SCHEMA IF NOT EXISTS checks;

CREATE OR REPLACE TABLE checks.rule_term (
    template   VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL,
    equation   VARCHAR NOT NULL,
    side       VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_code   VARCHAR NOT NULL,
    col_code   VARCHAR NOT NULL
);
COMMENT ON TABLE checks.rule_term IS 'Rules 1-4 of the spec, one row per cell of each equation (pipelines.spec.sum_rules): left cells added up must equal right cells added up.';

CREATE OR REPLACE TABLE checks.cell_code (
    template   VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_code   VARCHAR NOT NULL,
    col_code   VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL
);
COMMENT ON TABLE checks.cell_code IS 'Every cell of each template (pipelines.spec); kind is count (rule 5 applies), signed (change) or money.';

-- The reports under check: the current version of each report that was not quarantined.
CREATE OR REPLACE VIEW checks.report AS
SELECT report_id, agency_id, year, template, status
FROM dim_report
WHERE is_current AND status <> 'quarantined';
