-- New agencies, and region fields filled in or corrected by newer reports (latest year wins,
-- an empty value never overwrites a known one). Parameters: $ingested_at.
MERGE INTO dim_agency AS a
USING (
    SELECT
        agency_id,
        arg_max(agency, year) AS name,
        arg_max(province, year) FILTER (WHERE province IS NOT NULL) AS province,
        arg_max(city, year) FILTER (WHERE city IS NOT NULL) AS city,
        arg_max(county, year) FILTER (WHERE county IS NOT NULL) AS county,
        arg_max(adcode, year) FILTER (WHERE adcode IS NOT NULL) AS adcode,
        arg_max(kind, year) FILTER (WHERE kind IS NOT NULL) AS kind,
        arg_max(level, year) FILTER (WHERE level IS NOT NULL) AS level
    FROM new_report
    WHERE agency_id IS NOT NULL AND status <> 'quarantined'
    GROUP BY agency_id
) AS n
ON a.agency_id = n.agency_id
WHEN MATCHED AND (
    coalesce(n.province, a.province) IS DISTINCT FROM a.province
    OR coalesce(n.city, a.city) IS DISTINCT FROM a.city
    OR coalesce(n.county, a.county) IS DISTINCT FROM a.county
    OR coalesce(n.adcode, a.adcode) IS DISTINCT FROM a.adcode
    OR coalesce(n.kind, a.kind) IS DISTINCT FROM a.kind
    OR coalesce(n.level, a.level) IS DISTINCT FROM a.level
) THEN UPDATE SET
    province = coalesce(n.province, a.province),
    city = coalesce(n.city, a.city),
    county = coalesce(n.county, a.county),
    adcode = coalesce(n.adcode, a.adcode),
    kind = coalesce(n.kind, a.kind),
    level = coalesce(n.level, a.level),
    updated_at = $ingested_at
WHEN NOT MATCHED THEN INSERT (
    agency_id, name, province, city, county, adcode, kind, level, first_seen_at, updated_at
) VALUES (
    n.agency_id, n.name, n.province, n.city, n.county, n.adcode, n.kind, n.level,
    $ingested_at, $ingested_at
);
