-- The three statistical tables, long: one row per printed cell, keyed by the templates' canonical
-- codes so every template lives in the same tables (their labels: dim_code). Each cell carries where it was
-- read and the raw text printed there.
-- The key of each table (report_id and the two codes) is unique: the load guarantees it and a
-- test checks it. It is not declared as a PRIMARY KEY on purpose: the index would make the file
-- fifteen times larger and the bulk load twice as slow, and nothing here looks rows up by key.
CREATE TABLE IF NOT EXISTS fact_active_disclosure (
    report_id       VARCHAR NOT NULL,
    item            VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,
    value           DECIMAL(20, 6),
    unit            VARCHAR NOT NULL,
    source_location VARCHAR,
    raw_text        VARCHAR
);

COMMENT ON TABLE fact_active_disclosure IS 'Table 2 (section {{ section_no.active }}, {{ section.active | escape_sql }}), one row per cell: item x metric. Item and metric codes depend on the template; their labels are in dim_code (table_name active).';
COMMENT ON COLUMN fact_active_disclosure.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_active_disclosure.item IS 'Row code: {{ rows.active | join(", ") }} (dim_code axis row).';
COMMENT ON COLUMN fact_active_disclosure.metric IS 'Column code (dim_code axis column), per template: {% for t in templates %}{{ t }}: {{ codes_of[t].active.column | join(", ") }}{{ "; " if not loop.last }}{% endfor %}.';
COMMENT ON COLUMN fact_active_disclosure.value IS 'The number printed; a blank cell is 0; NULL when the cell could not be read. change may be negative; money is a decimal kept to 6 places (0.01 yuan when in 万元).';
COMMENT ON COLUMN fact_active_disclosure.unit IS 'Unit of value: count, or for money the unit its metric is stored in ({% for m, u in money.items() %}{{ m }}: {{ u | escape_sql }}{{ ", " if not loop.last }}{% endfor %}; an amount printed in another unit is converted).';
COMMENT ON COLUMN fact_active_disclosure.source_location IS 'Where in the raw file the number was read (line, table cell …), from the parser''s provenance.';
COMMENT ON COLUMN fact_active_disclosure.raw_text IS 'The text printed in that cell before normalisation (full-width digits, —, 无 …).';

CREATE TABLE IF NOT EXISTS fact_application (
    report_id       VARCHAR NOT NULL,
    row_code        VARCHAR NOT NULL,
    applicant_type  VARCHAR NOT NULL,
    count           BIGINT,
    source_location VARCHAR,
    raw_text        VARCHAR
);

COMMENT ON TABLE fact_application IS 'Table 3 (section {{ section_no.applications }}, {{ section.applications | escape_sql }}), one row per cell: row code x applicant type; labels in dim_code (table_name applications).';
COMMENT ON COLUMN fact_application.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_application.row_code IS 'Row code, as printed (a report printing another template''s form of the table keeps that form''s codes, see report_table_form), per template: {% for t in templates %}{{ t }}: {{ codes_of[t].applications.row | join(", ") }}{{ "; " if not loop.last }}{% endfor %}.';
COMMENT ON COLUMN fact_application.applicant_type IS 'Column code: {{ columns.applications | join(", ") }} ({{ total.applications }} as printed, not recomputed).';
COMMENT ON COLUMN fact_application.count IS 'Number of applications printed; a blank cell is 0; NULL when the cell could not be read.';
COMMENT ON COLUMN fact_application.source_location IS 'Where in the raw file the number was read, from the parser''s provenance.';
COMMENT ON COLUMN fact_application.raw_text IS 'The text printed in that cell before normalisation.';

CREATE TABLE IF NOT EXISTS fact_review_litigation (
    report_id       VARCHAR NOT NULL,
    group_code      VARCHAR NOT NULL,
    outcome         VARCHAR NOT NULL,
    count           BIGINT,
    source_location VARCHAR,
    raw_text        VARCHAR
);

COMMENT ON TABLE fact_review_litigation IS 'Table 4 (section {{ section_no.review_litigation }}, {{ section.review_litigation | escape_sql }}), one row per cell: group x outcome; labels in dim_code (table_name review_litigation).';
COMMENT ON COLUMN fact_review_litigation.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_review_litigation.group_code IS 'Row code: {% for c in rows.review_litigation %}{{ c }} ({{ label("review_litigation", "row", c) | escape_sql }}){{ ", " if not loop.last }}{% endfor %}.';
COMMENT ON COLUMN fact_review_litigation.outcome IS 'Column code: {% for c in columns.review_litigation %}{{ c }} ({{ label("review_litigation", "column", c) | escape_sql }}){{ ", " if not loop.last }}{% endfor %}; {{ total.review_litigation }} as printed, not recomputed.';
COMMENT ON COLUMN fact_review_litigation.count IS 'Number of cases printed; a blank cell is 0; NULL when the cell could not be read.';
COMMENT ON COLUMN fact_review_litigation.source_location IS 'Where in the raw file the number was read, from the parser''s provenance.';
COMMENT ON COLUMN fact_review_litigation.raw_text IS 'The text printed in that cell before normalisation.';
