-- What a fact table's GX suite validates: one row per report that prints the table, with
-- <key>_observed and <key>_expected for each check key (`keys`, the suite's checks; NULL where a
-- check does not apply to the report, e.g. rule 6 without a neighbouring year).
-- Parameters: $table_name.
SELECT
    report_id,
{% for key in keys %}
    max(observed) FILTER (WHERE check_key = {{ key | literal }}) AS {{ (key ~ "_observed") | ident }},
    max(expected) FILTER (WHERE check_key = {{ key | literal }}) AS {{ (key ~ "_expected") | ident }},
{% endfor %}
FROM check_frame
WHERE table_name = $table_name
GROUP BY report_id
ORDER BY report_id;
