-- The reports a `xxgk report` run covers: the current version of each usable report of one agency
-- ($agency_id), of the agencies of one region ($level province/city/county with the region's
-- $province, $city, $county as the gazetteer spells them), or of all agencies; within the years
-- $year_from … $year_to (NULL: open). Kept as a temporary table that the other files join; with
-- it, `printed_cell`, the one shape of every printed cell that cells.sql and year_cells.sql read.
CREATE OR REPLACE TEMP TABLE report_scope AS
SELECT v.report_id, v.agency_id, v.agency, v.province, v.city, v.county, v.year, v.template, v.status,
       v.n_errors, v.n_warnings, v.n_infos, v.has_active, v.has_applications, v.has_review_litigation,
       v.source_path, d.title
FROM v_report v
JOIN dim_report d USING (report_id)
WHERE (CAST($agency_id AS VARCHAR) IS NULL OR v.agency_id = $agency_id)
  AND (CAST($level AS VARCHAR) IS NULL
       OR (v.province = $province
           AND ($level = 'province'
                OR (v.city IS NOT DISTINCT FROM CAST($city AS VARCHAR)
                    AND ($level = 'city' OR v.county = $county)))))
  AND (CAST($year_from AS INTEGER) IS NULL OR v.year >= $year_from)
  AND (CAST($year_to AS INTEGER) IS NULL OR v.year <= $year_to)
  AND v.year IS NOT NULL;

-- Every printed cell of the three tables, one row each: the table, its row and column codes, the
-- value (as one exact type across the tables), its unit, the text printed there and where it was read.
CREATE OR REPLACE TEMP VIEW printed_cell AS
SELECT report_id, 'active' AS table_name, item AS row_code, metric AS col_code,
       CAST(value AS DECIMAL(38, 6)) AS value, unit, source_location, raw_text
FROM fact_active_disclosure
UNION ALL
SELECT report_id, 'applications', row_code, applicant_type, CAST(count AS DECIMAL(38, 6)), 'count',
       source_location, raw_text
FROM fact_application
UNION ALL
SELECT report_id, 'review_litigation', group_code, outcome, CAST(count AS DECIMAL(38, 6)), 'count',
       source_location, raw_text
FROM fact_review_litigation;
