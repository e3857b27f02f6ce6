-- Table 3 totals of every current report, with the agency's new requests of the year before
-- (rebuilt whole: which report is current may have changed in this run). One column per balance
-- row of rule 1, read from the total column. Parameters: none.
DELETE FROM agg_application_totals;
INSERT INTO agg_application_totals BY NAME
WITH totals AS (
    SELECT
        report_id,
{% for c in balance_rows %}
        max(count) FILTER (WHERE row_code = {{ c | literal }}) AS {{ c | ident }},
{% endfor %}
    FROM fact_application
    WHERE applicant_type = {{ total.applications | literal }}
      AND row_code IN ({{ balance_rows | in_list }})
    GROUP BY report_id
),
current AS (
    SELECT t.*, r.agency_id, r.year
    FROM totals AS t JOIN dim_report AS r USING (report_id)
    WHERE r.is_current AND r.agency_id IS NOT NULL AND r.year IS NOT NULL
)
SELECT
    c.*,
    p.{{ balance_rows[0] | ident }} AS previous_year_new
FROM current AS c
LEFT JOIN current AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1;
