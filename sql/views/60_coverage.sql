-- v_agency_registry: the agencies expected to publish — the roster (gazetteer, analyst CSV) and
-- every agency ever seen in the warehouse — one row per roster key (gov:<adcode> for a people's
-- government however its name is written, agency:<agency_id> otherwise).
CREATE OR REPLACE VIEW v_agency_registry AS
WITH entries AS (
    SELECT roster_key, name, agency_id, province, city, county, adcode, kind, level, list_url, since_year,
           sources, 1 AS name_rank, 0 AS region_rank
    FROM agency_roster
    UNION ALL
    SELECT CASE WHEN kind = 'government' AND adcode IS NOT NULL THEN 'gov:' || adcode
                ELSE 'agency:' || agency_id END,
           name, agency_id, province, city, county, adcode, kind, level, NULL, NULL,
           ['warehouse'], 0, 1
    FROM dim_agency
)
SELECT
    roster_key,
    arg_min(name, name_rank * 1000 + length(name)) AS name,
    list_sort(list_distinct(list(agency_id))) AS agency_ids,
    arg_min(province, region_rank) FILTER (WHERE province IS NOT NULL) AS province,
    arg_min(city, region_rank) FILTER (WHERE city IS NOT NULL) AS city,
    arg_min(county, region_rank) FILTER (WHERE county IS NOT NULL) AS county,
    arg_min(adcode, region_rank) FILTER (WHERE adcode IS NOT NULL) AS adcode,
    arg_min(kind, region_rank) FILTER (WHERE kind IS NOT NULL) AS kind,
    arg_min(level, region_rank) FILTER (WHERE level IS NOT NULL) AS level,
    max(list_url) AS list_url,
    min(since_year) AS since_year,
    list_sort(list_distinct(flatten(list(sources)))) AS sources
FROM entries
GROUP BY roster_key;

COMMENT ON VIEW v_agency_registry IS 'Agencies expected to publish a disclosure annual report: the roster (every people''s government at county level and above, the analyst''s roster CSV) and every agency seen in the warehouse, one row per roster key; sources says where each comes from (gazetteer, roster, warehouse).';

-- v_coverage: every expected agency × reporting year, and what became of its report: published
-- (ok / issues), quarantined, fetch_failed (the site lists it, the fetch failed), not_found, or
-- not_yet_due. Years: from the earliest year of a current report or a fetched link to the
-- latest reporting year whose report is due (or the latest year held, if later).
-- Due dates: 31 January of the next year (Regulations on Open Government Information as revised
-- in 2019, Art. 50, for reporting year 2019 on); 31 March of the next year before that (2008
-- Regulations, Art. 31).
CREATE OR REPLACE VIEW v_coverage AS
WITH fetched_file AS (
    SELECT sha256, arg_min(roster_key, url) AS roster_key, arg_min(year, url) AS year
    FROM fetch_record
    WHERE sha256 IS NOT NULL
    GROUP BY sha256
),
report_keys AS (
    SELECT
        r.report_id, r.status, r.is_current, r.source_url, r.published_at,
        coalesce(CASE WHEN a.kind = 'government' AND a.adcode IS NOT NULL THEN 'gov:' || a.adcode
                      WHEN r.agency_id IS NOT NULL THEN 'agency:' || r.agency_id END,
                 f.roster_key) AS roster_key,
        coalesce(r.year, f.year) AS year
    FROM dim_report AS r
    LEFT JOIN dim_agency AS a USING (agency_id)
    LEFT JOIN fetched_file AS f USING (sha256)
),
current_report AS (
    SELECT * FROM report_keys
    WHERE is_current AND status <> 'quarantined' AND roster_key IS NOT NULL AND year IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY roster_key, year
                               ORDER BY status = 'ok' DESC, published_at NULLS LAST, report_id) = 1
),
quarantined AS (
    SELECT roster_key, year, count(*) AS versions
    FROM report_keys
    WHERE status = 'quarantined' AND roster_key IS NOT NULL AND year IS NOT NULL
    GROUP BY ALL
),
listed AS (
    SELECT
        roster_key, year,
        bool_and(path IS NULL AND outcome = 'failed') AS all_failed,
        string_agg(DISTINCT reason, '; ' ORDER BY reason) FILTER (WHERE outcome = 'failed') AS reason,
        min(published_at) AS published_at,
        min(url) AS url
    FROM fetch_record
    WHERE roster_key IS NOT NULL AND year IS NOT NULL AND (role = 'page' OR parent_url IS NULL)
    GROUP BY ALL
),
bounds AS (
    SELECT
        coalesce(min(year), year(current_date) - 1) AS first_year,
        greatest(coalesce(max(year), 0), year(current_date) - 1) AS last_year
    FROM (SELECT year FROM report_keys WHERE is_current AND year IS NOT NULL
          UNION ALL SELECT year FROM listed)
),
years AS (
    SELECT unnest(generate_series(first_year, last_year)) AS year FROM bounds
),
expected AS (
    SELECT g.*, y.year,
           CASE WHEN y.year >= 2019 THEN make_date(y.year + 1, 1, 31)
                ELSE make_date(y.year + 1, 3, 31) END AS due_date
    FROM v_agency_registry AS g
    CROSS JOIN years AS y
    WHERE g.since_year IS NULL OR y.year >= g.since_year
),
joined AS (
    SELECT
        e.*,
        c.report_id, c.status AS report_status, c.source_url,
        q.versions AS quarantined_versions,
        l.all_failed, l.reason AS fetch_reason, l.url AS listed_url,
        coalesce(c.published_at, l.published_at) AS published
    FROM expected AS e
    LEFT JOIN current_report AS c USING (roster_key, year)
    LEFT JOIN quarantined AS q USING (roster_key, year)
    LEFT JOIN listed AS l USING (roster_key, year)
)
SELECT
    roster_key, name AS agency, province, city, county, adcode, kind, level, year,
    CASE
        WHEN report_id IS NOT NULL THEN report_status
        WHEN quarantined_versions IS NOT NULL THEN 'quarantined'
        WHEN all_failed THEN 'fetch_failed'
        WHEN due_date >= current_date THEN 'not_yet_due'
        ELSE 'not_found'
    END AS status,
    report_id IS NOT NULL AS published,
    report_id,
    coalesce(source_url, listed_url) AS source_url,
    published AS published_at,
    due_date,
    CASE WHEN published IS NOT NULL THEN greatest(0, date_diff('day', due_date, published)) END AS days_late,
    coalesce(published > due_date, false) AS late,
    fetch_reason,
    list_url,
    sources
