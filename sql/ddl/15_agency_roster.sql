-- The agencies expected to publish a report every year, whether or not the warehouse holds one:
-- every people's government at county level and above (the gazetteer) and the agencies of the
-- analyst's roster CSV. The agencies of dim_agency join them in v_agency_registry. Replaced
-- whole at every build from its inputs (pipelines/warehouse/roster.py).
CREATE TABLE IF NOT EXISTS agency_roster (
    roster_key  VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    agency_id   VARCHAR,
    province    VARCHAR,
    city        VARCHAR,
    county      VARCHAR,
    adcode      VARCHAR,
    kind        VARCHAR,
    level       VARCHAR,
    list_url    VARCHAR,
    since_year  INTEGER,
    sources     VARCHAR[] NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

COMMENT ON TABLE agency_roster IS 'Agencies expected to publish a disclosure annual report every year (Regulations on Open Government Information, Art. 50): every people''s government at county level and above from the gazetteer, and each agency of the analyst''s roster CSV. Rebuilt from those inputs at every build; v_agency_registry adds every agency ever seen in the warehouse.';
COMMENT ON COLUMN agency_roster.roster_key IS 'What makes two names one agency: gov:<adcode> for a people''s government (however its name is written), else agency:<agency_id>.';
COMMENT ON COLUMN agency_roster.name IS 'Agency name: 县/市/省 + 人民政府 for a government from the gazetteer, as written in the roster CSV otherwise.';
COMMENT ON COLUMN agency_roster.agency_id IS 'dim_agency.agency_id the name would have (first 16 hex digits of sha256 of the name).';
COMMENT ON COLUMN agency_roster.province IS 'Province-level region of the agency.';
COMMENT ON COLUMN agency_roster.city IS 'Prefecture-level region; NULL for provincial agencies and the districts of the municipalities.';
COMMENT ON COLUMN agency_roster.county IS 'County-level region; NULL above county level.';
COMMENT ON COLUMN agency_roster.adcode IS 'Administrative division code of the agency''s region.';
COMMENT ON COLUMN agency_roster.kind IS 'government, department, special_zone … as the parser classifies the name.';
COMMENT ON COLUMN agency_roster.level IS 'province, city or county.';
COMMENT ON COLUMN agency_roster.list_url IS 'The list page of the agency''s annual-report column, from the roster CSV (the page xxgk fetch reads).';
COMMENT ON COLUMN agency_roster.since_year IS 'First reporting year the agency is expected for (roster CSV column since); NULL: every year the warehouse covers.';
COMMENT ON COLUMN agency_roster.sources IS 'Where the entry comes from: gazetteer, roster (the analyst''s CSV).';
COMMENT ON COLUMN agency_roster.updated_at IS 'Start of the build that wrote the roster.';
