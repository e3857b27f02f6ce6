-- The agencies that publish reports: one row per agency name, with its region as the parser
-- resolved it. agency_id is derived from the name, so a rebuild from scratch gives the same ids.
CREATE TABLE IF NOT EXISTS dim_agency (
    agency_id     VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    province      VARCHAR,
    city          VARCHAR,
    county        VARCHAR,
    adcode        VARCHAR,
    kind          VARCHAR,
    level         VARCHAR,
    first_seen_at TIMESTAMP,
    updated_at    TIMESTAMP
);

COMMENT ON TABLE dim_agency IS 'Agencies (行政机关) that publish disclosure annual reports; one row per agency name, region as resolved by the parser (latest non-empty value wins).';
COMMENT ON COLUMN dim_agency.agency_id IS 'Stable key: first 16 hex digits of sha256 of the agency name, identical across rebuilds.';
COMMENT ON COLUMN dim_agency.name IS 'Full agency name as printed in the report title (abbreviations expanded by the parser), e.g. 平湖市统计局.';
COMMENT ON COLUMN dim_agency.province IS 'Province-level region (省/自治区/直辖市) the agency belongs to; NULL when unresolved.';
COMMENT ON COLUMN dim_agency.city IS 'Prefecture-level region (地级市/州/盟); NULL for provincial agencies or when unresolved.';
COMMENT ON COLUMN dim_agency.county IS 'County-level region (区/县/县级市); NULL above county level or when unresolved.';
COMMENT ON COLUMN dim_agency.adcode IS 'Administrative division code (行政区划代码) of the most specific region resolved.';
COMMENT ON COLUMN dim_agency.kind IS 'What sort of agency: people''s government, department, township … as classified by the parser.';
COMMENT ON COLUMN dim_agency.level IS 'Administrative level of the agency: national, province, city, county, township.';
COMMENT ON COLUMN dim_agency.first_seen_at IS 'Ingest run time when a report of this agency was first loaded.';
COMMENT ON COLUMN dim_agency.updated_at IS 'Ingest run time when the region fields last changed.';
