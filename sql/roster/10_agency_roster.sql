-- The roster as its inputs give it now (gazetteer, analyst CSV): replaced whole. Reads
-- stg_roster (pipelines/warehouse/roster.py). Parameters: $built_at.
DELETE FROM agency_roster;
INSERT INTO agency_roster BY NAME
SELECT roster_key, name, agency_id, province, city, county, adcode, kind, level, list_url,
       since_year, sources, $built_at AS updated_at
FROM stg_roster;
