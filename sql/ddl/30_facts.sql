-- The three statistical tables, long: one row per printed cell, keyed by the spec's canonical
-- codes so both templates (v2019, v2021) live in the same tables. Each cell carries where it was
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

COMMENT ON TABLE fact_active_disclosure IS 'Table 2 (主动公开政府信息情况), one row per cell: item x metric. Item and metric codes depend on the template (spec, table 2).';
COMMENT ON COLUMN fact_active_disclosure.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_active_disclosure.item IS 'Row code: rules, normative_docs, licensing, other_services, punishment, enforcement, fees, procurement.';
COMMENT ON COLUMN fact_active_disclosure.metric IS 'Column code: issued/repealed/in_force (v2021), new_made/new_published/total_published, prev_items/change/decisions (v2019), decisions, amount_10k_yuan, projects, amount_yuan.';
COMMENT ON COLUMN fact_active_disclosure.value IS 'The number printed; a blank cell is 0; NULL when the cell could not be read. change may be negative; money is a decimal kept to 6 places (0.01 yuan when in 万元).';
COMMENT ON COLUMN fact_active_disclosure.unit IS 'Unit of value: count, 万元 (amount_10k_yuan) or 元 (amount_yuan, converted from 万元 where printed so).';
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

COMMENT ON TABLE fact_application IS 'Table 3 (收到和处理政府信息公开申请情况), one row per cell: row code x applicant type.';
COMMENT ON COLUMN fact_application.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_application.row_code IS 'Row code of the spec: new, carried_over, granted, partial, denied_* (8 reasons), unable_* (3), rejected_* (5), other (v2019) or other_no_correction/other_no_fee/other_misc (v2021), total_handled, carried_forward.';
COMMENT ON COLUMN fact_application.applicant_type IS 'Column code: natural_person, commercial, research, social_org, legal_service, other, total (总计 as printed, not recomputed).';
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

COMMENT ON TABLE fact_review_litigation IS 'Table 4 (政府信息公开行政复议、行政诉讼情况), one row per cell: group x outcome.';
COMMENT ON COLUMN fact_review_litigation.report_id IS 'The report version (dim_report.report_id).';
COMMENT ON COLUMN fact_review_litigation.group_code IS 'review (行政复议), litigation_direct (未经复议直接起诉), litigation_after_review (复议后起诉).';
COMMENT ON COLUMN fact_review_litigation.outcome IS 'upheld (结果维持), corrected (结果纠正), other (其他结果), pending (尚未审结), total (总计 as printed).';
COMMENT ON COLUMN fact_review_litigation.count IS 'Number of cases printed; a blank cell is 0; NULL when the cell could not be read.';
COMMENT ON COLUMN fact_review_litigation.source_location IS 'Where in the raw file the number was read, from the parser''s provenance.';
COMMENT ON COLUMN fact_review_litigation.raw_text IS 'The text printed in that cell before normalisation.';