FROM joined;

COMMENT ON VIEW v_coverage IS 'Every expected agency (v_agency_registry) x reporting year: status ok / issues (a current report), quarantined, fetch_failed (listed on the agency''s site but not fetched), not_found, not_yet_due; published_at and days_late against the due date (31 January of the next year from reporting year 2019, 31 March before).';

COMMENT ON COLUMN v_agency_registry.roster_key IS 'The agency''s key across spellings: gov:<adcode> for a people''s government, agency:<agency_id> otherwise.';
COMMENT ON COLUMN v_agency_registry.name IS 'The agency''s name (the roster''s spelling first, else the shortest seen).';
COMMENT ON COLUMN v_agency_registry.agency_ids IS 'Every dim_agency.agency_id filed under this key.';
COMMENT ON COLUMN v_agency_registry.province IS 'Province (省级) of the agency''s region.';
COMMENT ON COLUMN v_agency_registry.city IS 'City (地级) of the agency''s region.';
COMMENT ON COLUMN v_agency_registry.county IS 'County (县级) of the agency''s region.';
COMMENT ON COLUMN v_agency_registry.adcode IS 'Administrative division code of the region.';
COMMENT ON COLUMN v_agency_registry.kind IS 'What kind of agency: government, department, …';
COMMENT ON COLUMN v_agency_registry.level IS 'Administrative level of the region: province, city, county.';
COMMENT ON COLUMN v_agency_registry.list_url IS 'The agency''s annual-report column (list page), from the roster CSV.';
COMMENT ON COLUMN v_agency_registry.since_year IS 'First reporting year the agency is expected to publish (roster CSV), else the warehouse''s first year.';
COMMENT ON COLUMN v_agency_registry.sources IS 'Where the agency is known from: gazetteer, roster, warehouse.';

COMMENT ON COLUMN v_coverage.roster_key IS 'The agency''s key (v_agency_registry.roster_key).';
COMMENT ON COLUMN v_coverage.agency IS 'The agency''s name.';
COMMENT ON COLUMN v_coverage.province IS 'Province (省级) of the agency''s region.';
COMMENT ON COLUMN v_coverage.city IS 'City (地级) of the agency''s region.';
COMMENT ON COLUMN v_coverage.county IS 'County (县级) of the agency''s region.';
COMMENT ON COLUMN v_coverage.adcode IS 'Administrative division code of the region.';
COMMENT ON COLUMN v_coverage.kind IS 'What kind of agency: government, department, …';
COMMENT ON COLUMN v_coverage.level IS 'Administrative level of the region.';
COMMENT ON COLUMN v_coverage.year IS 'Reporting year.';
COMMENT ON COLUMN v_coverage.status IS 'ok / issues (a current report, by its parse status), quarantined, fetch_failed, not_found, not_yet_due.';
COMMENT ON COLUMN v_coverage.published IS 'Whether a current report of the agency and year is in the warehouse.';
COMMENT ON COLUMN v_coverage.report_id IS 'The current report (dim_report.report_id), when there is one.';
COMMENT ON COLUMN v_coverage.source_url IS 'Where the report was fetched from, or where its column lists it.';
COMMENT ON COLUMN v_coverage.published_at IS 'Publication date printed beside the link or on the page.';
COMMENT ON COLUMN v_coverage.due_date IS 'When the report was due: 31 January of the next year (reporting years from 2019), 31 March before.';
COMMENT ON COLUMN v_coverage.days_late IS 'Days between the due date and the publication date (0 when on time); NULL when not published or undated.';
COMMENT ON COLUMN v_coverage.late IS 'Published after the due date.';
COMMENT ON COLUMN v_coverage.fetch_reason IS 'Why fetching the listed report failed.';
COMMENT ON COLUMN v_coverage.list_url IS 'The agency''s annual-report column.';
COMMENT ON COLUMN v_coverage.sources IS 'Where the agency is known from: gazetteer, roster, warehouse.';
